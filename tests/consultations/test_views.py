"""Consultation pages and the compiled remissammanställning in PDF and Word."""

from __future__ import annotations

import pytest
from django.conf import settings

from socialfund.audit.models import AuditEvent
from socialfund.consultations.models import Consultation, Statement
from tests.reports.conftest import assert_tagged_pdf, docx_text, needs_poppler, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_consultation(demo) -> Consultation:
    return Consultation.objects.get(decided_on="2014-12-02")


def test_staff_read_the_list_and_the_page(seed_consultation, login):
    client = login("lasare")
    assert "11 av 12" in client.get("/remisser/").content.decode()
    page = client.get(f"/remisser/{seed_consultation.pk}/").content.decode()
    assert "Biträder utvärderingen med avvikande tillägg" in page and "Telges styrelser" in page
    assert "Registrera svar" not in page  # a reader cannot answer


def test_the_registrar_registers_an_answer_through_the_page(seed_consultation, login):
    telge = seed_consultation.recipients.get(code="Telge")
    client = login("registrator")
    url = f"/remisser/{seed_consultation.pk}/svar/{telge.pk}/"
    bad = client.post(
        url, {f"answer-{telge.pk}-position": "supports_with_additions", f"answer-{telge.pk}-received_on": "2015-05-05"}
    )
    assert bad.status_code == 400 and "Skriv tilläggen" in bad.content.decode()
    ok = client.post(url, {f"answer-{telge.pk}-position": "supports", f"answer-{telge.pk}-received_on": "2015-05-05"})
    assert ok.status_code == 302
    telge.refresh_from_db()
    assert telge.answer.position == "supports"


def _a_statement(consultation: Consultation) -> Statement:
    return Statement.objects.filter(answer__recipient__consultation=consultation).order_by("pk").first()


def test_the_registrar_removes_a_statement_registered_by_mistake_and_the_log_keeps_it(seed_consultation, login):
    statement = _a_statement(seed_consultation)
    recipient = statement.answer.recipient
    url = f"/remisser/{seed_consultation.pk}/svar/{recipient.pk}/yttrande/{statement.pk}/ta-bort/"
    client = login("registrator")
    assert f'action="{url}"' in client.get(f"/remisser/{seed_consultation.pk}/").content.decode()

    without_reason = client.post(url, {f"remove-{statement.pk}-reason": " "})
    assert without_reason.status_code == 400
    assert "Skriv varför reservationen eller yttrandet tas bort." in without_reason.content.decode()
    assert Statement.objects.filter(pk=statement.pk).exists()

    removed = client.post(url, {f"remove-{statement.pk}-reason": "Registrerad på fel nämnd."})
    assert removed.status_code == 302
    assert not Statement.objects.filter(pk=statement.pk).exists()
    event = AuditEvent.objects.get(action="consultation_statement_remove")
    assert event.data["wording"] == statement.wording and event.data["signatories"] == statement.signatories
    assert event.data["reason"] == "Registrerad på fel nämnd."
    assert client.post(url, {f"remove-{statement.pk}-reason": "Igen."}).status_code == 404


def test_a_reader_cannot_remove_a_statement(seed_consultation, login):
    statement = _a_statement(seed_consultation)
    recipient = statement.answer.recipient
    url = f"/remisser/{seed_consultation.pk}/svar/{recipient.pk}/yttrande/{statement.pk}/ta-bort/"
    refused = login("lasare").post(url, {f"remove-{statement.pk}-reason": "Fel."})
    assert refused.status_code == 403
    assert "Bara registrator eller utskottssekreterare kan ta bort reservationer och yttranden." in (
        refused.content.decode()
    )
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_a_reader_posting_an_answer_is_refused(seed_consultation, login):
    telge = seed_consultation.recipients.get(code="Telge")
    response = login("lasare").post(
        f"/remisser/{seed_consultation.pk}/svar/{telge.pk}/",
        {f"answer-{telge.pk}-position": "supports", f"answer-{telge.pk}-received_on": "2015-05-05"},
    )
    assert response.status_code == 403
    assert not hasattr(Consultation.objects.get(pk=seed_consultation.pk).recipients.get(code="Telge"), "answer")


def test_the_word_compilation_reproduces_the_seeds_table(seed_consultation, login):
    response = login("yttrande").get(f"/remisser/{seed_consultation.pk}/remissammanstallning.docx")
    assert response.status_code == 200
    paragraphs, tables = docx_text(response.content)
    table = next(
        t for t in tables if t[0][1:] == ["ALN", "Enh", "KFN", "MN", "OMS", "SBN", "SN", "TN", "UN", "VM", "ÄON"]
    )
    assert table[1] == ["Biträder förvaltningens utvärdering", "X", "X", "X", "X", "", "X", "", "X", "X", "X", ""]
    texts = "\n".join(text for _, text in paragraphs)
    assert "Hållbarhetsutskottet beslutade 2014-12-02 att remittera" in texts
    assert "för besvarande senast 2015-03-31" in texts
    assert "Telges styrelser" in texts and "Olar Skinnars" in texts


def test_the_compilation_is_dated_as_asked_and_counts_the_answers_in_by_then(seed_consultation, login):
    url = f"/remisser/{seed_consultation.pk}/remissammanstallning.docx"
    reader = login("yttrande")
    # The seed's compilation is dated 2015-05-08; the demo's eleven answers came in 2015-05-04.
    paragraphs, tables = docx_text(reader.get(url, {"datum": "2015-05-08"}).content)
    texts = "\n".join(text for _, text in paragraphs)
    assert "2015-05-08" in paragraphs[0][1]
    assert "11 remissvar har kommit in till 2015-05-08." in texts
    paragraphs, tables = docx_text(reader.get(url, {"datum": "2015-05-01"}).content)
    texts = "\n".join(text for _, text in paragraphs)
    assert "0 remissvar har kommit in till 2015-05-01." in texts
    assert not any("X" in row for table in tables for row in table)  # no answer marked in the table yet


@pytest.mark.parametrize("bad", ["8 maj", "2015-02-30", "2999-01-01"])
def test_a_compilation_date_that_cannot_be_used_sends_the_reader_back_with_the_reason(seed_consultation, login, bad):
    reader = login("yttrande")
    response = reader.get(f"/remisser/{seed_consultation.pk}/remissammanstallning.pdf", {"datum": bad})
    assert response.status_code == 302 and response["Location"] == f"/remisser/{seed_consultation.pk}/"
    page = reader.get(response["Location"]).content.decode()
    assert f"Sammanställningens datum ”{bad}” går inte att använda" in page


def test_a_reader_who_chose_english_is_told_in_english_why_the_date_cannot_be_used(seed_consultation, login):
    reader = login("yttrande")
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = reader.get(f"/remisser/{seed_consultation.pk}/remissammanstallning.pdf", {"datum": "8 maj"}, follow=True)
    page = response.content.decode()
    assert "The compilation date “8 maj” cannot be used" in page
    assert "går inte att använda" not in page


def test_the_compilation_is_swedish_for_a_reader_who_chose_english(seed_consultation, login):
    url = f"/remisser/{seed_consultation.pk}/remissammanstallning.docx"
    swedish = login("yttrande").get(url)
    english_reader = login("yttrande")
    english_reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = english_reader.get(url)
    assert english["Content-Language"] == "sv"
    assert docx_text(english.content) == docx_text(swedish.content)


@needs_poppler
def test_the_pdf_compilation(seed_consultation, login, tmp_path):
    response = login("lasare").get(f"/remisser/{seed_consultation.pk}/remissammanstallning.pdf")
    assert_tagged_pdf(response.content, tmp_path)
    text = pdf_text(response.content, tmp_path)
    assert "Remissammanställning" in text and "Dnr KS 14-87" in text
    assert "Birgitta Rolander (C) och Ida Lagerqvist (FP)" in text
    assert "Reservationer, särskilda yttranden" in text


def test_guessing_addresses_gives_404(seed_consultation, login, client):
    from socialfund.accounts.models import User
    from socialfund.organisation.models import Organisation

    assert login("lasare").get("/remisser/999999/").status_code == 404
    assert login("lasare").get(f"/remisser/{seed_consultation.pk}/remissammanstallning.exe").status_code == 404
    outsider = User.objects.create_user("utanfor", organisation=Organisation.objects.create(name="X", code="9998"))
    client.force_login(outsider)
    assert client.get(f"/remisser/{seed_consultation.pk}/").status_code == 404
