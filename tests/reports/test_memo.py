"""The tjänsteskrivelse: the seed's order, the calculation's figures, clean Word the official can edit."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.reports.conftest import docx_text, needs_poppler, pdf_text

pytestmark = pytest.mark.django_db
ORDER = [
    "Sammanfattning av ärendet",
    "Beslutsunderlag",
    "Ärendet",
    "Ekonomiska konsekvenser och finansiering",
    "Beslutet skickas till",
]


def _post(client, initiative, fmt: str):
    return client.post(
        f"/rapporter/tjansteskrivelse/{initiative.pk}/",
        {
            "memo-date": "2015-10-26",
            "memo-office": "Kommunstyrelsens kontor",
            "memo-addressees": "Kommunstyrelsen\nHållbarhetsutskottet",
            "memo-signer_name": "Martin Andreae",
            "memo-signer_title": "Stadsdirektör",
            "memo-handler_name": "Sofie Somers",
            "memo-handler_title": "Utredare",
            "memo-handler_unit": "Enheten för utredning och hållbarhet",
            "memo-handler_phone": "08-523 063 78",
            "memo-handler_email": "sofie.somers@sodertalje.se",
            "memo-sent_to": "Akten\nHållbarhetsutskottet\nEnheten för utredning och hållbarhet",
            "memo-format": fmt,
        },
    )


def test_the_form_is_prefilled_from_the_case(granted, login):
    response = login("beredning").get(f"/rapporter/tjansteskrivelse/{granted.pk}/")
    assert response.status_code == 200
    assert "Stina Stadsdirektör" in response.content.decode()  # the city director signs


def test_word_memo_follows_the_seeds_order_with_numbered_proposals(granted, login):
    response = _post(login("beredning"), granted, "docx")
    assert response.status_code == 200
    paragraphs, tables = docx_text(response.content)
    texts = [text for _, text in paragraphs]
    assert texts[0] == "TJÄNSTESKRIVELSE" and texts[1] == "2015-10-26"
    headings = [text for style, text in paragraphs if style == "Heading 2"]
    assert [h for h in headings if h in ORDER] == ORDER
    assert "Dnr: KS 15-12" in texts
    proposals = [text for style, text in paragraphs if style == "List Number"]
    assert proposals[0].startswith("Tillstyrker ansökan")  # to hållbarhetsutskottet, its own list from 1
    assert proposals[1].startswith("Beviljar Socialnämnden 1 800 000 kr")
    assert "2016: 900 000 kr, 2017: 900 000 kr" in proposals[1]
    assert any(p.startswith("Fastställer återföringen") for p in proposals)
    assert "Kommunförvaltningens förslag till kommunstyrelsen:" in [t for s, t in paragraphs if s == "Heading 3"]
    assert "Handläggare: Sofie Somers" in "\n".join(texts)
    assert "Beredningsgruppens bedömning" in [t for s, t in paragraphs if s == "Heading 3"]
    cells = {cell for table in tables for row in table for cell in row}
    assert "Återföringsplan" not in cells and "Summa" in cells


@needs_poppler
def test_pdf_memo(granted, login, tmp_path):
    response = _post(login("registrator"), granted, "pdf")
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    for heading in ORDER:
        assert heading in text
    assert "1 800 000 kr" in text and "2015-10-26" in text and "Martin Andreae" in text


def test_a_case_the_user_cannot_see_is_404(granted, login):
    from socialfund.cases.models import Initiative

    draft = Initiative.objects.create(
        fund=granted.fund, title="Utkast", initiator_name="x", initiator_type="board", stage="idea", status="draft"
    )
    assert login("beredning").get(f"/rapporter/tjansteskrivelse/{draft.pk}/").status_code == 404
    assert login("beredning").get("/rapporter/tjansteskrivelse/999999/").status_code == 404


def test_the_memo_is_swedish_for_a_reader_who_chose_english(granted, login):
    english_reader = login("beredning")
    english_reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _post(english_reader, granted, "docx")
    assert english["Content-Language"] == "sv"
    assert docx_text(english.content) == docx_text(_post(login("beredning"), granted, "docx").content)
