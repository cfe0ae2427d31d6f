"""The April report asked for on the Rapporter page is written by a background task (issue 28, item 2): the
request only enqueues it, the worker writes it, the page that asked shows each step in its live region, and
the finished file is offered, kept in the storage and downloaded again."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from socialfund.accounts.models import User
from socialfund.reports import generated
from socialfund.reports.models import GeneratedDocument
from tests.task_worker import DATABASE_QUEUE, run_worker

pytestmark = pytest.mark.django_db

REQUEST = "/rapporter/sodertalje/uppfoljning-2016/skriv/"


def test_the_report_asked_for_on_the_page_is_queued_run_by_the_worker_and_downloaded(
    login, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    settings.MEDIA_ROOT = tmp_path
    client = login("beredning")
    index = client.get("/rapporter/").content.decode()
    assert f'action="{REQUEST}"' in index and 'value="docx"' in index

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST, {"kind": "april", "format": "docx"})
    document = GeneratedDocument.objects.get()
    page_url = f"/rapporter/handling/{document.pk}/"
    assert response.status_code == 302 and response["Location"] == page_url
    # Enqueued, not written: the request did not write the report.
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "socialfund.reports.generated.generated_document_write"
    assert queued.status == "READY" and queued.args_kwargs["args"] == [document.pk]
    assert document.state == "queued" and not document.file
    page = client.get(page_url).content.decode()
    assert 'role="status"' in page and 'aria-live="polite"' in page
    assert f'hx-get="{page_url}lage/"' in page and 'hx-swap="innerHTML"' in page
    assert '<noscript><meta http-equiv="refresh"' in page  # without JavaScript the page reloads itself
    assert "Handlingen väntar på sin tur." in page

    # While the worker writes, the page that asked says which step it is on.
    seen: list[str] = []
    write = generated.document_bytes

    def watching(*args, **kwargs):
        seen.append(client.get(f"{page_url}lage/").content.decode())
        return write(*args, **kwargs)

    monkeypatch.setattr(generated, "document_bytes", watching)
    run_worker()
    assert len(seen) == 1 and "Steg 2 av 3: Handlingen skrivs." in seen[0] and "<progress" in seen[0]

    queued.refresh_from_db()
    document.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert document.state == "done" and document.file.name.startswith("handlingar/sodertalje/2016/")
    progress = client.get(f"{page_url}lage/")
    assert progress.status_code == 286  # htmx stops asking
    assert "Handlingen är klar." in progress.content.decode()
    assert f'href="{page_url}fil/"' in progress.content.decode()
    assert "<noscript>" not in client.get(page_url).content.decode()  # done: no more reloading

    download = client.get(f"{page_url}fil/")
    content = b"".join(download.streaming_content)
    assert download["Content-Disposition"].endswith('filename="uppfoljning-sodertalje-2016.docx"')
    assert content.startswith(b"PK")  # a Word file (a zip)
    assert "Uppföljning av Södertälje kommuns sociala investeringsfond 2016" in _docx_text(content)
    # Kept: the Rapporter page offers it again, and it downloads again without being written again.
    assert f'href="{page_url}fil/"' in client.get("/rapporter/").content.decode()
    assert b"".join(client.get(f"{page_url}fil/").streaming_content) == content
    assert DBTaskResult.objects.count() == 1


def _docx_text(content: bytes) -> str:
    from docx import Document as Word

    return "\n".join(p.text for p in Word(io.BytesIO(content)).paragraphs)


def test_a_failed_document_says_so_and_stops_the_polling(
    login, settings, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = login("beredning")

    def broken(*args, **kwargs):
        raise RuntimeError("the renderer fell over")

    monkeypatch.setattr(generated, "document_bytes", broken)
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend of the tests runs it here
        client.post(REQUEST, {"kind": "annex", "format": "pdf"})
    document = GeneratedDocument.objects.get()
    assert document.state == "failed" and not document.file
    progress = client.get(f"/rapporter/handling/{document.pk}/lage/")
    assert progress.status_code == 286
    assert "Handlingen kunde inte skrivas." in progress.content.decode()
    assert "fell over" not in progress.content.decode()


def test_an_unknown_format_is_refused_in_swedish_and_nothing_is_queued(login):
    response = login("beredning").post(REQUEST, {"kind": "annex", "format": "xlsx"})
    assert response.status_code == 400
    assert "Välj en handling och ett format som finns." in response.content.decode()
    assert not GeneratedDocument.objects.exists()


def test_someone_outside_the_organisation_sees_no_document(login, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    login("beredning").post(REQUEST, {"kind": "april", "format": "xlsx"})
    document = GeneratedDocument.objects.get()
    outsider = Client()
    outsider.force_login(User.objects.create_user("utomstaende", password="inte-i-fonden-123"))
    for suffix in ("", "lage/", "fil/"):
        assert outsider.get(f"/rapporter/handling/{document.pk}/{suffix}").status_code == 404


@pytest.mark.parametrize(
    "old_address",
    [
        "/rapporter/sodertalje/uppfoljning-2016.pdf",
        "/rapporter/sodertalje/uppfoljning-2016.docx",
        "/rapporter/sodertalje/uppfoljning-2016.xlsx",
        "/rapporter/sodertalje/uppfoljning-2016-bilaga.pdf",
        "/rapporter/sodertalje/uppfoljning-2016-bilaga.docx",
    ],
)
def test_the_old_direct_addresses_write_nothing_in_the_request_and_lead_to_the_request_form(
    login, monkeypatch, old_address
):
    """A bookmark of the old download no longer writes the document in the request (seconds for a large fund):
    it leads to the Rapporter page, whose buttons have it written in the background."""
    from socialfund.documents import downloads
    from socialfund.reports import april, april_annex

    def not_in_the_request(*args, **kwargs):
        raise AssertionError("a document was written in the request")

    for module, name in [
        (downloads, "document_bytes"),
        (april, "april_document"),
        (april, "april_workbook"),
        (april_annex, "april_annex_document"),
    ]:
        monkeypatch.setattr(module, name, not_in_the_request)
    client = login("ekonomi")
    response = client.get(old_address)
    fund_id = GeneratedDocument._meta.get_field("fund").related_model.objects.get(slug="sodertalje").pk
    assert response.status_code == 302 and response["Location"] == f"/rapporter/#fund-{fund_id}"
    page = client.get(response["Location"]).content.decode()
    assert "Uppföljningen skrivs nu i bakgrunden: välj år och format nedan." in page
    assert f'action="{REQUEST}"' in page
    assert not GeneratedDocument.objects.exists()


def test_asking_for_a_document_is_audited_with_who_which_document_fund_and_year(
    login, settings, tmp_path, django_capture_on_commit_callbacks
):
    from socialfund.audit.models import AuditEvent

    settings.MEDIA_ROOT = tmp_path
    client = login("beredning")
    before = AuditEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REQUEST, {"kind": "annex", "format": "docx"})
    document = GeneratedDocument.objects.get()
    event = AuditEvent.objects.get(action="document_request")
    assert event.actor == User.objects.get(username="beredning")
    assert (event.target_type, event.target_id) == ("reports.generateddocument", str(document.pk))
    assert event.data == {"fund": "sodertalje", "year": 2016, "kind": "annex", "format": "docx"}
    assert event.message == ("Bilaga: projekten 2016 (DOCX) för Södertälje kommuns sociala investeringsfond beställd.")
    # The download reads the kept file and changes nothing: no event (the audit log records changes only).
    assert document.refresh_from_db() is None and document.state == "done"
    client.get(f"/rapporter/handling/{document.pk}/fil/")
    assert AuditEvent.objects.count() == before + 1


def test_a_refused_request_is_not_audited(login):
    from socialfund.audit.models import AuditEvent

    login("beredning").post(REQUEST, {"kind": "annex", "format": "xlsx"})
    assert not AuditEvent.objects.filter(action="document_request").exists()
