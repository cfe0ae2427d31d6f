"""A document as Word (DOCX) with python-docx: clean, editable Word that an official can keep working in.

Headings use Word's own heading styles (so the navigation pane and the contents field
work; the document's title, the level-1 heading left out of the contents, has Word's Title
style and so stays out of them), lists are real numbered or bulleted lists (each numbered
list starts at 1), tables are Word tables with a repeating header row, and page numbers and the contents
list are Word fields. Only charts are pictures, and each is followed by its figures.
"""

from __future__ import annotations

import io
from typing import Any

from socialfund.core.formatting import format_date
from socialfund.reports.documents.cells import format_cell
from socialfund.reports.documents.charts import chart_png
from socialfund.reports.documents.html import running_header
from socialfund.reports.documents.model import (
    Chart,
    Contents,
    Document,
    Heading,
    ItemList,
    Lines,
    PageBreak,
    Paragraph,
    Table,
)

BODY_FONT = "Times New Roman"
HEADING_FONT = "Arial"


def render_docx(document: Document) -> bytes:
    import docx

    word = docx.Document()
    _setup(word, document)
    for block in document.blocks:
        _block(word, document, block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _setup(word: Any, document: Document) -> None:
    from docx.shared import Mm, Pt

    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(22), Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(22)
    normal = word.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(11)
    _language(normal, "sv-SE")
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title", "Caption"):
        style = word.styles[name]
        style.font.name = HEADING_FONT
        style.font.color.rgb = None
    word.styles["Title"].font.size = Pt(20)  # the template's 28 pt takes three lines for a long title
    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.kind
    properties.keywords = ", ".join(document.keywords)
    properties.language = "sv-SE"
    if document.registry_number:
        properties.identifier = f"Dnr {document.registry_number}"
    _header_and_footer(section, document)


def _language(style: Any, code: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), code)
    rpr.append(lang)


def _header_and_footer(section: Any, document: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    header = section.header.paragraphs[0]
    header.text = running_header(document)
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if document.numbered_pages:
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Sida ")
        add_field(footer, "PAGE", "1")
        footer.add_run(" av ")
        add_field(footer, "NUMPAGES", "1")


def add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC…) whose shown text is `placeholder` until Word updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(char("begin"))
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(char("end"))


def _block(word: Any, document: Document, block: object) -> None:
    from docx.enum.text import WD_BREAK

    if isinstance(block, Heading):
        if block.level == 1 and not block.in_contents:
            word.add_heading(block.text, level=0)  # the document's title: Word's Title, not in the contents field
        else:
            word.add_heading(block.text, level=min(max(block.level, 1), 4))
    elif isinstance(block, Paragraph):
        _paragraph(word, block)
    elif isinstance(block, Lines):
        paragraph = word.add_paragraph()
        for number, line in enumerate(block.lines):
            run = paragraph.add_run(line)
            run.bold = block.style == "strong"
            if number < len(block.lines) - 1:
                run.add_break()
    elif isinstance(block, ItemList):
        _list(word, block)
    elif isinstance(block, Table):
        add_table(word, block)
    elif isinstance(block, Chart):
        _chart(word, block)
    elif isinstance(block, PageBreak):
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    elif isinstance(block, Contents):
        _contents(word, document, block)
    else:
        raise TypeError(f"okänt block: {block!r}")


def _paragraph(word: Any, block: Paragraph) -> None:
    from docx.shared import Pt

    paragraph = word.add_paragraph()
    run = paragraph.add_run(block.text)
    if block.style in ("strong", "label"):
        run.bold = True
    if block.style == "label":
        run.font.size = Pt(13)
    elif block.style == "small":
        run.font.size = Pt(9)
    elif block.style == "lead":
        run.font.size = Pt(12)


def _list(word: Any, block: ItemList) -> None:
    style = "List Number" if block.numbered else "List Bullet"
    paragraphs = [word.add_paragraph(item, style=style) for item in block.items]
    if block.numbered and paragraphs:
        _restart_numbering(word, paragraphs)


def _restart_numbering(word: Any, paragraphs: list[Any]) -> None:
    """Give the list its own numbering instance starting at 1 (Word continues 'List Number' otherwise)."""
    numbering = word.part.numbering_part.numbering_definitions._numbering
    style_num_id = word.styles["List Number"].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for paragraph in paragraphs:
        numbering_properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbering_properties.get_or_add_ilvl().val = 0
        numbering_properties.get_or_add_numId().val = num.numId


def add_table(word: Any, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if table.caption:
        word.add_paragraph(table.caption, style="Caption")
    from docx.table import _Cell

    grid = word.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    size = Pt(7.5 if table.compact else 9)
    rows = grid._tbl.tr_lst  # the row elements: grid.cell(r, c) rebuilds the whole grid on every call
    _repeat_header(rows[0])
    for tc, column in zip(rows[0].tc_lst, table.columns, strict=True):
        cell = _Cell(tc, grid)
        _cell(cell, column.title, size=size, bold=True, right=column.numeric, align=WD_ALIGN_PARAGRAPH)
    for number, (tr, row) in enumerate(zip(rows[1:], table.rows, strict=True), start=1):
        bold = table.total and number == len(table.rows)
        for tc, value, column in zip(tr.tc_lst, row, table.columns, strict=True):
            text = format_cell(value, column.kind)
            _cell(_Cell(tc, grid), text, size=size, bold=bold, right=column.numeric, align=WD_ALIGN_PARAGRAPH)
    if table.note:
        note = word.add_paragraph()
        note.add_run(table.note).font.size = Pt(8)


def _cell(cell: Any, text: str, *, size: Any, bold: bool, right: bool, align: Any) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size = size
    run.bold = bold
    if right:
        paragraph.alignment = align.RIGHT


def _repeat_header(tr: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(marker)


def _chart(word: Any, chart: Chart) -> None:
    from docx.shared import Cm

    word.add_paragraph(chart.title, style="Caption")
    picture = word.add_paragraph().add_run().add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
    picture._inline.docPr.set("descr", f"Diagram: {chart.title}. Siffrorna står i tabellen under diagrammet.")
    if chart.note:
        word.add_paragraph(chart.note)
    add_table(word, chart.table())


def _contents(word: Any, document: Document, block: Contents) -> None:
    """A TOC field over heading levels 1–2; Word fills in the page numbers when it updates the field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word.add_paragraph(block.title, style="TOC Heading")
    paragraph = word.add_paragraph()
    placeholder = "; ".join(heading.text for _, heading in document.headings())
    add_field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', placeholder or "Innehållsförteckning")
    settings = word.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def date_line(document: Document) -> str:
    return format_date(document.date) if document.date else ""
