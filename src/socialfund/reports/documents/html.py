"""A document as HTML for WeasyPrint: semantic headings, lists and tables; every text escaped.

The page furniture (registry number in the header, "Sida 3 av 12" in the footer, page
numbers in the contents list) is CSS paged media, in `pdf.PAGE_CSS`.
"""

from __future__ import annotations

import base64
from html import escape

from socialfund.core.formatting import format_date
from socialfund.reports.documents.cells import format_cell
from socialfund.reports.documents.charts import chart_svg
from socialfund.reports.documents.model import (
    Block,
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


def render_html(document: Document, *, css: str = "") -> str:
    anchors = {index: f"avsnitt-{index}" for index, _ in document.headings()}
    body = "\n".join(_block(document, index, block, anchors) for index, block in enumerate(document.blocks))
    keywords = escape(", ".join(document.keywords))
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)}</title>"
        f'<meta name="keywords" content="{keywords}">'
        f'<meta name="dcterms.created" content="{format_date(document.date) if document.date else ""}">'
        f"<style>{css}</style></head><body>"
        f"{body}</body></html>"
    )


def running_header(document: Document) -> str:
    """'Södertälje kommun · Tjänsteskrivelse · Dnr KS 14-87': the top of every page."""
    registry = f"Dnr {document.registry_number}" if document.registry_number else ""
    return " · ".join(part for part in (document.organisation, document.kind, registry) if part)


def _block(document: Document, index: int, block: Block, anchors: dict[int, str]) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 4)
        anchor = f' id="{anchors[index]}"' if index in anchors else ""
        return f"<h{level}{anchor}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f'<p class="{block.style}">{escape(block.text)}</p>'
    if isinstance(block, Lines):
        return f'<p class="lines {block.style}">' + "<br>".join(escape(line) for line in block.lines) + "</p>"
    if isinstance(block, ItemList):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + f"</{tag}>"
    if isinstance(block, Table):
        return render_table(block)
    if isinstance(block, Chart):
        return _chart(block)
    if isinstance(block, PageBreak):
        return '<div class="page-break"></div>'
    if isinstance(block, Contents):
        return _contents(document, block, anchors)
    raise TypeError(f"okänt block: {block!r}")


def render_table(table: Table) -> str:
    classes = "data compact" if table.compact else "data"
    parts = [f'<table class="{classes}">']
    if table.caption:
        parts.append(f"<caption>{escape(table.caption)}</caption>")
    parts.append("<colgroup>")
    parts.extend(f'<col style="width: {share:.1f}%">' for share in column_shares(table))
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


CELL_PADDING = 4
"""Characters' worth of a cell's padding and borders, so that a word that fits its column never breaks."""
HEADER_WIDTH = 1.3
DIGIT_WIDTH = 1.25
MIN_COLUMN = 5


def column_shares(table: Table, *, sample: int = 200, widest: int = 40, longest_word: int = 24) -> list[float]:
    """Each column's share of the width, from its texts (the first `sample` rows).

    A column gets room for its longest text (up to `widest` characters) and at least for
    its longest word, so that no word is broken. With these widths the PDF lays tables out
    in fixed mode: WeasyPrint then need not measure every cell of a long table, which
    halves the time of a 200-project report.
    """
    weights = []
    for position, column in enumerate(table.columns):
        texts = [format_cell(row[position], column.kind) for row in table.rows[:sample]]
        # Words break at plain spaces only: '1 234 567 kr' is held together by its non-breaking spaces.
        words = [len(word) for text in texts for word in text.split(" ")]
        # The header is bold and sans-serif: wider per letter than the body's serif.
        words += [round(len(word) * HEADER_WIDTH) for word in column.title.split(" ")]
        text_length = max([len(text) for text in texts] + [len(column.title)])
        word_length = max(words, default=1)
        if column.numeric or column.kind == "date":
            weight = round(max(text_length, word_length) * DIGIT_WIDTH)  # digits are wider than most letters
        else:
            weight = max(min(text_length, widest), min(word_length, longest_word))
        weights.append(max(weight, MIN_COLUMN) + CELL_PADDING)
    total = sum(weights)
    return [100 * weight / total for weight in weights]


def _chart(chart: Chart) -> str:
    data = base64.b64encode(chart_svg(chart)).decode("ascii")
    note = f'<p class="table-note">{escape(chart.note)}</p>' if chart.note else ""
    return (
        f'<figure class="chart"><figcaption>{escape(chart.title)}</figcaption>'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(chart.title)}"></figure>'
        f"{note}{render_table(chart.table())}"
    )


def _contents(document: Document, block: Contents, anchors: dict[int, str]) -> str:
    items = []
    for index, heading in document.headings():
        items.append(
            f'<li class="toc-level-{heading.level}"><a href="#{anchors[index]}">{escape(heading.text)}</a></li>'
        )
    return f'<nav class="contents"><h2 class="contents-title">{escape(block.title)}</h2><ul>{"".join(items)}</ul></nav>'
