"""The tjänsteskrivelse: the seed's order, the calculation's figures, clean Word the official can edit."""

from __future__ import annotations

import pytest
from django.conf import settings

from socialfund.documents.cells import format_cell
from tests.reports.conftest import assert_tagged_pdf, docx_text, needs_poppler, pdf_text

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
    assert "Kommunförvaltningens förslag till kommunstyrelsen:" in headings
    assert "Handläggare: Sofie Somers" in "\n".join(texts)
    assert "Beredningsgruppens bedömning" in [t for s, t in paragraphs if s == "Heading 3"]
    cells = {cell for table in tables for row in table for cell in row}
    assert "Återföringsplan" not in cells and "Summa" in cells


@needs_poppler
def test_pdf_memo(granted, login, tmp_path):
    response = _post(login("registrator"), granted, "pdf")
    assert response.status_code == 200
    assert_tagged_pdf(response.content, tmp_path)
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


FUND_NAME = "Södertälje kommuns sociala investeringsfond"
AMOUNT_MISSING = "[belopp saknas i ansökan]"
BOARD_MISSING = "[ansvarig nämnd saknas i ansökan]"


def _case(fund, **fields):
    """A case of the demo fund, visible to the preparation group; no board, calculation or amounts unless given."""
    from socialfund.cases.models import Initiative

    values = {
        "initiator_name": "Okänd i underlaget",
        "initiator_type": "office",
        "stage": "preparation",
        "status": "active",
    }
    return Initiative.objects.create(fund=fund, title="Ung i Telge", **(values | fields))


def test_the_funds_name_is_written_as_it_is_named(granted, login):
    paragraphs, _ = docx_text(_post(login("beredning"), granted, "docx").content)
    text = "\n".join(t for _, t in paragraphs)
    assert f"Familjecentraler – ansökan om medel ur {FUND_NAME}" in [t for s, t in paragraphs if s == "Title"]
    assert f"Socialnämnden ansöker om 1 800 000 kr under 2016–2017 ur {FUND_NAME} för Familjecentraler." in text
    proposals = [t for s, t in paragraphs if s == "List Number"]
    assert proposals[1].startswith(f"Beviljar Socialnämnden 1 800 000 kr ur {FUND_NAME} för Familjecentraler")
    assert FUND_NAME.lower() not in text


def test_a_case_without_board_or_amounts_gets_visible_placeholders_not_0_kr(fund, login):
    case = _case(fund)
    client = login("beredning")
    page = client.get(f"/rapporter/tjansteskrivelse/{case.pk}/").content.decode()
    for missing in ("Ansökan anger ingen ansvarig nämnd.", "Ansökan saknar socioekonomisk beräkning."):
        assert missing in page  # the official sees before writing what the memo will leave open
    assert "Ansökan anger inte hur mycket som söks ur fonden." in page
    paragraphs, _ = docx_text(_post(client, case, "docx").content)
    text = "\n".join(t for _, t in paragraphs)
    grant = next(t for s, t in paragraphs if s == "List Number" and t.startswith("Beviljar"))
    assert grant == f"Beviljar {BOARD_MISSING} {AMOUNT_MISSING} ur {FUND_NAME} för Ung i Telge."
    assert f"{BOARD_MISSING} ansöker om {AMOUNT_MISSING} ur {FUND_NAME}" in text
    assert f"Ansökan anger inte hur mycket som söks ur fonden: {AMOUNT_MISSING}." in text
    assert "0 kr" not in text and "Okänd i underlaget" not in text


def test_a_calculation_without_fund_amounts_does_not_ask_for_0_kr(granted, login):
    from socialfund.cases.models import DecisionAmount, Initiative

    content = dict(granted.content)
    content["calculation"] = {
        **content["calculation"],
        "costs": [line for line in content["calculation"]["costs"] if line.get("payer") != "fund"],
    }
    DecisionAmount.objects.filter(decision__initiative=granted).delete()  # the decision stays, without amounts
    Initiative.objects.filter(pk=granted.pk).update(content=content)
    paragraphs, tables = docx_text(_post(login("beredning"), granted, "docx").content)
    text = "\n".join(t for _, t in paragraphs)
    assert f"Ansökan anger inte hur mycket som söks ur fonden: {AMOUNT_MISSING}." in text
    assert f"Beviljar Socialnämnden {AMOUNT_MISSING} ur {FUND_NAME}" in text
    assert "Ansökan avser 0 kr" not in text and "Beviljar Socialnämnden 0 kr" not in text


@needs_poppler
def test_the_pdf_shows_the_same_placeholders(fund, login, tmp_path):
    text = pdf_text(_post(login("beredning"), _case(fund), "pdf").content, tmp_path)
    assert f"Beviljar {BOARD_MISSING} {AMOUNT_MISSING} ur {FUND_NAME}" in text
    assert " 0 kr" not in text


def test_the_memo_is_only_for_applications_on_their_way_to_kommunstyrelsen(fund, granted, login):
    client = login("beredning")
    idea = _case(fund, stage="idea")
    refused = _case(fund, stage="decision", status="refused")
    for case in (idea, refused):
        response = client.get(f"/rapporter/tjansteskrivelse/{case.pk}/")
        assert response.status_code == 404
        assert "på väg till kommunstyrelsen" in response.content.decode()
        assert _post(client, case, "docx").status_code == 404
    assert client.get(f"/rapporter/tjansteskrivelse/{_case(fund).pk}/").status_code == 200


def test_the_goals_table_uses_swedish_number_formats(granted, login):
    _, tables = docx_text(_post(login("beredning"), granted, "docx").content)
    goals = next(table for table in tables if table[0][0] == "Mål (indikator)")
    assert goals[1][1:3] == ["0,2", "0,35"]  # the decimals the application gives, with a decimal comma
    assert goals[2][1:3] == ["9 000", "8 700"]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("0.125", "0,125"),  # never rounded to two places
        ("0.20", "0,20"),
        ("12 500", "12\u00a0500"),
        ("1e999999", "1e999999"),  # absurd: shown as written rather than failing the memo
        ("ca 40 %", "ca 40 %"),
        (None, "–"),
    ],
)
def test_a_goals_value_is_shown_as_the_applicant_gave_it(written, shown):
    from socialfund.reports.memo import _goals_table

    table = _goals_table([{"indicator": "Andel", "baseline": written, "target": None, "unit": ""}])
    assert format_cell(table.rows[0][1], table.columns[1].kind) == shown


def test_the_guidelines_are_named_by_title_and_adoption_not_by_id(granted, login, tmp_path):
    paragraphs, tables = docx_text(_post(login("beredning"), granted, "docx").content)
    text = "\n".join(t for _, t in paragraphs) + str(tables)
    assert f"Prövad mot riktlinjerna för {FUND_NAME}, antagna 2013-02-25 (Kommunfullmäktige § 7)" in text
    assert "sodertalje-2013" not in text


def test_the_proposals_are_sections_at_the_level_of_the_others(granted, login):
    paragraphs, _ = docx_text(_post(login("beredning"), granted, "docx").content)
    level_2 = [t for s, t in paragraphs if s == "Heading 2"]
    assert level_2[level_2.index("Ekonomiska konsekvenser och finansiering") :] == [
        "Ekonomiska konsekvenser och finansiering",
        "Kommunförvaltningens förslag till hållbarhetsutskottet:",
        "Kommunförvaltningens förslag till kommunstyrelsen:",
        "Beslutet skickas till",
    ]
    assert not any(t.startswith("Kommunförvaltningens förslag") for s, t in paragraphs if s == "Heading 3")


def test_a_fund_without_guidelines_still_gets_its_memo(granted, login):
    # The memo names the guidelines generically and checks the repayment plan with the calculation
    # engine's default limits; the page and the download work.
    granted.fund.policy_versions.all().delete()
    type(granted).objects.filter(fund=granted.fund).update(policy_id="")
    client = login("beredning")
    assert client.get(f"/rapporter/tjansteskrivelse/{granted.pk}/").status_code == 200
    paragraphs, _ = docx_text(_post(client, granted, "docx").content)
    text = "\n".join(t for _, t in paragraphs)
    assert f"Familjecentraler – ansökan om medel ur {FUND_NAME}" in text
    assert "Återföringen till fonden är 1 800 000 kr." in text
