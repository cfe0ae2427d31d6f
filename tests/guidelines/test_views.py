"""The editor's pages: a section saved as edited, Swedish messages at the field, the comparison, the
documents, the export and the adoption."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from socialfund.guidelines.fields import section
from socialfund.guidelines.forms import SectionForm
from socialfund.guidelines.models import GuidelineVersion, VersionStatus

pytestmark = pytest.mark.django_db


def _post_section(client, version: GuidelineVersion, code: str, changes: dict[str, object]):
    """Post a section as the browser would: every field with its current value, the changes on top."""
    form = SectionForm(specs=section(code).fields(version.document), document=version.document)
    data: dict[str, object] = {}
    for name, field in form.fields.items():
        value = field.initial
        if value in (None, "", []):
            continue
        data[name] = value
    data.update(changes)
    return client.post(reverse("guidelines:section", args=[version.pk, code]), data)


@pytest.fixture
def draft(login, demo):
    client = login("admin")
    fund = demo.fund
    response = client.post(
        reverse("guidelines:start", args=[fund.pk]), {"based_on": "sodertalje-2013", "title": "Ändrade riktlinjer 2026"}
    )
    assert response.status_code == 302
    return client, GuidelineVersion.objects.get(title="Ändrade riktlinjer 2026")


def test_a_bad_value_gets_a_swedish_message_at_its_field_and_nothing_is_stored(draft) -> None:
    client, version = draft
    response = _post_section(client, version, "pengar", {"f_repayment__grace_years": "-1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Måste vara minst 0" in html
    assert 'id="f_repayment__grace_years-error"' in html
    version.refresh_from_db()
    assert version.document["repayment"]["grace_years"] == 2


def test_a_consistency_problem_names_the_field_in_swedish(draft) -> None:
    client, version = draft
    # The repayment rule is checked automatically: it needs a repayment mode.
    response = _post_section(client, version, "pengar", {"f_repayment__mode": "", "f_repayment__grace_years": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "repayment.mode" not in html and "'repayment'" not in html


def test_edit_compare_document_and_adopt(draft, demo) -> None:
    client, version = draft
    response = _post_section(client, version, "pengar", {"f_repayment__grace_years": "3"})
    assert response.status_code == 302
    members = "stadsdirektör\nekonomidirektör\nkontorschefen för utbildningskontoret"
    response = _post_section(client, version, "organisation", {"f_organisation__preparation_group__members": members})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.document["repayment"]["grace_years"] == 3

    page = client.get(reverse("guidelines:compare", args=[version.pk])).content.decode()
    assert "Nuvarande lydelse" in page and "Föreslagen lydelse" in page
    assert "Beredning" in page and "ekonomidirektör" in page

    for kind in ("pm", "tjansteskrivelse"):
        pdf = client.get(reverse("guidelines:document", args=[version.pk, kind, "pdf"]))
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        docx = client.get(reverse("guidelines:document", args=[version.pk, kind, "docx"]))
        assert docx.status_code == 200 and docx.content.startswith(b"PK")

    exported = client.get(reverse("guidelines:export", args=[version.pk]))
    assert b"grace_years: 3" in exported.content

    kf = demo.organisation.decision_bodies.get(code="KF")
    response = client.post(
        reverse("guidelines:adopt", args=[version.pk]),
        {"adopt-body": kf.pk, "adopt-decided_on": "2026-04-20", "adopt-paragraph": "§ 54"},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.ADOPTED
    page = client.get(reverse("guidelines:version", args=[version.pk])).content.decode()
    assert "Kommunfullmäktige 2026-04-20 § 54" in page


def test_import_replaces_the_draft_and_a_broken_file_is_refused(draft) -> None:
    client, version = draft
    from socialfund.core.policy.registry import policies_dir

    text = (policies_dir() / "norrkoping.yaml").read_bytes()
    upload = io.BytesIO(text.replace(b"interest", b"interest", 1))
    upload.name = "norrkoping.yaml"
    response = client.post(reverse("guidelines:import", args=[version.pk]), {"import-file": upload})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.document["fund"]["key"] == "norrkoping"
    broken = io.BytesIO(b"id: a\nid: b\n")
    broken.name = "x.yaml"
    response = client.post(reverse("guidelines:import", args=[version.pk]), {"import-file": broken})
    assert response.status_code == 400
    assert "förekommer två gånger" in response.content.decode()


def test_a_new_fund_from_a_template_through_the_page(login, demo) -> None:
    client = login("admin")
    ks = demo.organisation.decision_bodies.get(code="KS")
    data = {
        "template": "orebro",
        "name": "Mallfonden",
        "slug": "mallfonden",
        "capital": "5 000 000",
        "decided_by": ks.pk,
        "decided_on": "2026-02-01",
    }
    response = client.post(reverse("guidelines:template_fund"), {**data, "decided_on": "1 februari"})
    assert response.status_code == 400
    assert not GuidelineVersion.objects.filter(fund__slug="mallfonden").exists()
    response = client.post(reverse("guidelines:template_fund"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    version = GuidelineVersion.objects.get(fund__slug="mallfonden")
    assert version.based_on == "orebro" and version.document["funding"]["capital"] == 5_000_000
    page = client.get(reverse("guidelines:section", args=[version.pk, "steg"])).content.decode()
    assert "Steg 1:" in page


def test_only_the_administrator_edits(login, demo, draft) -> None:
    _client, version = draft
    client = login("beredning")
    response = client.post(
        reverse("guidelines:section", args=[version.pk, "pengar"]), {"f_repayment__grace_years": "9"}
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.document["repayment"]["grace_years"] == 2


def test_stages_rules_and_follow_up_are_edited_in_place(draft) -> None:
    client, version = draft
    response = _post_section(client, version, "steg", {"f_stages_1__name_sv": "Idéskiss till kontoret"})
    assert response.status_code == 302
    clause = "Insatsen ska rikta sig till barn och unga upp till 21 år."
    response = _post_section(client, version, "regler", {"f_rules_0__clause": clause})
    assert response.status_code == 302
    response = _post_section(
        client,
        version,
        "uppfoljning",
        {
            "f_reporting_1__what": "Uppföljning av fonden",
            "f_reporting_1__frequency": "yearly",
            "f_reporting_1__month": "4",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    version.refresh_from_db()
    assert version.document["stages"][1]["name_sv"] == "Idéskiss till kontoret"
    assert version.document["rules"][0]["clause"] == clause
    added = version.document["reporting"][-1]
    assert (added["what"], added["frequency"], added["month"]) == ("Uppföljning av fonden", "yearly", 4)


def test_an_adopted_version_still_shows_what_it_changed(draft, demo) -> None:
    client, version = draft
    _post_section(client, version, "pengar", {"f_repayment__grace_years": "3"})
    kf = demo.organisation.decision_bodies.get(code="KF")
    client.post(
        reverse("guidelines:adopt", args=[version.pk]),
        {"adopt-body": kf.pk, "adopt-decided_on": "2026-04-20", "adopt-paragraph": "§ 54"},
    )
    page = client.get(reverse("guidelines:version", args=[version.pk])).content.decode()
    assert "Ändringar mot riktlinjerna som gällde före" in page
    assert "Nuvarande lydelse" in page and "respittid" in page
    assert "Promemoria (PM)" in page


def test_the_step_section_folds_each_step_and_opens_the_one_with_a_problem(draft) -> None:
    client, version = draft
    names = [stage["name_sv"] for stage in version.document["stages"]]
    html = client.get(reverse("guidelines:section", args=[version.pk, "steg"])).content.decode()
    assert html.count('<details class="fold">') == len(names)
    for number, name in enumerate(names, start=1):
        assert f'<a href="#grupp-{number}">Steg {number}: {name}</a>' in html
    assert "har fel som inte är sparade" not in html

    response = _post_section(client, version, "steg", {"f_stages_1__actor": "ingen-sadan"})
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('<details class="fold" open>') == 1
    opened = html.split('<details class="fold" open>')[1].split("</details>")[0]
    assert f"Steg 2: {names[1]}" in opened and 'id="f_stages_1__actor-error"' in opened
    assert "har fel som inte är sparade" in opened
