"""The April report's sections on initiatives, and its summaries of projects, indicators and repayments (see
`april`; each project on its own line is in the annex, `april_annex`)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from socialfund.cases.codes import Status
from socialfund.core.formatting import format_date, format_sek
from socialfund.documents.model import Block, Cell, Column, Heading, Paragraph, Table
from socialfund.reports.april_annex import MONEY_COLUMNS, MONEY_FIELDS, savings_rows
from socialfund.reports.april_data import AprilData, InitiativeLine, ProjectLine
from socialfund.reports.ledger_and_followup import DutyLine

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


# The projects, their indicators and their repayment as the report summarises them: per status, per
# board and per year, so that the report is as long for 400 projects as for 4. Each project on its own
# line is in the annex (`april_annex`), which the report points to.
ANNEX_NOTE = "Varje projekt redovisas för sig i bilagan till rapporten."


def project_summary(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Projekt")]
    if not data.projects:
        return [*blocks, Paragraph(f"Inga projekt hade beviljats till och med {format_date(data.as_of)}.")]
    by_status = Counter(p.status for p in data.projects)
    blocks += [
        Paragraph(f"{len(data.projects)} projekt hade beviljats till och med {format_date(data.as_of)}. {ANNEX_NOTE}"),
        Table(
            columns=(Column("Status"), Column("Antal", "number")),
            rows=(*sorted(by_status.items()), ("Summa", len(data.projects))),
            caption="Projekten efter status",
            sheet="Projekt efter status",
            total=True,
        ),
    ]
    if all(p.money is not None for p in data.projects):
        blocks.append(_money_by_board(data))
    blocks.append(_savings_summary(data))
    return blocks


def _money_by_board(data: AprilData) -> Table:
    boards: dict[str, list[ProjectLine]] = {}
    for project in data.projects:
        boards.setdefault(project.board or "–", []).append(project)
    rows: list[tuple[Cell, ...]] = []
    for board, projects in sorted(boards.items()):
        rows.append((board, len(projects), *_money_sums(projects)))
    rows.append(("Summa", len(data.projects), *_money_sums(data.projects)))
    return Table(
        columns=(Column("Nämnd"), Column("Projekt", "number"), *MONEY_COLUMNS),
        rows=tuple(rows),
        caption=f"Projektens medel och återföring per nämnd, {format_date(data.as_of)}",
        sheet="Medel per nämnd",
        total=True,
        compact=True,
    )


def _money_sums(projects: list[ProjectLine]) -> list[Decimal]:
    return [sum((getattr(p.money, name) for p in projects), ZERO) for name in MONEY_FIELDS]


def _savings_summary(data: AprilData) -> Paragraph:
    rows = savings_rows(data)
    if not rows:
        return Paragraph("Inga realiserade besparingar är registrerade ännu.", "small")
    forecast = sum((row[1] for row in rows), ZERO)
    realised = sum((row[2] for row in rows), ZERO)
    return Paragraph(
        f"Realiserade besparingar är registrerade för {len(rows)} projekt: utfall {format_sek(realised)} mot "
        f"kalkylernas prognos {format_sek(forecast)} (skillnad {format_sek(realised - forecast)}), för samma "
        "nämnder och år."
    )


def indicator_summary(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Indikatorer")]
    lines = data.indicators
    if not lines:
        return [*blocks, Paragraph("Inga indikatorer är registrerade för fondens projekt.")]
    reached = Counter(line.reached for line in lines)
    projects = len({line.project for line in lines})
    rows: list[tuple[Cell, ...]] = [
        ("Målet nått", reached[True]),
        ("Målet inte nått", reached[False]),
        ("Inte mätt, eller utan mål", reached[None]),
        ("Summa", len(lines)),
    ]
    return [
        *blocks,
        Paragraph(
            f"{projects} projekt följs upp med {len(lines)} indikatorer. Tabellen visar hur många som nått sitt "
            f"mål enligt det senaste mätvärdet. {ANNEX_NOTE}"
        ),
        Table(
            columns=(Column("Indikatorer"), Column("Antal", "number")),
            rows=tuple(rows),
            caption="Indikatorer efter måluppfyllelse",
            sheet="Indikatorer efter mål",
            total=True,
        ),
    ]


def repayment_summary(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Återföring och eftergifter")]
    if data.duties is None:
        return [*blocks, Paragraph("Fondens bokföring finns inte i systemet.")]
    due = data.duties_due
    if due:
        blocks.append(_duties_by_year(data, due))
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


def _duties_by_year(data: AprilData, due: list[DutyLine]) -> Table:
    years: dict[int, list[DutyLine]] = {}
    for duty in due:
        years.setdefault(duty.year, []).append(duty)
    rows: list[tuple[Cell, ...]] = [(str(year), *_duty_sums(lines)) for year, lines in sorted(years.items())]
    rows.append(("Summa", *_duty_sums(due)))
    return Table(
        columns=(
            Column("År", "text"),
            Column("Projekt", "number"),
            Column("Fastställt", "sek"),
            Column("Återfört", "sek"),
            Column("Eftergivet", "sek"),
            Column("Kvar", "sek"),
            Column("Förfallna", "number"),
        ),
        rows=tuple(rows),
        caption=f"Återföring som skulle ske till och med {data.year}, per år. {ANNEX_NOTE}",
        sheet="Återföring per år",
        total=True,
    )


def _duty_sums(lines: list[DutyLine]) -> tuple[Cell, ...]:
    return (
        len({line.project for line in lines}),
        sum((line.planned for line in lines), ZERO),
        sum((line.settled for line in lines), ZERO),
        sum((line.waived for line in lines), ZERO),
        sum((line.remaining for line in lines), ZERO),
        sum(1 for line in lines if line.overdue),
    )
