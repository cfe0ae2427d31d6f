"""A document as HTML for WeasyPrint: semantic headings, lists and tables; every text escaped.

The page furniture (registry number in the header, "Sida 3 av 12" in the footer, page
numbers in the contents list) is CSS paged media, in `pdf.PAGE_CSS`.
"""

from __future__ import annotations

import base64
from html import escape

from socialfund.core.formatting import format_date
from socialfund.documents.cells import format_cell
from socialfund.documents.charts import chart_svg
from socialfund.documents.layout import TableLayout, table_layout
from socialfund.documents.model import Block, Chart, Contents, Document, Heading, ItemList, Lines, Paragraph, Table
from socialfund.documents.walk import BlockWriters, write_block


def render_html(document: Document, *, css: str = "") -> str:
    anchors = {index: f"avsnitt-{index}" for index, _ in document.headings()}
    layouts = {
        index: table_layout(block.table() if isinstance(block, Chart) else block)
        for index, block in enumerate(document.blocks)
        if isinstance(block, Table | Chart)
    }
    landscape = _landscape(document.blocks, layouts)
    writers = _writers(document, anchors, layouts)
    parts = []
    for index, block in enumerate(document.blocks):
        if index in landscape and index - 1 not in landscape:
            parts.append('<div class="landscape">')
        parts.append(write_block(writers, index, block))
        if index in landscape and index + 1 not in landscape:
            parts.append("</div>")
    body = "\n".join(parts)
    keywords = escape(", ".join(document.keywords))
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)}</title>"
        f'<meta name="keywords" content="{keywords}">'
        f'<meta name="dcterms.created" content="{format_date(document.date) if document.date else ""}">'
        f"<style>{css}</style></head><body>"
        f"{body}</body></html>"
    )


SHORT_TEXT = 400
"""Characters: text between two landscape tables that goes with them rather than alone on a page."""


def _landscape(blocks: tuple[Block, ...], layouts: dict[int, TableLayout]) -> set[int]:
    """The blocks set on landscape pages: the wide tables, the headings just before them, and a short
    text between two of them (so that it does not get a portrait page of its own)."""
    wide = sorted(index for index, layout in layouts.items() if layout.landscape)
    chosen = set(wide)
    for index in wide:
        before = index - 1
        while before >= 0 and isinstance(blocks[before], Heading):
            chosen.add(before)
            before -= 1
    ordered = sorted(chosen)
    for first, then in zip(ordered, ordered[1:], strict=False):
        between = blocks[first + 1 : then]
        if all(isinstance(block, Heading | Paragraph | Lines) for block in between):
            if sum(len(_plain(block)) for block in between) <= SHORT_TEXT:
                chosen.update(range(first + 1, then))
    return chosen


def _plain(block: Block) -> str:
    if isinstance(block, Lines):
        return " ".join(block.lines)
    return block.text if isinstance(block, Heading | Paragraph) else ""


def running_header(document: Document) -> str:
    """'Södertälje kommun · Tjänsteskrivelse · Dnr KS 14-87': the top of every page."""
    registry = f"Dnr {document.registry_number}" if document.registry_number else ""
    return " · ".join(part for part in (document.organisation, document.kind, registry) if part)


def _writers(document: Document, anchors: dict[int, str], layouts: dict[int, TableLayout]) -> BlockWriters[str]:
    return BlockWriters(
        heading=lambda index, block: _heading(block, anchors.get(index)),
        paragraph=lambda _index, block: f'<p class="{block.style}">{escape(block.text)}</p>',
        lines=lambda _index, block: (
            f'<p class="lines {block.style}">' + "<br>".join(escape(line) for line in block.lines) + "</p>"
        ),
        item_list=lambda _index, block: _item_list(block),
        table=lambda index, block: render_table(block, layouts.get(index)),
        chart=lambda index, block: _chart(block, layouts.get(index)),
        page_break=lambda _index, _block: '<div class="page-break"></div>',
        contents=lambda _index, block: _contents(document, block, anchors),
    )


def _heading(block: Heading, anchor: str | None) -> str:
    level = min(max(block.level, 1), 4)
    attribute = f' id="{anchor}"' if anchor else ""
    return f"<h{level}{attribute}>{escape(block.text)}</h{level}>"


def _item_list(block: ItemList) -> str:
    tag = "ol" if block.numbered else "ul"
    return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + f"</{tag}>"


def render_table(table: Table, layout: TableLayout | None = None) -> str:
    """The table with its column widths and type size (`table_layout`); a landscape table is set on a
    landscape page by `render_html`, which wraps it in a `div.landscape`."""
    layout = layout or table_layout(table)
    classes = "data compact" if table.compact else "data"
    if table.keep_together:
        classes += " keep-together"
    parts = [f'<table class="{classes}" style="font-size: {layout.font_size:.2f}pt">']
    if table.caption:
        parts.append(f"<caption>{escape(table.caption)}</caption>")
    parts.append("<colgroup>")
    parts.extend(f'<col style="width: {share:.2f}%">' for share in layout.shares)
    parts.append("</colgroup><thead><tr>")
    for column in table.columns:
        align = ' class="num"' if column.numeric else ""
        parts.append(f'<th scope="col"{align}>{escape(column.title)}</th>')
    parts.append("</tr></thead><tbody>")
    for number, row in enumerate(table.rows, start=1):
        total = ' class="total"' if table.total and number == len(table.rows) else ""
        parts.append(f"<tr{total}>")
        for position, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            text = escape(format_cell(value, column.kind))
            align = ' class="num"' if column.numeric else (' class="nowrap"' if column.kind == "date" else "")
            cell = "th" if position == 0 else "td"
            scope = ' scope="row"' if position == 0 else ""
            parts.append(f"<{cell}{scope}{align}>{text}</{cell}>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    if table.note:
        parts.append(f'<p class="table-note">{escape(table.note)}</p>')
    return "".join(parts)


def _chart(chart: Chart, layout: TableLayout | None = None) -> str:
    data = base64.b64encode(chart_svg(chart)).decode("ascii")
    note = f'<p class="table-note">{escape(chart.note)}</p>' if chart.note else ""
    return (
        f'<figure class="chart"><figcaption>{escape(chart.title)}</figcaption>'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(chart.title)}"></figure>'
        f"{note}{render_table(chart.table(), layout)}"
    )


def _contents(document: Document, block: Contents, anchors: dict[int, str]) -> str:
    items = []
    for index, heading in document.headings():
        items.append(
            f'<li class="toc-level-{heading.level}"><a href="#{anchors[index]}">{escape(heading.text)}</a></li>'
        )
    return f'<nav class="contents"><h2 class="contents-title">{escape(block.title)}</h2><ul>{"".join(items)}</ul></nav>'
