"""The workflow through HTTP: pages per role, forms with Swedish errors, steps as POSTs, no peeking."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from socialfund.accounts.models import User
from socialfund.cases.models import Attachment, Initiative
from socialfund.organisation.models import Board
from tests.cases.conftest import many_cases, walk_to_preparation

pytestmark = pytest.mark.django_db


def as_user(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.mark.parametrize("url_name", ["cases:list", "cases:pipeline", "cases:todo"])
@pytest.mark.parametrize("username", ["handlaggare", "beredning", "registrator", "lasare", "admin"])
def test_lists_render_for_each_role(client, users, url_name, username):
    response = as_user(client, users[username]).get(reverse(url_name))
    assert response.status_code == 200


def test_pages_need_a_login(client, demo):
    for name in ["cases:list", "cases:pipeline", "cases:todo", "cases:desk", "cases:new"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/logga-in/" in response["Location"], name


def test_list_filters_and_search(client, users):
    client = as_user(client, users["lasare"])
    html = client.get(reverse("cases:list"), {"status": "refused"}).content.decode()
    assert "Tjejhuset" in html and "OPUS" in html and "Familjecentraler" not in html
    html = client.get(reverse("cases:list"), {"q": "körkort"}).content.decode()
    assert "Körkortsutbildning" in html and "Tjejhuset" not in html
    html = client.get(reverse("cases:list"), {"board": Board.objects.get(code="UN").pk}).content.decode()
    assert "Mobilt team skola" in html and "Tjejhuset" not in html


def test_bad_filter_input_is_ignored_not_crashed(client, users):
    response = as_user(client, users["lasare"]).get(reverse("cases:list"), {"year": "tjugo", "sida": "x"})
    assert response.status_code == 200


def test_pipeline_shows_columns_in_the_policys_order(client, users):
    html = as_user(client, users["beredning"]).get(reverse("cases:pipeline")).content.decode()
    assert html.index("Intresseanmälan") < html.index("Idéskiss") < html.index("Beslut i kommunstyrelsen")
    assert "Familjecentraler" in html


def test_desk_counts_what_waits_for_the_preparation_group(client, users):
    html = as_user(client, users["beredning"]).get(reverse("cases:desk")).content.decode()
    # The demo's six outside ideas (ACT's 2013 idea sketch among them, issue 19) have no board yet: they wait for an area and a sponsoring board, not for
    # the preparation group (DOMAIN.md rule 12); the group, as the fund's coordinator, is asked for the area.
    assert "0 ärenden väntar på beredning." in html
    todo = as_user(Client(), users["beredning"]).get(reverse("cases:todo")).content.decode()
    assert todo.count("Extern idé utan område") == 6
    assert as_user(Client(), users["handlaggare"]).get(reverse("cases:desk")).status_code == 403


def test_the_path_through_the_web(client, users, draft):
    applicant = as_user(Client(), users["handlaggare"])
    url = reverse("cases:detail", args=[draft.pk])
    assert "Lämna in" in applicant.get(url).content.decode()
    assert applicant.post(reverse("cases:action", args=[draft.pk, "submit"])).status_code == 302
    # Without the office head's anchoring the next submission is refused, in Swedish, with status 400.
    response = applicant.post(reverse("cases:action", args=[draft.pk, "submit"]))
    assert response.status_code == 400
    assert "Förankring saknas" in response.content.decode()
    head = as_user(Client(), users["kontorschef"])
    response = head.post(
        reverse("cases:action", args=[draft.pk, "signoff"]),
        {"signoff-kind": "office_head", "signoff-signed_on": "2016-01-10", "signoff-reference": ""},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.signoffs.get().signed_on.isoformat() == "2016-01-10"
    html = applicant.get(url).content.decode()
    assert "Kontorschefens förankring: 2016-01-10" in html
    assert "Utkast skapat" in html  # the activity log tells the story


def test_form_errors_are_swedish_and_linked(client, users, draft):
    walk_to_preparation(draft, users)
    prep = as_user(client, users["beredning"])
    response = prep.post(reverse("cases:action", args=[draft.pk, "refuse"]), {"refuse-note": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Det finns fel att rätta" in html
    assert 'href="#id_refuse-note"' in html
    assert 'aria-invalid="true"' in html
    assert Initiative.objects.get(pk=draft.pk).status == "active"


def test_us_dates_are_refused(client, users, draft):
    services_client = as_user(client, users["kontorschef"])
    services_client.post(reverse("cases:action", args=[draft.pk, "submit"]))
    as_user(Client(), users["handlaggare"]).post(reverse("cases:action", args=[draft.pk, "submit"]))
    response = services_client.post(
        reverse("cases:action", args=[draft.pk, "signoff"]),
        {"signoff-kind": "office_head", "signoff-signed_on": "01/10/2016"},
    )
    assert response.status_code == 400
    assert not draft.signoffs.exists()


def test_another_boards_draft_is_not_found_by_url_guessing(client, users, draft):
    other = User.objects.create_user(
        "sn-handlaggare",
        password="x-long-password-1",
        organisation=users["handlaggare"].organisation,
        board=Board.objects.get(code="SN"),
    )
    other.groups.add(*users["handlaggare"].groups.all())
    client = as_user(client, other)
    assert client.get(reverse("cases:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("cases:edit", args=[draft.pk])).status_code == 404
    assert client.post(reverse("cases:action", args=[draft.pk, "submit"])).status_code == 404
    assert Initiative.objects.get(pk=draft.pk).status == "draft"


def test_new_application_starts_the_guided_steps(client, users):
    client = as_user(client, users["handlaggare"])
    assert client.get(reverse("cases:new")).status_code == 200
    response = client.post(reverse("cases:new"), {"title": "", "summary": "", "stage": "idea"})
    assert response.status_code == 400
    assert "Det finns fel att rätta" in response.content.decode()
    assert not Initiative.objects.filter(created_by=users["handlaggare"]).exists()
    response = client.post(reverse("cases:new"), {"title": "Läxhjälp", "summary": "Behov och insats.", "stage": "idea"})
    created = Initiative.objects.get(title="Läxhjälp")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:guided", args=[created.pk, "behov"])
    assert created.status == "draft"


def test_outside_actor_idea_form(client, fund):
    assert "inte själv söka medel" in client.get(reverse("actors:idea")).content.decode()
    response = client.post(reverse("actors:idea"), {"fund": fund.pk, "title": "", "contact_email": "inte-epost"})
    assert response.status_code == 400
    assert "Det finns fel att rätta" in response.content.decode()
    response = client.post(
        reverse("actors:idea"),
        {
            "fund": fund.pk,
            "title": "Läxhjälp",
            "summary": "Läxhjälp åk 4–6",
            "organisation_name": "Läxföreningen",
            "organisation_type": "association",
            "organisation_number": "802400-1235",  # an organisation number is now required
            "contact_name": "Kim",
            "contact_email": "kim@example.se",
        },
    )
    assert response.status_code == 200
    assert "Utan en ansvarig nämnd kan idén inte bli en ansökan" in response.content.decode()
    assert Initiative.objects.get(title="Läxhjälp").initiator_type == "association"


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("ansokan.pdf", b"%PDF-1.4 minimal", True),
        ("ansokan.docx", _docx_bytes(), True),
        ("ansokan.pdf", b"MZ\x90\x00 not a pdf", False),  # the name lies
        ("skript.html", b"<script>alert(1)</script>", False),
        ("tom.pdf", b"", False),
    ],
)
def test_attachments_are_checked_by_content(client, users, draft, settings, tmp_path, name, content, ok):
    settings.MEDIA_ROOT = tmp_path
    client = as_user(client, users["handlaggare"])
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        reverse("cases:attach", args=[draft.pk]), {"attach-kind": "application", "attach-file": upload}
    )
    assert (response.status_code == 302) is ok
    assert Attachment.objects.filter(initiative=draft).exists() is ok
    if ok:
        attachment = Attachment.objects.get(initiative=draft)
        download = client.get(reverse("cases:attachment", args=[draft.pk, attachment.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == content


def test_attachment_size_limit(client, users, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SOCIALFUND_MAX_UPLOAD_BYTES = 100
    client = as_user(client, users["handlaggare"])
    upload = SimpleUploadedFile("stor.pdf", b"%PDF-" + b"x" * 200)
    response = client.post(
        reverse("cases:attach", args=[draft.pk]), {"attach-kind": "application", "attach-file": upload}
    )
    assert response.status_code == 400
    assert "för stor" in response.content.decode()


def test_internal_comments_are_hidden_from_the_applicant(client, users, draft):
    walk_to_preparation(draft, users)
    prep = as_user(Client(), users["beredning"])
    prep.post(
        reverse("cases:action", args=[draft.pk, "comment"]),
        {"comment-text": "Intern fundering", "comment-visibility": "internal"},
    )
    prep.post(
        reverse("cases:action", args=[draft.pk, "comment"]),
        {"comment-text": "Hej sökande", "comment-visibility": "applicant"},
    )
    html = as_user(client, users["handlaggare"]).get(reverse("cases:detail", args=[draft.pk])).content.decode()
    assert "Hej sökande" in html and "Intern fundering" not in html
    response = client.post(
        reverse("cases:action", args=[draft.pk, "comment"]), {"comment-text": "x", "comment-visibility": "internal"}
    )
    assert response.status_code == 403


def test_html_in_text_is_shown_escaped(client, users, draft):
    walk_to_preparation(draft, users)
    prep = as_user(client, users["beredning"])
    prep.post(
        reverse("cases:action", args=[draft.pk, "comment"]),
        {"comment-text": "<script>alert(1)</script>", "comment-visibility": "internal"},
    )
    html = prep.get(reverse("cases:detail", args=[draft.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_list_and_pipeline_queries_do_not_grow_with_rows(client, users, fund, django_assert_max_num_queries):
    client = as_user(client, users["beredning"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = [reverse("cases:list"), reverse("cases:pipeline")]
    for url in urls:  # the first request of a process looks up the organisation's code once (the tenant)
        client.get(url)
    before = {url: count(url) for url in urls}
    many_cases(fund, 120, stages=("interest", "idea", "application"))
    after = {url: count(url) for url in before}
    assert after == before


def test_decimal_fields_accept_the_swedish_comma():
    from django import forms as django_forms
    from django.utils import translation

    from socialfund.cases.forms import SwedishForm

    class Form(SwedishForm):
        value = django_forms.DecimalField(max_digits=10, decimal_places=4)

    with translation.override("sv"):
        form = Form({"value": "0,1"})
        assert form.is_valid(), form.errors
        assert str(form.cleaned_data["value"]) == "0.1"
        assert 'inputmode="decimal"' in str(form["value"])
        assert 'type="number"' not in str(form["value"])


def test_case_page_links_the_decision_memo_once_the_application_is_prepared(client, users):
    familjecentraler = Initiative.objects.get(title="Familjecentraler")  # at the decision stage in the demo
    html = as_user(client, users["registrator"]).get(reverse("cases:detail", args=[familjecentraler.pk])).content
    assert reverse("reports:memo", args=[familjecentraler.pk]).encode() in html
    idea = Initiative.objects.get(title="Projekt 100")
    html = client.get(reverse("cases:detail", args=[idea.pk])).content
    assert b"/rapporter/tjansteskrivelse/" not in html


def test_the_list_counts_up_to_its_cap_and_then_says_more_than(client, users, fund, monkeypatch):
    # Counting every one of 100 000 cases on each page view is a scan of them all (issue 22).
    from socialfund.cases import selectors

    client = as_user(client, users["beredning"])
    total = Initiative.objects.exclude(status="draft").count()
    html = client.get(reverse("cases:list")).content.decode()
    assert f"{total} ärenden" in html and "Fler än" not in html
    monkeypatch.setattr(selectors, "COUNT_CAP", total - 1)
    html = client.get(reverse("cases:list")).content.decode()
    assert f"Fler än {total - 1} ärenden" in html
    assert f"{total} ärenden" not in html


def test_pipeline_columns_count_up_to_their_cap_and_show_the_newest_cards_first(client, users, fund, monkeypatch):
    from socialfund.cases import selectors

    many_cases(fund, 30, title="Ny idé {n:03d}")
    monkeypatch.setattr(selectors, "PIPELINE_COUNT_CAP", 20)
    html = as_user(client, users["beredning"]).get(reverse("cases:pipeline")).content.decode()
    column = html[html.index('id="col-idea"') : html.index("</section>", html.index('id="col-idea"'))]
    assert "(fler än 20)" in column and "Visa alla</a>" in column
    cards = [Initiative.objects.get(pk=int(pk)) for pk in re.findall(r'href="/arenden/(\d+)/"', column)]
    assert len(cards) == selectors.PIPELINE_CARDS_PER_STAGE
    assert cards == sorted(cards, key=lambda case: (case.filed_on, case.pk), reverse=True)


def test_the_filter_lists_the_boards_of_the_users_own_organisation_as_plain_options(client, users):
    from socialfund.organisation.models import Organisation

    other = Organisation.objects.create(name="Annan kommun", kind="municipality", code="9999")
    Board.objects.create(organisation=other, code="XN", name="Främmande nämnden")
    html = as_user(client, users["beredning"]).get(reverse("cases:list") + "?board=").content.decode()
    assert "Främmande nämnden" not in html
    un = Board.objects.get(code="UN", organisation=users["beredning"].organisation)
    assert f'<option value="{un.pk}">{un}</option>' in html
    selected = as_user(client, users["beredning"]).get(reverse("cases:list") + f"?board={un.pk}").content.decode()
    assert f'<option value="{un.pk}" selected>{un}</option>' in selected
    assert '<select name="board" id="id_board"' in selected
