"""Documents that leave the system are stored and registered: the filed April report, letters to applicants."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.storage import default_storage

from socialfund.actors import receipts
from socialfund.cases.flow_services import initiative_return_for_completion
from socialfund.cases.models import Initiative
from socialfund.organisation.models import Board
from socialfund.outbox.models import OutboxMail
from socialfund.records.april_filing import april_report_file
from socialfund.records.filing import document_store_and_register
from socialfund.records.models import Handling, StoredDocument, StoredDocumentError
from socialfund.records.services import RecordsError
from socialfund.reports.report_texts import report_text_save
from tests.cases.conftest import walk_to_preparation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _text(fund, users, year=2015, number="KS 16-40"):
    return report_text_save(
        fund=fund,
        year=year,
        user=users["beredning"],
        registry_number=number,
        lessons="Förankra tidigt.",
        proposals="",
        comments="",
    )


def test_filing_the_april_report_stores_the_pdf_and_registers_it_drawn_up_on_its_own_number(fund, users):
    _text(fund, users)
    document, handling = april_report_file(fund=fund, year=2015, user=users["registrator"])

    with default_storage.open(document.file.name, "rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == document.sha256
    assert (handling.number, handling.direction, handling.record_type) == ("KS 16-40:1", "drawn_up", "annual_report")
    assert handling.title == f"Uppföljning av {fund.name} 2015" == document.title
    assert handling.classification.code == "2.5.3"
    assert handling.registered_on == document.filed_on
    assert handling.case_number != fund.registry_number  # the report's own number, never the fund's


def test_filing_again_makes_a_new_version_and_the_filed_one_stays_as_it_was(fund, users):
    _text(fund, users)
    first, first_handling = april_report_file(fund=fund, year=2015, user=users["registrator"])
    _text(fund, users)  # the official rewrites the texts and files the report again
    second, second_handling = april_report_file(fund=fund, year=2015, user=users["beredning"])

    assert (first.version, second.version) == (1, 2)
    assert (first_handling.number, second_handling.number) == ("KS 16-40:1", "KS 16-40:2")
    assert first.file.name != second.file.name
    with default_storage.open(first.file.name, "rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == first.sha256
    first.title = "Ändrad"
    with pytest.raises(StoredDocumentError):
        first.save()
    with pytest.raises(StoredDocumentError):
        first.delete()
    with pytest.raises(StoredDocumentError):
        StoredDocument.objects.filter(pk=first.pk).update(title="Ändrad")


def test_a_report_without_its_registry_number_is_refused_and_nothing_is_stored(fund, users, media):
    # No texts saved for the year, so no number either (saving them gives the next number of the series).
    with pytest.raises(RecordsError, match="diarienummer"):
        april_report_file(fund=fund, year=2015, user=users["registrator"])
    assert not StoredDocument.objects.exists()
    assert not any(media.rglob("*.pdf"))


def test_a_reader_cannot_file_the_report(fund, users):
    _text(fund, users)
    with pytest.raises(RecordsError, match="Bara"):
        april_report_file(fund=fund, year=2015, user=users["lasare"])
    assert not StoredDocument.objects.exists()


def test_when_the_register_refuses_the_stored_file_is_removed_again(fund, users, media, monkeypatch):
    from socialfund.records import filing

    def refuse(**kwargs):
        raise RuntimeError("databasen svarar inte")

    monkeypatch.setattr(filing, "audit_record", refuse)
    with pytest.raises(RuntimeError):
        document_store_and_register(
            fund=fund,
            record_type="annual_report",
            title="Uppföljning",
            content=b"%PDF-1.7 x",
            filename="uppfoljning.pdf",
            case_number="KS 16-40",
            user=users["registrator"],
            year=2015,
        )
    assert not StoredDocument.objects.exists() and not Handling.objects.filter(case_number="KS 16-40").exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def _outside_idea(fund) -> Initiative:
    return receipts.idea_receive(
        fund=fund,
        title="Läxhjälp i Hovsjö",
        summary="Föreningen vill ge läxhjälp.",
        organisation_name="Hovsjö IF",
        organisation_type="association",
        organisation_number="",
        contact_name="Kim Exempel",
        contact_email="kim@example.se",
        area_board=Board.objects.get(code="UN"),  # so that UN's officials may write to the sender
    ).initiative


def _letters(initiative: Initiative) -> list[Handling]:
    return list(Handling.objects.filter(initiative=initiative, record_type="letter").order_by("serial"))


def test_the_receipt_and_a_message_to_an_outside_actor_are_registered_outgoing_to_the_organisation(fund, users):
    initiative = _outside_idea(fund)
    receipts.staff_message(initiative=initiative, user=users["handlaggare"], text="Hur många barn gäller det?")

    letters = _letters(initiative)
    assert [(h.direction, h.counterpart, h.title) for h in letters] == [
        ("outgoing", "Hovsjö IF", "Mottagningskvitto: Läxhjälp i Hovsjö"),
        ("outgoing", "Hovsjö IF", "Meddelande om idén: Läxhjälp i Hovsjö"),
    ]
    # On the idea's own case, after the idea itself; the contact person's name and address are not in the register.
    initiative.refresh_from_db()
    idea = Handling.objects.get(source_type="cases.initiative", source_id=str(initiative.pk))
    assert [h.number for h in [idea, *letters]] == [f"{initiative.registry_number}:{n}" for n in (1, 2, 3)]
    assert all("Kim" not in f"{h.counterpart} {h.title}" and "@" not in h.counterpart for h in letters)
    mails = OutboxMail.objects.filter(recipients=["kim@example.se"]).order_by("pk")
    assert [str(m.pk) for m in mails] == [h.source_id for h in letters]


def test_a_status_message_to_the_applying_board_is_a_letter_and_mail_among_officials_is_not(
    fund, users, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        initiative = walk_to_preparation(draft, users)
    assert _letters(initiative) == []  # the mails so far told officials whose turn it is
    with django_capture_on_commit_callbacks(execute=True):
        initiative_return_for_completion(initiative=initiative, user=users["beredning"], missing="Budget per år.")
    letters = _letters(initiative)
    assert [(h.direction, h.counterpart) for h in letters] == [("outgoing", initiative.lead_board.display_name)]
    assert letters[0].title == "Meddelande till sökande: Ansökan behöver kompletteras: Budget per år."
