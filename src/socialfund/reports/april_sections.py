"""The April report's sections on initiatives, projects, indicators and repayments (see `april`)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from socialfund.cases.codes import Status
from socialfund.core.formatting import format_date
from socialfund.reports.april_data import AprilData, InitiativeLine, ProjectLine
from socialfund.reports.documents.model import Block, Cell, Column, Heading, Paragraph, Table

ZERO = Decimal(0)
# The seed's grouping of initiatives: what became of each, in this order.
OUTCOME_GROUPS: list[tuple[str, str]] = [
    (Status.GRANTED, "Beviljade"),
    (Status.ACTIVE, "Pågående"),
    (Status.ON_HOLD, "Vilande"),
    (Status.WITHDRAWN, "Återkallade av initiativtagaren"),
    (Status.REFUSED, "Avvisade – inte förenliga med riktlinjerna"),
    (Status.ADVISED_AGAINST, "Avrådda"),
    (Status.REJECTED, "Avslagna av kommunstyrelsen"),
]
INITIATIVE_COLUMNS = (
    Column("Initiativ"),
    Column("Initiativtagare"),
    Column("Nämnd"),
    Column("Inkom", "date"),
    Column("Steg"),
    Column("Skäl och kommentar"),
)


def initiative_sections(data: AprilData) -> list[Block]:
    by_status = Counter(line.status for line in data.initiatives)
    active = sorted((line for line in data.initiatives if line.status == Status.ACTIVE), key=data.stage_order)
    by_stage = Counter(line.stage for line in active)  # in the process's order: a Counter keeps first-seen order
    blocks: list[Block] = [
        Heading("Initiativ"),
        Paragraph(
            f"{len(data.initiatives)} initiativ har kommit in till och med {format_date(data.as_of)}. "
            f"Tabellerna visar vad som blivit av dem, så som det är känt {format_date(data.prepared_on)}, "
            "och, för återkallade och avvisade, varför."
        ),
        Table(
            columns=(Column("Utfall"), Column("Antal", "number")),
            rows=tuple((label, by_status[code]) for code, label in OUTCOME_GROUPS if by_status[code])
            + (("Summa", len(data.initiatives)),),
            caption="Initiativ efter utfall",
            sheet="Initiativ efter utfall",
            total=True,
        ),
    ]
    granted_later = [line for line in data.initiatives if line.granted_on and line.granted_on > data.as_of]
    if granted_later:
        blocks.append(
            Paragraph(
                f"Av de beviljade beslutades {len(granted_later)} efter {format_date(data.as_of)}; "
                "de redovisas som projekt i rapporten för det år beslutet fattades."
            )
        )
    if by_stage:
        blocks.append(
            Table(
                columns=(Column("Steg"), Column("Antal", "number")),
                rows=tuple(by_stage.items()),
                caption="Pågående initiativ efter steg",
                sheet="Pågående efter steg",
            )
        )
    for code, label in OUTCOME_GROUPS:
        lines = [line for line in data.initiatives if line.status == code]
        if code == Status.GRANTED:
            continue  # granted initiatives are the projects, listed under Projekt
        if lines:
            blocks += [Heading(label, 2), _initiative_table(label, lines)]
    return blocks


def _initiative_table(label: str, lines: list[InitiativeLine]) -> Table:
    rows = tuple(
        (line.title, line.initiator, line.board or "–", line.filed_on, line.stage, line.reason or "–") for line in lines
    )
    caption = f"{label}: {len(lines)} initiativ"  # the heading above says the label alone
    return Table(columns=INITIATIVE_COLUMNS, rows=rows, caption=caption, sheet=f"Initiativ {label}", compact=True)


def project_tables(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Projekt")]
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
    if all(p.money is not None for p in data.projects):
        blocks.append(_money_table(data))
    blocks += _savings(data)
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


MONEY_FIELDS = ("granted", "paid", "planned", "settled", "waived", "lapsed", "remaining", "overdue")


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
        columns=(
            Column("Projekt"),
            Column("Beviljat", "sek"),
            Column("Utbetalt", "sek"),
            Column("Fastställd återföring", "sek"),
            Column("Återfört", "sek"),
            Column("Eftergivet", "sek"),
            Column("Upphört vid omorganisation", "sek"),
            Column("Kvar att återföra", "sek"),
            Column("varav förfallet", "sek"),
        ),
        rows=tuple(rows),
        caption=f"Projektens medel och återföring per {format_date(data.as_of)}",
        sheet="Projektens medel",
        total=True,
        compact=True,
    )


def _savings(data: AprilData) -> list[Block]:
    rows = [
        (p.title, p.followup.forecast, p.followup.realised, p.followup.realised - p.followup.forecast)
        for p in data.projects
        if p.followup and p.followup.realised is not None and p.followup.forecast is not None
    ]
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


def indicator_tables(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Indikatorer")]
    lines = data.indicators
    if not lines:
        return [*blocks, Paragraph("Inga indikatorer är registrerade för fondens projekt.")]
    reached = {True: "ja", False: "nej", None: "–"}
    rows = tuple(
        (
            line.project,
            line.name,
            line.unit or "–",
            line.baseline,
            line.target,
            line.latest,
            line.latest_on,
            reached[line.reached],
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


def repayment_section(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Återföring och eftergifter")]
    if data.duties is None:
        return [*blocks, Paragraph("Fondens bokföring finns inte i systemet.")]
    due = [d for d in data.duties if d.year <= data.year and (d.remaining > 0 or d.year == data.year)]
    if due:
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
    else:
        blocks.append(Paragraph(f"Ingen återföring skulle ske till och med {data.year}."))
    if data.waivers:
        blocks.append(
            Table(
                columns=(
                    Column("Projekt"),
                    Column("Nämnd"),
                    Column("Beslut"),
                    Column("Utvärderingen visar"),
                    Column("Eftergivet", "sek"),
                ),
                rows=tuple((w.project, w.board, w.decision, w.effects, w.amount) for w in data.waivers),
                caption=f"Eftergifter efter särskild prövning {data.year}",
                sheet="Eftergifter",
            )
        )
    else:
        blocks.append(Paragraph(f"Ingen återföring efterskänktes efter särskild prövning under {data.year}."))
    if data.successions:
        blocks.append(
            Table(
                columns=(
                    Column("Nämnd som upphörde"),
                    Column("Ansvaret gick till"),
                    Column("Från", "date"),
                    Column("Beslut"),
                    Column("Flyttad skyldighet", "sek"),
                    Column("Upphörd skyldighet", "sek"),
                ),
                rows=tuple(
                    (s.board, s.successor, s.effective_on, s.decision, s.moved, s.lapsed) for s in data.successions
                ),
                caption=f"Omorganisationer {data.year}: återföringsskyldigheten flyttad eller upphörd",
                sheet="Omorganisationer",
            )
        )
    return [*blocks, *exception_blocks(data)]


def exception_blocks(data: AprilData) -> list[Block]:
    """Grants with an exception from the repayment limits: how many, and which (DOMAIN.md rule 8)."""
    count = len(data.exceptions)
    if not count:
        return [Paragraph("Inget projekt har beviljats med undantag från återföringskravet.")]
    return [
        Paragraph(f"{count} projekt har beviljats med undantag från återföringskravet (särskilda omständigheter)."),
        Table(
            columns=(Column("Projekt"), Column("Beslut"), Column("Undantag från"), Column("Skäl")),
            rows=tuple((e.project, e.decision, e.limits, e.reason) for e in data.exceptions),
            caption="Beviljade med undantag från återföringskravet",
            sheet="Undantag",
        ),
    ]
