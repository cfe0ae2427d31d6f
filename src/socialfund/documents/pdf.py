"""A document as tagged PDF (PDF/UA-1), through WeasyPrint: A4, registry number in the header, page X of Y in the footer."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from socialfund.documents.html import render_html, running_header
from socialfund.documents.model import Document

# WeasyPrint reports every layout step at INFO; a server log needs none of it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PAGE_CSS = """
table.keep-together { break-inside: avoid; page-break-inside: avoid; }
@page {
  size: A4;
  margin: 22mm 20mm 22mm 22mm;
  @top-right { font: 8pt "DejaVu Sans", sans-serif; color: #444; }
  @bottom-center { content: "Sida " counter(page) " av " counter(pages); font: 8pt "DejaVu Sans", sans-serif; }
}
html { font: 10pt/1.4 "DejaVu Serif", "Liberation Serif", serif; color: #111; }
h1, h2, h3, h4, caption, th, figcaption, .label, .contents-title {
  font-family: "DejaVu Sans", "Liberation Sans", sans-serif;
}
h1 { font-size: 17pt; margin: 0 0 8pt; line-height: 1.2; bookmark-level: 1; }
h2 { font-size: 13pt; margin: 14pt 0 5pt; bookmark-level: 2; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; bookmark-level: 3; break-after: avoid; }
h4 { font-size: 10pt; margin: 8pt 0 3pt; break-after: avoid; }
p { margin: 0 0 6pt; orphans: 2; widows: 2; }
p.lead { font-size: 11pt; }
p.small, p.table-note { font-size: 8pt; color: #333; }
p.strong { font-weight: bold; }
p.label { font-weight: bold; font-size: 12pt; letter-spacing: 0.04em; margin-bottom: 2pt; }
p.lines { margin-bottom: 8pt; }
ol, ul { margin: 0 0 6pt 0; padding-left: 18pt; }
li { margin-bottom: 2pt; }
.page-break { break-after: page; }
@page landscape { size: A4 landscape; }
div.landscape { page: landscape; break-after: page; } /* WeasyPrint breaks before a named page, not after */
/* Type sizes, orientation and column widths come from layout.table_layout, which counts on these margins,
   paddings and fonts: figures and dates get their whole width, words and header words never break. */
table.data { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 8.5pt; table-layout: fixed; }
table.data.compact { font-size: 7.5pt; }
table.data caption { caption-side: top; text-align: left; font-weight: bold; font-size: 9pt; padding-bottom: 3pt; }
table.data th, table.data td { border: 0.5pt solid #999; padding: 2pt 4pt; vertical-align: top; text-align: left; }
table.data thead th { background: #e8eef5; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; }
table.data th, table.data td { overflow-wrap: break-word; hyphens: manual; }
table.data thead th { overflow-wrap: normal; }
table.data .num { text-align: right; white-space: nowrap; }
table.data .nowrap { white-space: nowrap; }
table.data thead th.num { white-space: normal; }
table.data tbody th { font-weight: normal; }
table.data tr.total th, table.data tr.total td { font-weight: bold; border-top: 1.2pt solid #333; }
figure.chart { margin: 6pt 0 2pt; break-inside: avoid; }
figure.chart img { width: 100%; }
figure.chart figcaption { font-size: 9pt; font-weight: bold; }
nav.contents ul { list-style: none; padding: 0; }
nav.contents li a { color: #111; text-decoration: none; }
nav.contents li a::after { content: leader(".") target-counter(attr(href), page); }
nav.contents li.toc-level-2 { padding-left: 14pt; }
"""


def css_string(text: str) -> str:
    """Text as a quoted CSS string; quotes, backslashes, line breaks and '<' escaped (no way out of <style>)."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>\n\r' else char for char in text)
    return f'"{escaped}"'


def pdf_html(document: Document) -> str:
    """The HTML WeasyPrint lays out: the document with the page rules and its running header."""
    header = css_string(running_header(document))
    return render_html(document, css=PAGE_CSS + f"@page {{ @top-right {{ content: {header}; }} }}")


# Tagged PDF/UA-1 (EN 301 549 10.1.3.1, issue 29): a structure tree from the HTML's headings, lists, tables
# (header cells tied to their data cells) and figures with their alt text, the language from <html lang>,
# the title shown instead of the file name. The municipality publishes these documents as they come out.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML

    html = pdf_html(document)
    with few_collections():
        pdf: bytes = HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


# WeasyPrint makes millions of small objects (boxes, styles, lines) that live until the PDF is written.
# With the default thresholds (700, 10, 10) the collector runs thousands of times during a render, and
# every full collection walks the whole heap, Django's and every loaded module's objects included: 21–31 %
# of a large download (issue 22). During a render the collector runs a hundred times less often, and the
# objects that existed before it (the process's own) are frozen out of its walks; both are restored after.
RENDER_THRESHOLDS = (70_000, 20, 100)
_gc_lock = threading.Lock()
_gc_renders = 0
_gc_saved: tuple[int, int, int] = (700, 10, 10)


@contextmanager
def few_collections() -> Iterator[None]:
    """The garbage collector tuned for a large render, and restored when the last render in the process ends."""
    global _gc_renders, _gc_saved
    with _gc_lock:
        if _gc_renders == 0:
            _gc_saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(*RENDER_THRESHOLDS)
        _gc_renders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_renders -= 1
            if _gc_renders == 0:
                gc.set_threshold(*_gc_saved)
                gc.unfreeze()
