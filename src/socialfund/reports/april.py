"""The yearly follow-up report (due in April; the KS office is responsible) as a document.

Sections in the order the seed's evaluation reads: the fund's position and flows, the
initiatives by outcome with their reasons, the projects, indicators, repayments and
waivers, the survival projection, and the comparison with other funds. The projects,
indicators and repayments are summarised (per status, board and year); each project on its
own line is in the annex, a document of its own (`april_annex`), and in the spreadsheet.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from socialfund.cases.codes import Status
from socialfund.consultations.compilation import join_words
from socialfund.core.formatting import format_date, format_number, format_percent, format_sek
from socialfund.core.policy.compare import compare_table
from socialfund.core.policy.vocabulary import MONTHS_SV
from socialfund.documents.model import (
    Block,
    Cell,
    Chart,
    Column,
    Contents,
    Document,
    Heading,
    Lines,
    Paragraph,
    Series,
    Table,
)
from socialfund.reports.april_annex import annex_blocks, annex_title
from socialfund.reports.april_data import (
    COMPARISON_DIMENSIONS,
    COMPARISON_FUNDS_PER_TABLE,
    AprilData,
    funds_without_guidelines_on,
)
from socialfund.reports.april_questions import question_sections
from socialfund.reports.april_sections import (
    indicator_summary,
    initiative_sections,
    project_summary,
    repayment_summary,
)

RESPONSIBLE_OFFICE = "Kommunstyrelsens kontor"


def april_document(data: AprilData) -> Document:
    fund = data.fund
    blocks: list[Block] = [
        Paragraph("UPPFÖLJNING", "label"),
        Lines((format_date(data.prepared_on), RESPONSIBLE_OFFICE)),
        Lines(("Kommunstyrelsen",)),
        Heading(f"Uppföljning av {fund.name} {data.year}", 1, in_contents=False),
        Paragraph(f"Dnr: {registry_number(data) or '–'}", "strong"),
        Paragraph(
            f"{duty_sentence(data)} Rapporten avser {data.year} och visar fondens bokföring per "
            f"{format_date(data.as_of)}. Fonden inrättades genom {fund.decision_reference} med "
            f"{format_sek(fund.capital)}.",
            "lead",
        ),
        Paragraph(f"Varje projekt redovisas för sig i en egen handling, {annex_title(data).lower()}."),
        *(Paragraph(note, "small") for note in data.missing),
        Contents(),
        *summary_section(data),
        *position_section(data),
        *initiative_sections(data),
        *question_sections(data),
        *project_summary(data),
        *indicator_summary(data),
        *repayment_summary(data),
        *projection_section(data),
        *comparison_section(data),
        *written_parts(data),
    ]
    return Document(
        title=f"Uppföljning av {fund.name} {data.year}",
        blocks=tuple(blocks),
        organisation=fund.organisation.name,
        registry_number=registry_number(data),
        date=data.prepared_on,
        kind="Uppföljning",
        keywords=("social investeringsfond", "uppföljning", str(data.year)),
    )


def registry_number(data: AprilData) -> str:
    """The report's own number, given when it is filed; never the fund's (KS 14-87 is the evaluation's)."""
    return data.text.registry_number if data.text else ""


def duty_sentence(data: AprilData) -> str:
    """Why there is a report: the yearly April duty only once guidelines (or a proposal of them) ask for it."""
    duty = data.yearly_duty
    if duty is None:
        return (
            f"Riktlinjerna som gällde {data.year} föreskriver ingen årlig uppföljning; rapporten följer upp "
            "fonden på kommunstyrelsens kontors initiativ."
        )
    month = f" och rapporten lämnas under {MONTHS[duty.month]} månad" if duty.month else ""
    who = f"; ansvarig är {duty.responsible[0].lower()}{duty.responsible[1:]}" if duty.responsible else ""
    if duty.adopted:
        return f"Fonden ska enligt riktlinjerna följas upp årligen{month}{who}."
    since = f" {format_date(duty.since)}" if duty.since else ""
    return (
        f"Förslaget till ändrade riktlinjer{since} innebär att fonden ska följas upp årligen{month}{who}; "
        "förslaget är inte antaget."
    )


# Indexed by the month's number (1 = januari).
MONTHS = ("", *MONTHS_SV)


def written_parts(data: AprilData) -> list[Block]:
    """The official's lessons, proposals and comments, as written in the system (latest version)."""
    text = data.text
    parts = [("Lärdomar", text.lessons), ("Förslag", text.proposals), ("Kommentarer", text.comments)] if text else []
    blocks: list[Block] = []
    for title, body in parts:
        if body:
            blocks.append(Heading(title))
            blocks += [Paragraph(part.strip()) for part in body.split("\n\n") if part.strip()]
    return blocks


def april_workbook(data: AprilData) -> Document:
    """The spreadsheet: the report's tables, then the annex's (every project on its own row)."""
    report = april_document(data)
    return dataclasses.replace(report, blocks=report.blocks + tuple(annex_blocks(data)))


def summary_section(data: AprilData) -> list[Block]:
    end = data.position_end
    received = [i for i in data.initiatives if i.filed_on and i.filed_on.year == data.year]
    rows: list[tuple[str, int]] = [
        ("Initiativ som kommit in under året", len(received)),
        ("Initiativ sedan fonden inrättades", len(data.initiatives)),
        ("Pågående initiativ", sum(1 for i in data.initiatives if i.status == Status.ACTIVE)),
        ("Beviljade projekt", len(data.projects)),
        ("varav med undantag från återföringskravet", len(data.exceptions)),
    ]
    money_rows: list[tuple[str, Decimal]] = []
    if end is not None:
        money_rows = [
            ("Fondkapital", end.capital),
            ("Disponibla medel (inte utlovade)", end.available),
            ("Beviljade, ej utbetalda medel", end.committed),
            ("Utbetalda medel", end.paid_out),
            ("Återförda medel", end.returned),
            ("Eftergiven återföring", end.waived),
        ]
    table = Table(
        columns=(Column("Nyckeltal"), Column("Antal", "number"), Column("Belopp", "sek")),
        rows=tuple(_key_figure(label, count, None) for label, count in rows)
        + tuple(_key_figure(label, None, amount) for label, amount in money_rows),
        caption=f"Nyckeltal per {format_date(data.as_of)}",
        sheet="Nyckeltal",
    )
    return [Heading("Sammanfattning"), table]


def _key_figure(label: str, count: int | None, amount: Decimal | None) -> tuple[Cell, ...]:
    return (label, count, amount)


def position_section(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Fondens ställning och flöden")]
    start, end = data.position_start, data.position_end
    if start is None or end is None:
        return [*blocks, Paragraph("Fondens bokföring finns inte i systemet.")]
    figures = [
        ("Fondkapital", start.capital, end.capital),
        ("Disponibla medel", start.available, end.available),
        ("Beviljade, ej utbetalda medel", start.committed, end.committed),
        ("Utbetalda medel (ackumulerat)", start.paid_out, end.paid_out),
        ("Återförda medel (ackumulerat)", start.returned, end.returned),
        ("Återföringsskyldighet kvar", start.receivable, end.receivable),
        ("varav förfallen", start.overdue, end.overdue),
        ("Eftergiven återföring (ackumulerat)", start.waived, end.waived),
    ]
    blocks.append(
        Table(
            columns=(
                Column("Post"),
                Column(format_date(start.on), "sek"),
                Column(format_date(end.on), "sek"),
                Column("Förändring", "sek"),
            ),
            rows=tuple((label, a, b, b - a) for label, a, b in figures),
            caption=f"Fondens ställning vid årets början och slut ({data.year})",
            sheet="Ställning",
        )
    )
    if data.flows:
        blocks.append(_flows_chart(data))
    return blocks


def _flows_chart(data: AprilData) -> Chart:
    flows = data.flows
    return Chart(
        title="Fondens flöden per år",
        x_title="År",
        x_labels=tuple(str(f.year) for f in flows),
        series=(
            Series("Beviljat", tuple(float(f.granted) for f in flows)),
            Series("Utbetalt", tuple(float(f.paid) for f in flows)),
            Series("Återfört", tuple(float(f.returned) for f in flows)),
        ),
        note="Disponibla medel vid varje års slut står i tabellen över fondens ställning.",
        kind="bar",
    )


def projection_section(data: AprilData) -> list[Block]:
    blocks: list[Block] = [Heading("Prognos för fondens överlevnad")]
    if not data.scenarios:
        return [*blocks, Paragraph("Prognosen kräver fondens bokföring, som inte finns i systemet.")]
    with_repayment = data.scenarios[0]
    blocks.append(
        Paragraph(
            f"Prognosen simulerar fondens disponibla medel {with_repayment.years[0]}–{with_repayment.years[-1]} "
            f"i {format_number(with_repayment.runs)} framtider utifrån bokföringen per {format_date(data.as_of)}, "
            "beslutade återföringsplaner och fondens regler. P10, P50 och P90 är den 10:e, 50:e och 90:e "
            "percentilen. Samma prognos visas på fondens prognossida."
        )
    )
    if with_repayment.assumptions is not None:
        blocks.append(Paragraph(assumptions_sentence(with_repayment.assumptions)))
    for scenario in data.scenarios:
        blocks.append(
            Paragraph(
                f"{scenario.name.capitalize()}: fonden tar slut i {format_percent(scenario.dry_share)} av framtiderna."
            )
        )
    series = [
        Series(f"P10 {with_repayment.name}", with_repayment.p10),
        Series(f"P50 {with_repayment.name}", with_repayment.p50),
        Series(f"P90 {with_repayment.name}", with_repayment.p90),
    ]
    series += [Series(f"P50 {s.name}", s.p50) for s in data.scenarios[1:]]
    blocks.append(
        Chart(
            title="Fondens disponibla medel, prognos",
            x_title="År",
            x_labels=tuple(str(y) for y in with_repayment.years),
            series=tuple(series),
            kind="line",
        )
    )
    return blocks


def assumptions_sentence(a: Any) -> str:
    """The fund's forecast assumptions in words (they are the fund's, set on the projection page)."""
    return (
        f"Fondens antaganden: {format_number(a.projects_per_year, 0 if a.projects_per_year == int(a.projects_per_year) else 1)} "
        "nya insatser per år, "
        f"var och en på {format_sek(a.size_low)}–{format_sek(a.size_high)} (oftast {format_sek(a.size_mode)}); "
        f"{format_percent(a.repay_probability)} av insatserna återför i tid, och av de övriga efterges "
        f"{format_percent(a.waiver_rate)}. Antagandena är fondens och ändras på prognossidan."
    )


def comparison_section(data: AprilData) -> list[Block]:
    blocks: list[Block] = [
        Heading("Jämförelse med andra fonder"),
        Paragraph(
            "Tabellerna jämför fondens riktlinjer med andra kommuners och regioners i de avseenden som "
            "utvärderingen 2014 jämförde, så som systemet har dem som riktlinjefiler. '–' betyder att källorna "
            "inte säger något."
        ),
    ]
    if not data.comparison:
        return [*blocks, Paragraph("Fonden har inga riktlinjer i systemet att jämföra med.")]
    own, others = data.comparison[0], data.comparison[1:]
    blocks.append(
        Paragraph(
            f"Varje fond jämförs med de riktlinjer som gällde {data.year}: de som antagits eller beskrivits för "
            f"{data.year} eller tidigare, de senaste av dem."
        )
    )
    unknown = funds_without_guidelines_on(own, data.as_of)
    if unknown:
        blocks.append(Paragraph(f"För {join_words(unknown)} känner systemet inga riktlinjer som gällde {data.year}."))
    for number, start in enumerate(range(0, len(others), COMPARISON_FUNDS_PER_TABLE - 1), start=1):
        chunk = [own, *others[start : start + COMPARISON_FUNDS_PER_TABLE - 1]]
        header, *rows = compare_table(chunk)
        blocks.append(
            Table(
                columns=(Column("Dimension"), *(Column(title) for title in header[1:])),
                rows=tuple(tuple(row) for row in rows if row[0] in COMPARISON_DIMENSIONS),
                caption=f"Jämförelse {number}: {', '.join(header[1:])}",
                sheet=f"Jämförelse {number}",
                compact=True,
            )
        )
    return blocks
