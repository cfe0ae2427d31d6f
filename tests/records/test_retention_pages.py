"""The records officer's pages: retention rules (list, add, edit, end), the dry run, the run, the culling log,
and filing the April report from the register."""

from __future__ import annotations

import pytest

from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Initiative
from socialfund.records.codes import RecordType
from socialfund.records.models import CullingLogEntry, Handling, RetentionRule, StoredDocument

pytestmark = pytest.mark.django_db
RULES = "/diarium/sodertalje/gallring/"
CONTACTS = f"{RULES}regel/contact_details/"


def _rule():
    return RetentionRule.objects.filter(fund__slug="sodertalje", record_type=RecordType.CONTACT_DETAILS).first()


def test_the_rules_page_lists_every_record_type_in_swedish_and_what_the_law_keeps(login):
    page = login("registrator").get(RULES).content.decode()
    for label in ("Kontaktuppgifter till externa aktörers kontaktpersoner", "Skrivelse", "Bilaga", "Beslut"):
        assert label in page
    assert "Gallras 2 år efter ärendets avslut" in page  # the demo's default for contact people
    assert page.count("Bevaras (arkivlagen; kan inte gallras)") == len(RecordType.never_culled())
    assert "contact_details" not in page.replace(CONTACTS, "").replace(f"{CONTACTS}avsluta/", "")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"rule": "cull", "years": "", "from_event": "registered"}, "years", "Ange efter hur många år"),
        ({"rule": "cull", "years": "-1", "from_event": "registered"}, "years", "kan inte vara negativt"),
        ({"rule": "cull", "years": "två", "from_event": "registered"}, "years", "Ange antal år som ett heltal"),
        ({"rule": "cull", "years": "500", "from_event": "registered"}, "years", "Ange högst 200 år"),
        ({"years": "3", "from_event": "registered"}, "rule", "Välj om handlingen bevaras eller gallras"),
    ],
)
def test_bad_input_gets_a_swedish_message_at_the_field_and_nothing_is_stored(login, data, field, message):
    before = (_rule().keep_forever, _rule().years, _rule().from_event)
    audited = AuditEvent.objects.count()
    response = login("registrator").post(CONTACTS, data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    assert f'id="{field}-error"' in html and message in html
    assert (_rule().keep_forever, _rule().years, _rule().from_event) == before
    assert AuditEvent.objects.count() == audited


def test_a_rule_is_edited_saved_twice_ended_and_added_again_each_change_audited(login):
    client = login("registrator")
    data = {"rule": "cull", "years": "5", "from_event": "registered", "reference": "KS 2026-12-07 § 12"}
    assert client.post(CONTACTS, data).status_code == 302
    assert client.post(CONTACTS, data).status_code == 302  # saving again changes nothing but is recorded
    rule = _rule()
    assert (rule.keep_forever, rule.years, rule.from_event, rule.decision_reference) == (
        False,
        5,
        "registered",
        "KS 2026-12-07 § 12",
    )
    page = client.get(CONTACTS).content.decode()
    assert 'value="5"' in page and "KS 2026-12-07 § 12" in page  # the form shows what is saved
    events = AuditEvent.objects.filter(action="retention_rule_set").order_by("pk")
    assert [e.message for e in events][-1] == (
        "Gallringsregel ändrad: Kontaktuppgifter till externa aktörers kontaktpersoner: "
        "gallras 5 år efter registreringen (KS 2026-12-07 § 12)"
    )

    assert client.post(f"{CONTACTS}avsluta/").status_code == 302
    assert _rule() is None
    assert AuditEvent.objects.filter(action="retention_rule_end").exists()
    assert "Ingen regel: bevaras" in client.get(RULES).content.decode()
    assert client.post(CONTACTS, data).status_code == 302
    assert AuditEvent.objects.filter(action="retention_rule_set").last().message.startswith("Gallringsregel tillagd")


def test_a_type_the_law_keeps_has_no_rule_page(login):
    assert login("registrator").get(f"{RULES}regel/decision/").status_code == 404


@pytest.mark.parametrize("username", ["handlaggare", "lasare", "beredning"])
def test_only_the_records_officer_edits_rules_and_runs_the_culling(login, username):
    client = login(username)
    assert client.get(RULES).status_code == 404
    assert client.post(CONTACTS, {"rule": "keep", "from_event": "registered"}).status_code == 404
    assert client.post(f"{RULES}kor/").status_code == 404
    assert _rule().years == 2


def test_the_dry_run_shows_what_would_go_and_removes_nothing_then_the_run_logs_it(login):
    client = login("admin")  # the administrator, as well as the registrar
    client.post(CONTACTS, {"rule": "cull", "years": "0", "from_event": "registered"})
    with_contacts = Initiative.objects.exclude(contact_name="", contact_email="").count()
    assert with_contacts == 4

    page = client.get(f"{RULES}?forhandsgranska=1").content.decode()
    assert "Gallringen skulle ta bort 4 uppgifter:" in page
    assert page.count("kontaktpersonens namn och e-postadress") == 4
    assert Initiative.objects.exclude(contact_name="", contact_email="").count() == 4
    assert not CullingLogEntry.objects.exists()

    response = client.post(f"{RULES}kor/", follow=True)
    assert "4 uppgifter togs bort" in response.content.decode()
    assert not Initiative.objects.exclude(contact_name="", contact_email="").exists()
    log = client.get(f"{RULES}logg/").content.decode()
    assert log.count("Kontaktpersonens namn och e-postadress") == 4
    assert "Ingenting att gallra i dag" in client.get(f"{RULES}?forhandsgranska=1").content.decode()


def test_filing_the_april_report_from_the_register_makes_versions_to_download(login, settings, tmp_path):
    from socialfund.accounts.models import User
    from socialfund.funds.models import Fund
    from socialfund.reports.report_texts import report_text_save

    settings.MEDIA_ROOT = tmp_path
    client = login("registrator")
    response = client.post("/diarium/sodertalje/uppfoljningar/faststall/", {"year": "2015"}, follow=True)
    assert "Ange uppföljningens diarienummer" in response.content.decode()  # no text saved yet: refused, said
    assert not StoredDocument.objects.exists()

    fund = Fund.objects.get(slug="sodertalje")
    report_text_save(
        fund=fund,
        year=2015,
        user=User.objects.get(username="beredning"),
        registry_number="KS 16-40",
        lessons="",
        proposals="",
        comments="",
    )
    client.post("/diarium/sodertalje/uppfoljningar/faststall/", {"year": "2015"})
    response = client.post("/diarium/sodertalje/uppfoljningar/faststall/", {"year": "2015"}, follow=True)
    page = response.content.decode()
    assert "diarieförd som KS 16-40:2 (version 2)" in page
    assert "version 1 (PDF)" in page and "version 2 (PDF)" in page
    first = StoredDocument.objects.get(version=1)
    download = client.get(f"/diarium/sodertalje/handling/{first.pk}/fil/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert Handling.objects.filter(case_number="KS 16-40", record_type="annual_report").count() == 2
    login("lasare").post("/diarium/sodertalje/uppfoljningar/faststall/", {"year": "2015"})
    assert StoredDocument.objects.count() == 2  # the reader's attempt was refused
