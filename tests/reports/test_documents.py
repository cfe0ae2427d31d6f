"""The pure document writers: Swedish cells, neutralised spreadsheets, clean Word. No database."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import docx
from openpyxl import load_workbook

from socialfund.documents.cells import format_cell
from socialfund.documents.model import Column, Contents, Document, Heading, ItemList, Paragraph, Table
from socialfund.documents.spreadsheet import neutralise, sheet_name, table_to_csv, tables_to_xlsx
from socialfund.documents.word import render_docx

NBSP = "\u00a0"
DANGEROUS = [
    '=HYPERLINK("http://x","y")',
    "@SUM(A1)",
    "+1+1",
    "-2+3",
    "\tTAB",
    "\rCR",
    "\nLF",
    "  =1+1",  # spaces first: a spreadsheet may trim them before reading a formula
    "\uff1d1+1",  # the full-width ＝, which a spreadsheet may fold into "="
]


def test_cells_in_swedish_formats():
    assert format_cell(Decimal("1234567"), "sek") == f"1{NBSP}234{NBSP}567{NBSP}kr"
    assert format_cell(Decimal("24000000"), "mnkr") == f"24{NBSP}mnkr"
    assert format_cell(dt.date(2015, 10, 26), "date") == "2015-10-26"
    assert format_cell(Decimal("0.25"), "percent") == f"25{NBSP}%"
    assert format_cell(None, "sek") == "–"


def test_every_formula_start_is_neutralised():
    for text in DANGEROUS:
        assert neutralise(text) == "'" + text
    assert neutralise("Familjecentraler") == "Familjecentraler"
    assert neutralise("Barn 0-6 år") == "Barn 0-6 år"


def _table() -> Table:
    return Table(
        columns=(Column("Titel"), Column("Belopp", "sek"), Column("Inkom", "date")),
        rows=tuple((text, Decimal("-100.50"), dt.date(2016, 1, 1)) for text in DANGEROUS)
        + (("Summa", Decimal("-100.50") * len(DANGEROUS), None),),
        caption="Test",
        total=True,
    )


def test_csv_never_starts_a_cell_with_a_formula():
    content = table_to_csv(_table()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    titles = [row[0] for row in rows[1:-1]]
    assert titles == ["'" + text for text in DANGEROUS]
    assert rows[1][1] == "-100,50"  # a number stays a number, with the Swedish decimal comma
    assert rows[1][2] == "2016-01-01"


def test_csv_quotes_every_field_so_a_comma_separated_reading_cannot_start_a_cell_with_a_formula():
    table = Table(columns=(Column("Titel"),), rows=(("Läxhjälp,=1+1",),), caption="Test")
    content = table_to_csv(table).decode("utf-8-sig")
    assert content.splitlines()[1] == '"Läxhjälp,=1+1"'
    # A spreadsheet set to commas (English Excel) reads the quoted field whole.
    assert list(csv.reader(io.StringIO(content), delimiter=","))[1] == ["Läxhjälp,=1+1"]


def test_xlsx_keeps_numbers_and_stores_dangerous_text_as_text():
    book = load_workbook(io.BytesIO(tables_to_xlsx([_table()])))
    sheet = book.active
    for row, text in enumerate(DANGEROUS, start=2):
        cell = sheet.cell(row=row, column=1)
        # As typed, stored as text and marked with Excel's own quote prefix: shown, never run.
        assert cell.value == text
        assert cell.data_type == "s" and cell.quotePrefix
    amounts = [sheet.cell(row=row, column=2).value for row in range(2, 2 + len(DANGEROUS))]
    assert sum(amounts) == sheet.cell(row=2 + len(DANGEROUS), column=2).value == -904.5
    assert sheet.cell(row=2, column=3).value == dt.datetime(2016, 1, 1)  # noqa: DTZ001 - a spreadsheet date has no zone


def test_sheet_names_are_legal_and_unique():
    taken: set[str] = set()
    first = sheet_name("Projektens medel och återföring per 2015-12-31", taken)
    second = sheet_name("Projektens medel och återföring per 2015-12-31", taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert "/" not in sheet_name("a/b:c", taken)


def test_word_uses_real_headings_lists_and_tables_and_restarts_each_numbered_list():
    document = Document(
        title="Test",
        blocks=(
            Contents(),
            Heading("Förslag till utskottet"),
            ItemList(("Tillstyrker.",), numbered=True),
            Heading("Förslag till kommunstyrelsen"),
            ItemList(("Beviljar.", "Fastställer."), numbered=True),
            Paragraph("Text"),
            _table(),
        ),
        registry_number="KS 14-87",
    )
    word = docx.Document(io.BytesIO(render_docx(document)))
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Heading 1", "Förslag till utskottet") in styles
    assert [text for style, text in styles if style == "List Number"] == ["Tillstyrker.", "Beviljar.", "Fastställer."]
    numbering = [p._p.pPr.numPr.numId.val for p in word.paragraphs if p.style.name == "List Number"]
    assert numbering[0] != numbering[1] == numbering[2]  # two lists, each its own numbering from 1
    assert word.tables[0].rows[1].cells[0].text == DANGEROUS[0]  # Word runs no formulas: shown as written
    assert "KS 14-87" in word.sections[0].header.paragraphs[0].text
    assert "PAGE" in word.sections[0].footer._element.xml


def test_word_tables_are_formatted_by_styles_not_run_by_run():
    # Bold, size and alignment on every run of every cell was half of a 200-project report's time (issue 22).
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    compact = Table(columns=(Column("Projekt"), Column("Beviljat", "sek")), rows=(("A", Decimal(1)),), compact=True)
    word = docx.Document(io.BytesIO(render_docx(Document(title="Test", blocks=(_table(), compact)))))
    table, small = word.tables
    assert table.style.name == "Table Grid"
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # the header repeats on every page
    for row in [*table.rows, *small.rows]:
        for cell in row.cells:
            assert cell._tc.xpath(".//w:rPr") == [], "a run formatted by hand"
    header, first, total = table.rows[0].cells, table.rows[1].cells, table.rows[-1].cells
    assert [c.paragraphs[0].style.name for c in header] == ["Tabelltext fet", "Tabelltal fet", "Tabelltext fet"]
    assert [c.paragraphs[0].style.name for c in first] == ["Tabelltext", "Tabelltal", "Tabelltext"]
    assert [c.paragraphs[0].style.name for c in total] == ["Tabelltext fet", "Tabelltal fet", "Tabelltext fet"]
    assert [c.paragraphs[0].style.name for c in small.rows[1].cells] == ["Tabelltext liten", "Tabelltal liten"]
    figures = word.styles["Tabelltal"]
    assert figures.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT and figures.font.size.pt == 9
    assert word.styles["Tabelltal fet"].font.bold and word.styles["Tabelltext liten"].font.size.pt == 7.5
    assert first[0].text == DANGEROUS[0] and first[1].text == f"\u2212101{NBSP}kr"
    assert [table.rows[n].cells[0].text for n in (6, 7)] == ["\nCR", "\nLF"]  # a line break stays a line break
