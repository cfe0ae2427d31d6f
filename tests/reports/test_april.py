"""The April follow-up report in PDF, Word and XLSX: headings, figures and formats; totals equal the books."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageStat

from socialfund.accounts.models import User
from socialfund.reports import ledger_and_followup
from tests.reports.conftest import assert_tagged_pdf, docx_text, needs_poppler, pdf_pages_as_png, pdf_text

pytestmark = pytest.mark.django_db
URL = "/rapporter/sodertalje/uppfoljning-2016.{fmt}"
FUND_NAME = "Södertälje kommuns sociala investeringsfond"
TITLE = f"Uppföljning av {FUND_NAME} 2016"
ANNEX_URL = "/rapporter/sodertalje/uppfoljning-2016-bilaga.{fmt}"
REPORT_PAGES_AT_MOST = 12
"""The report with the demo fund and its one project is 11 pages (sections, the answers to the evaluation's
questions, charts, the comparison tables)."""
ANNEX_HEADINGS = [
    "Projektens status",
    "Projektens medel och besparingar",
    "Indikatorer per projekt",
    "Återföring per projekt och år",
]
HEADINGS = [
    "Sammanfattning",
    "Fondens ställning och flöden",
    "Initiativ",
    "Utvärderingens frågor",
    "Projekt",
    "Indikatorer",
    "Återföring och eftergifter",
    "Prognos för fondens överlevnad",
    "Jämförelse med andra fonder",
]


@needs_poppler
def test_pdf_has_contents_headings_swedish_figures_and_pages_that_are_not_blank(granted, login, written, tmp_path):
    from socialfund.reports.report_texts import report_text_save

    report_text_save(
        fund=granted.fund,
        year=2016,
        user=User.objects.get(username="beredning"),
        registry_number="KS 17-40",
        lessons="",
        proposals="",
        comments="",
    )
    content = written(login("ekonomi"), "pdf")
    assert content.startswith(b"%PDF")
    assert_tagged_pdf(content, tmp_path)
    text = pdf_text(content, tmp_path)
    assert "Uppföljning av Södertälje kommuns sociala investeringsfond 2016" in text
    assert "Dnr KS 17-40" in text and "KS 14-87" not in text and "Innehåll" in text  # the report's own number
    for heading in HEADINGS:
        assert heading in text
    assert "24 000 000 kr" in text  # capital
    assert "1 800 000 kr" in text  # granted to Familjecentraler
    assert "2016-12-31" in text
    assert "Sida 1 av" in text
    assert "Körkortsutbildning för ungdomar" in text and "Tjejhuset" in text  # the seed's refused initiatives
    assert "Norrköping" in text and "Örebro" in text  # the comparison with other funds
    pages = pdf_pages_as_png(content, tmp_path)
    assert len(pages) >= 5
    for page in pages:
        image = Image.open(page).convert("L")
        assert ImageStat.Stat(image).stddev[0] > 5, f"{page.name} is blank"


def test_word_file_has_real_headings_and_tables(granted, login, written):
    paragraphs, tables = docx_text(written(login("lasare"), "docx"))
    # The title is Word's Title, so that the contents field lists the sections only.
    assert [text for style, text in paragraphs if style == "Title"] == [
        "Uppföljning av Södertälje kommuns sociala investeringsfond 2016"
    ]
    assert [text for style, text in paragraphs if style == "Heading 1"] == HEADINGS
    cells = {cell for table in tables for row in table for cell in row}
    assert "1 800 000 kr" in cells and "900 000 kr" in cells  # the projects' sums per board
    assert "Familjecentraler" not in cells  # each project's own line is in the annex

    paragraphs, tables = docx_text(written(login("lasare"), "docx", kind="annex"))
    assert [text for style, text in paragraphs if style == "Heading 1"] == ANNEX_HEADINGS
    cells = {cell for table in tables for row in table for cell in row}
    assert {"Familjecentraler", "1 800 000 kr", "900 000 kr"} <= cells


def _sheet_rows(book, title):
    return [[cell.value for cell in row] for row in book[title].iter_rows()]


def test_xlsx_totals_equal_the_ledger(granted, login, written):
    book = load_workbook(io.BytesIO(written(login("ekonomi"), "xlsx")))
    position = ledger_and_followup.fund_position(granted.fund, dt.date(2016, 12, 31))
    money = ledger_and_followup.project_money(granted.fund, dt.date(2016, 12, 31))
    rows = {row[0]: row for row in _sheet_rows(book, "Ställning")}
    assert Decimal(rows["Fondkapital"][2]) == position.capital
    assert Decimal(rows["Disponibla medel"][2]) == position.available
    assert Decimal(rows["Utbetalda medel (ackumulerat)"][2]) == position.paid_out
    projects = _sheet_rows(book, "Projektens medel")
    total = projects[-1]
    assert total[0] == "Summa"
    assert Decimal(total[1]) == sum(m.granted for m in money.values()) == Decimal("1800000")
    assert Decimal(total[2]) == sum(m.paid for m in money.values()) == Decimal("900000")
    assert sum(Decimal(row[1]) for row in projects[1:-1]) == Decimal(total[1])
    assert book["Rapport"]["B3"].value == "–"  # the report has no registry number until it is filed


def test_someone_outside_the_organisation_or_a_strange_format_gets_404(granted, login, client):
    from socialfund.accounts.models import User

    outsider = User.objects.create_user("utomstaende", organisation=None)
    client.force_login(outsider)
    assert client.get(URL.format(fmt="pdf")).status_code == 404
    assert login("ekonomi").get(URL.format(fmt="exe")).status_code == 404
    assert login("ekonomi").get(ANNEX_URL.format(fmt="xlsx")).status_code == 404  # its tables are in the report's
    assert login("ekonomi").get("/rapporter/sodertalje/uppfoljning-1999.pdf").status_code == 404
    client.logout()
    assert client.get(URL.format(fmt="pdf")).status_code == 302  # to the login page


def _pdf_outline(content: bytes, tmp_path: Path) -> tuple[int, list[tuple[str, int]]]:
    """The PDF's page count and its bookmarks (the section list a reader's side panel shows): (title, page)."""
    path = tmp_path / "outline.pdf"
    path.write_bytes(content)
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", "-q", str(path)], capture_output=True, check=True, text=True
    ).stdout
    root = ElementTree.fromstring(xml)  # noqa: S314 - our own PDF, read by poppler in the test
    pages = len(root.findall("page"))
    outline = root.find("outline")
    items = [] if outline is None else outline.findall("item")  # the top level: the sections
    return pages, [(" ".join((item.text or "").split()), int(item.get("page", "0"))) for item in items]


@needs_poppler
def test_the_report_stays_a_summary_of_the_same_length_and_each_project_goes_to_the_annex(
    granted, login, written, tmp_path
):
    from benchmarks.report_fixture import populate_projects

    client = login("ekonomi")
    pages, sections = _pdf_outline(written(client, "pdf"), tmp_path)
    assert [title for title, _ in sections] == [TITLE, *HEADINGS]
    assert pages <= REPORT_PAGES_AT_MOST
    annex_pdf = written(client, "pdf", kind="annex")
    assert_tagged_pdf(annex_pdf, tmp_path)
    annex_pages, annex_sections = _pdf_outline(annex_pdf, tmp_path)
    assert [title for title, _ in annex_sections] == [
        f"Bilaga: projekten i uppföljningen av {FUND_NAME} 2016",
        *ANNEX_HEADINGS,
    ]

    populate_projects(60)  # each decided, booked, paid, with a repayment plan and its follow-up started
    more_pages, more_sections = _pdf_outline(written(client, "pdf"), tmp_path)
    assert more_pages == pages  # 61 projects take no more pages than one: the report sums them up
    assert [title for title, _ in more_sections] == [title for title, _ in sections]
    more_annex_pages, _ = _pdf_outline(written(client, "pdf", kind="annex"), tmp_path)
    assert more_annex_pages > annex_pages  # where each project has its lines
