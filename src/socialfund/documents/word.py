"""A document as Word (DOCX) with python-docx: clean, editable Word that an official can keep working in.

Headings use Word's own heading styles (so the navigation pane and the contents field
work; the document's title, the level-1 heading left out of the contents, has Word's Title
style and so stays out of them), lists are real numbered or bulleted lists (each numbered
list starts at 1), tables are Word tables with a repeating header row, and page numbers and the contents
list are Word fields. Only charts are pictures, and each is followed by its figures.
"""

from __future__ import annotations

import io
from html import escape
from typing import Any

from socialfund.core.formatting import format_date
from socialfund.documents.cells import format_cell
from socialfund.documents.charts import chart_png
from socialfund.documents.html import running_header
from socialfund.documents.model import Chart, Contents, Document, Heading, ItemList, Lines, Paragraph, Table
from socialfund.documents.walk import BlockWriters, write_block

BODY_FONT = "Times New Roman"
HEADING_FONT = "Arial"


def render_docx(document: Document) -> bytes:
    import docx

    word = docx.Document()
    _setup(word, document)
    writers = _writers(word, document)
    for index, block in enumerate(document.blocks):
        write_block(writers, index, block)
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


def _writers(word: Any, document: Document) -> BlockWriters[None]:
    return BlockWriters(
        heading=lambda _index, block: _heading(word, document, block),
        paragraph=lambda _index, block: _paragraph(word, block),
        lines=lambda _index, block: _lines(word, block),
        item_list=lambda _index, block: _list(word, block),
        table=lambda _index, block: add_table(word, block),
        chart=lambda _index, block: _chart(word, block),
        page_break=lambda _index, _block: _page_break(word),
        contents=lambda _index, block: _contents(word, document, block),
    )


def _heading(word: Any, document: Document, block: Heading) -> None:
    if block.level == 1 and not block.in_contents:
        styled_paragraph(word, block.text, "Title")  # the document's title: not in the contents field
        return
    heading = styled_paragraph(word, block.text, f"Heading {min(max(block.level, 1), 4)}")
    number = next((n for n, h in document.headings() if h is block), None)
    if number is not None:
        add_bookmark(heading, toc_bookmark(number), number)


def _lines(word: Any, block: Lines) -> None:
    paragraph = word.add_paragraph()
    for number, line in enumerate(block.lines):
        run = paragraph.add_run(line)
        run.bold = block.style == "strong"
        if number < len(block.lines) - 1:
            run.add_break()


def _page_break(word: Any) -> None:
    from docx.enum.text import WD_BREAK

    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


STYLE_IDS = "_socialfund_style_ids"


def styled_paragraph(word: Any, text: str, style_name: str) -> Any:
    """A paragraph in a named style, the style's id found once per document: python-docx looks a name up
    with two searches of every style (XPath) on each paragraph, a fifth of a report's writing (issue 22)."""
    from docx.enum.style import WD_STYLE_TYPE

    ids: dict[str, str | None] = word.__dict__.setdefault(STYLE_IDS, {})
    if style_name not in ids:
        ids[style_name] = word.part.get_style_id(style_name, WD_STYLE_TYPE.PARAGRAPH)  # None: the default style
    paragraph = word.add_paragraph(text)
    paragraph._p.style = ids[style_name]
    return paragraph


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
    paragraphs = [styled_paragraph(word, item, style) for item in block.items]
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


# Tables are formatted through styles, never run by run: a paragraph style per kind of cell (text or
# figure, ordinary or compact type, plain or bold for the header and a total row) and Word's "Table Grid"
# table style. Setting bold, size and alignment on each run of each cell was half of a 200-project
# report's time (issue 22); styles also leave the official a document whose look changes in one place.
TABLE_STYLE_ID = "TableGrid"
CELL_STYLES = {
    # (figure, compact, bold): (style name, size in points)
    (False, False, False): ("Tabelltext", 9.0),
    (True, False, False): ("Tabelltal", 9.0),
    (False, False, True): ("Tabelltext fet", 9.0),
    (True, False, True): ("Tabelltal fet", 9.0),
    (False, True, False): ("Tabelltext liten", 7.5),
    (True, True, False): ("Tabelltal liten", 7.5),
    (False, True, True): ("Tabelltext liten fet", 7.5),
    (True, True, True): ("Tabelltal liten fet", 7.5),
}


CELL_STYLE_IDS = "_socialfund_cell_style_ids"
"""Where a document keeps its cell style ids, found once: python-docx finds a style by name with a search of
every style (an XPath), and a report has dozens of tables (a third of the Word file's writing; issue 22)."""


def cell_style_ids(word: Any) -> dict[tuple[bool, bool, bool], str]:
    """The cell paragraph styles' ids, the styles added to the document the first time."""
    ids: dict[tuple[bool, bool, bool], str] | None = getattr(word, CELL_STYLE_IDS, None)
    if ids is None:
        ids = _find_or_add_cell_styles(word)
        setattr(word, CELL_STYLE_IDS, ids)  # python-docx's Document is unhashable: no weak dictionary
    return ids


def _find_or_add_cell_styles(word: Any) -> dict[tuple[bool, bool, bool], str]:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    styles = word.styles
    ids: dict[tuple[bool, bool, bool], str] = {}
    for (figure, compact, bold), (name, size) in CELL_STYLES.items():
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.quick_style = False
            style.font.size = Pt(size)
            style.font.bold = bold
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT if figure else WD_ALIGN_PARAGRAPH.LEFT
        ids[(figure, compact, bold)] = style.style_id
    return ids


def add_table(word: Any, table: Table) -> None:
    """The table as one piece of WordprocessingML, each cell a paragraph in its style (see CELL_STYLES)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    if table.caption:
        styled_paragraph(word, table.caption, "Caption")
    ids = cell_style_ids(word)
    compact = table.compact
    width = word._block_width.twips // len(table.columns)  # even widths, as python-docx gives; Word autofits
    tc_pr = f'<w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>'
    header = "".join(_tc(column.title, ids[(column.numeric, compact, True)], tc_pr) for column in table.columns)
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{TABLE_STYLE_ID}"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1"'
        ' w:val="04A0"/></w:tblPr><w:tblGrid>',
        f'<w:gridCol w:w="{width}"/>' * len(table.columns),
        '</w:tblGrid><w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>',
        header,
        "</w:tr>",
    ]
    last = len(table.rows)
    for number, row in enumerate(table.rows, start=1):
        bold = table.total and number == last
        parts.append("<w:tr>")
        for value, column in zip(row, table.columns, strict=True):
            parts.append(_tc(format_cell(value, column.kind), ids[(column.numeric, compact, bold)], tc_pr))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    word.element.body._insert_tbl(parse_xml("".join(parts)))
    if table.note:
        note = word.add_paragraph()
        note.add_run(table.note).font.size = Pt(8)


def _tc(text: str, style_id: str, tc_pr: str) -> str:
    """A cell: one paragraph in its style, its text escaped; a line break in the text is a Word line break."""
    lines = [_w_text(line) for line in text.splitlines() or [""]]
    runs = "<w:br/>".join(lines)
    paragraph = f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r>{runs}</w:r></w:p>'
    return f"<w:tc>{tc_pr}{paragraph}</w:tc>"


def _w_text(text: str) -> str:
    # Characters XML 1.0 cannot hold (control characters but tab) are left out rather than fail the document.
    clean = "".join(char for char in text if char == "\t" or char >= " ")
    return f'<w:t xml:space="preserve">{escape(clean, quote=False)}</w:t>' if clean else ""


def _chart(word: Any, chart: Chart) -> None:
    from docx.shared import Cm

    styled_paragraph(word, chart.title, "Caption")
    picture = word.add_paragraph().add_run().add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
    picture._inline.docPr.set("descr", f"Diagram: {chart.title}. Siffrorna står i tabellen under diagrammet.")
    if chart.note:
        word.add_paragraph(chart.note)
    add_table(word, chart.table())


def _contents(word: Any, document: Document, block: Contents) -> None:
    """A real table of contents: a TOC field over heading levels 1–2 whose result is already one linked entry
    per heading, in Word's TOC 1 and TOC 2 styles (Word updates the page numbers when it opens the file)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    styled_paragraph(word, block.title, "TOC Heading")
    for level in (1, 2):
        if f"TOC {level}" not in [style.name for style in word.styles]:
            style = word.styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = word.styles["Normal"]
            style.paragraph_format.left_indent = Cm(0.6 * (level - 1))

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    entries = document.headings()
    if not entries:
        add_field(word.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', "Innehållsförteckning")
        return
    for position, (number, heading) in enumerate(entries):
        paragraph = styled_paragraph(word, "", f"TOC {min(heading.level, 2)}")
        if position == 0:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = ' TOC \\o "1-2" \\h \\z \\u '
            paragraph.add_run()._r.append(char("begin"))
            paragraph.add_run()._r.append(code)
            paragraph.add_run()._r.append(char("separate"))
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), toc_bookmark(number))
        link.set(qn("w:history"), "1")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = heading.text
        run.append(text)
        link.append(run)
        paragraph._p.append(link)
        if position == len(entries) - 1:
            paragraph.add_run()._r.append(char("end"))
    settings = word.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def toc_bookmark(number: int) -> str:
    return f"_Toc{number:06d}"


def add_bookmark(paragraph: Any, name: str, ident: int) -> None:
    """Wrap the paragraph's text in a bookmark the contents' entry links to."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def date_line(document: Document) -> str:
    return format_date(document.date) if document.date else ""
