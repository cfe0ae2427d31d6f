"""The April report's annex (bilaga): every project on its own line, a document of its own.

The report (`april`) is a summary a board member reads: totals per board, per status and per
year. What each project was granted, paid and owes, its indicators and its duties year by
year are here, so that the report stays readable (and fast to write) however many projects
the fund has, while nothing is lost: the spreadsheet has both documents' tables.
"""

from __future__ import annotations

from decimal import Decimal

from socialfund.core.formatting import format_date
from socialfund.documents.model import (
    Block,
    Cell,
    Column,
    Contents,
    Document,
    Heading,
    Lines,
    Paragraph,
    Table,
)
from socialfund.reports.april_data import AprilData, ProjectLine

ZERO = Decimal(0)
RESPONSIBLE_OFFICE = "Kommunstyrelsens kontor"
MONEY_FIELDS = ("granted", "paid", "planned", "settled", "waived", "lapsed", "remaining", "overdue")
MONEY_COLUMNS = (
    Column("Beviljat", "sek"),
    Column("Utbetalt", "sek"),
    Column("Fastställd återföring", "sek"),
    Column("Återfört", "sek"),
    Column("Eftergivet", "sek"),
    Column("Upphört vid omorganisation", "sek"),
    Column("Kvar att återföra", "sek"),
    Column("varav förfallet", "sek"),
)


def annex_title(data: AprilData) -> str:
    return f"Bilaga: projekten i uppföljningen av {data.fund.name} {data.year}"


def april_annex_document(data: AprilData) -> Document:
    fund = data.fund
    blocks: list[Block] = [
        Paragraph("BILAGA", "label"),
        Lines((format_date(data.prepared_on), RESPONSIBLE_OFFICE)),
        Heading(annex_title(data), 1, in_contents=False),
        Paragraph(
            f"Bilagan hör till uppföljningen av {fund.name} {data.year} och redovisar varje beviljat projekt för "
            f"sig, per {format_date(data.as_of)}: status, medel och återföring, besparingar, indikatorer och "
            "återföring år för år. Summorna och bedömningarna står i rapporten.",
            "lead",
        ),
        *(Paragraph(note, "small") for note in data.missing),
        Contents(),
        *annex_blocks(data),
    ]
    return Document(
        title=annex_title(data),
        blocks=tuple(blocks),
        organisation=fund.organisation.name,
        registry_number=fund.registry_number,
        date=data.prepared_on,
        kind="Uppföljning, bilaga",
        keywords=("social investeringsfond", "uppföljning", "bilaga", str(data.year)),
    )


def annex_blocks(data: AprilData) -> list[Block]:
    """The annex's sections, without its front matter: also the spreadsheet's detail sheets."""
    return [*project_status_section(data), *project_money_section(data), *indicator_section(data), *duty_section(data)]


def project_status_section(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Projektens status")]
    if not data.projects:
        return [*blocks, Paragraph(f"Inga projekt hade beviljats till och med {format_date(data.as_of)}.")]
    blocks.append(
        Table(
            columns=(
                Column("Projekt"),
                Column("Nämnd"),
                Column("Beslut"),
                Column("Status"),
                Column("Start", "date"),
                Column("Slut", "date"),
            ),
            rows=tuple(_status_row(p) for p in data.projects),
            caption="Projektens status",
            sheet="Projektens status",
            compact=True,
        )
    )
    return blocks


def _status_row(project: ProjectLine) -> tuple[Cell, ...]:
    followup = project.followup
    return (
        project.title,
        project.board or "–",
        project.decision,
        project.status,
        followup.started_on if followup else None,
        followup.ends_on if followup else None,
    )


def project_money_section(data: AprilData) -> list[Block]:
    if not data.projects:
        return []
    blocks: list[Block] = [Heading("Projektens medel och besparingar")]
    if all(p.money is not None for p in data.projects):
        blocks.append(_money_table(data))
        # The duty of a project granted with an exception stands on the exception's terms: said under the table.
        blocks += [
            Paragraph(f"{p.title}: {p.money.exception.note}", "small")
            for p in data.projects
            if p.money is not None and p.money.exception is not None
        ]
    else:
        blocks.append(Paragraph("Fondens bokföring finns inte i systemet."))
    return blocks + _savings(data)


def _money_table(data: AprilData) -> Table:
    rows: list[tuple[Cell, ...]] = []
    totals = dict.fromkeys(MONEY_FIELDS, ZERO)
    for project in data.projects:
        assert project.money is not None
        values = [getattr(project.money, name) for name in MONEY_FIELDS]
        for name, value in zip(MONEY_FIELDS, values, strict=True):
            totals[name] += value
        rows.append((project.title, *values))
    rows.append(("Summa", *(totals[name] for name in MONEY_FIELDS)))
    return Table(
        columns=(Column("Projekt"), *MONEY_COLUMNS),
        rows=tuple(rows),
        caption=f"Projektens medel och återföring per {format_date(data.as_of)}",
        sheet="Projektens medel",
        total=True,
        compact=True,
    )


def savings_rows(data: AprilData) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """(project, forecast, realised, difference) for each project with both figures."""
    return [
        (p.title, p.followup.forecast, p.followup.realised, p.followup.realised - p.followup.forecast)
        for p in data.projects
        if p.followup and p.followup.realised is not None and p.followup.forecast is not None
    ]


def _savings(data: AprilData) -> list[Block]:
    rows = savings_rows(data)
    if not rows:
        return [Paragraph("Inga realiserade besparingar är registrerade ännu.", "small")]
    return [
        Table(
            columns=(
                Column("Projekt"),
                Column("Prognos", "sek"),
                Column("Utfall", "sek"),
                Column("Skillnad", "sek"),
            ),
            rows=tuple(rows),
            caption="Realiserade besparingar mot kalkylens prognos (samma nämnder och år)",
            sheet="Besparingar",
        )
    ]


REACHED = {True: "ja", False: "nej", None: "–"}


def indicator_section(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Indikatorer per projekt")]
    lines = data.indicators
    if not lines:
        return [*blocks, Paragraph("Inga indikatorer är registrerade för fondens projekt.")]
    rows = tuple(
        (
            line.project,
            line.name,
            line.unit or "–",
            line.baseline,
            line.target,
            line.latest,
            line.latest_on,
            REACHED[line.reached],
        )
        for line in lines
    )
    blocks.append(
        Table(
            columns=(
                Column("Projekt"),
                Column("Indikator"),
                Column("Enhet"),
                Column("Utgångsvärde", "decimal"),
                Column("Mål", "decimal"),
                Column("Senaste värde", "decimal"),
                Column("Mätt", "date"),
                Column("Målet nått"),
            ),
            rows=rows,
            caption="Indikatorer mot mål",
            sheet="Indikatorer",
            compact=True,
        )
    )
    return blocks


def duty_section(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Återföring per projekt och år")]
    if data.duties is None:
        return [*blocks, Paragraph("Fondens bokföring finns inte i systemet.")]
    due = data.duties_due
    if not due:
        return [*blocks, Paragraph(f"Ingen återföring skulle ske till och med {data.year}.")]
    blocks.append(
        Table(
            columns=(
                Column("Projekt"),
                Column("Nämnd"),
                Column("År", "text"),
                Column("Fastställt", "sek"),
                Column("Återfört", "sek"),
                Column("Eftergivet", "sek"),
                Column("Kvar", "sek"),
                Column("Förfallet"),
            ),
            rows=tuple(
                (
                    d.project,
                    d.board,
                    str(d.year),
                    d.planned,
                    d.settled,
                    d.waived,
                    d.remaining,
                    "ja" if d.overdue else "nej",
                )
                for d in due
            ),
            caption=f"Återföring som skulle ske till och med {data.year}",
            sheet="Återföring",
            compact=True,
        )
    )
    return blocks
