"""What tagging costs (issue 29): a report-sized document written as tagged PDF/UA-1 against the same
document untagged, timed in turns (CPU time too: on a shared machine the wall time is stretched).

The document: 40 headed sections, each a paragraph, a list and a 25-row table of figures and dates, a
chart; about 30 A4 pages, like the April report with its annex. No database: the renderer alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from benchmarks.harness import paired_cpu_ms, result

DEFAULT = False  # run with `python -m benchmarks pdf_tags` (a minute or two)


def document() -> Any:
    from socialfund.documents.model import Chart, Column, Document, Heading, ItemList, Paragraph, Series, Table

    blocks: list[Any] = [Heading("Uppföljning av den sociala investeringsfonden", 1)]
    for section in range(40):
        blocks += [
            Heading(f"Insats {section + 1}", 2),
            Paragraph("Insatsen följs upp mot sina mål med indikatorer som mäts varje år. " * 4),
            ItemList(("Beviljat belopp", "Utbetalt belopp", "Återfört belopp")),
            Table(
                columns=(Column("År", "year"), Column("Datum", "date"), Column("Belopp", "sek"), Column("Text")),
                rows=tuple(
                    (2016 + row % 5, dt.date(2016, 1 + row % 12, 1), Decimal(1234567 + row), "Utbetalning")
                    for row in range(25)
                ),
                caption=f"Utbetalningar, insats {section + 1}",
            ),
        ]
        if section % 10 == 0:
            blocks.append(
                Chart(
                    title="Utbetalt per år",
                    x_title="År",
                    x_labels=("2016", "2017", "2018"),
                    series=(Series("Utbetalt", (900000.0, 800000.0, 700000.0)),),
                )
            )
    return Document(title="Uppföljning 2016", blocks=tuple(blocks), organisation="Södertälje kommun")


def run() -> list[dict[str, Any]]:
    import os

    import django

    # The renderer reads Django's settings (formats, language); a development configuration is enough.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialfund.settings")
    os.environ.setdefault("DEBUG", "1")
    django.setup()
    from weasyprint import HTML

    from socialfund.documents.pdf import PDF_VARIANT, few_collections, pdf_html

    html = pdf_html(document())

    def tagged() -> bytes:
        with few_collections():
            return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)

    def untagged() -> bytes:
        with few_collections():
            return HTML(string=html).write_pdf()

    wall_tagged, wall_untagged, cpu_tagged, cpu_untagged = paired_cpu_ms(tagged, untagged, repeat=5, warmup=1)
    return [
        result(
            "pdf_tagged_pdf_ua_1",
            wall_tagged,
            baseline=wall_untagged,
            baseline_is="the same document written untagged",
            cpu_median_ms=round(cpu_tagged, 1),
            baseline_cpu_median_ms=round(cpu_untagged, 1),
            cpu_ratio=round(cpu_tagged / cpu_untagged, 2),
            bytes_tagged=len(tagged()),
            bytes_untagged=len(untagged()),
        )
    ]
