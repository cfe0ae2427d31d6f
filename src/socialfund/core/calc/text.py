"""The readable report: tables in Swedish with Swedish number formats (non-breaking spaces, decimal comma).

Amounts are rounded to whole kronor only here, when printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from socialfund.core.calc.model import FUND, Calculation
from socialfund.core.calc.prices import PriceConversion
from socialfund.core.calc.results import CalculationResult, RepaymentResult, SimulationResult, Totals
from socialfund.core.formatting import format_number, format_percent, format_sek

SECTOR_LABELS = {
    FUND: "fonden",
    "municipal": "kommunal",
    "region": "region",
    "state": "stat",
    "individual": "individ",
    "other": "annan",
}
DASH = "–"

VIOLATION_TITLES = {
    "repayment_incomplete": "Återföringen räcker inte",
    "repayment_start_too_late": "Återföringen börjar för sent",
    "repayment_too_long": "Återföringen pågår för länge",
    "repayment_non_municipal": "Återföring utan kommunala besparingar",
}
"""A breach of the repayment limits by its Swedish name; the rule's id stays in --json, for programs."""


def format_text(result: CalculationResult, simulation: SimulationResult | None = None) -> str:
    calc = result.calculation
    schedule = calc.discount
    rate_text = (
        f"diskonteringsränta {format_percent(schedule.bands[0][1], 1)}"
        if schedule.is_constant
        else f"diskonteringsschema {schedule.name}"
    )
    sections = [
        f"{calc.title}\nKalkylperiod {calc.start_year}–{calc.end_year} · {rate_text}",
        _per_year(result),
        _parties(result),
        _actors(result),
        _totals(result.totals),
        *([price_conversions_text(calc)] if calc.price_conversions else []),
        _repayment(result.repayment, calc),
        _sensitivity(result),
    ]
    if simulation is not None:
        sections.append(_simulation(simulation))
    if result.warnings:
        sections.append("Varningar\n" + "\n".join(f"  ! {warning}" for warning in result.warnings))
    return "\n\n".join(sections) + "\n"


def describe_conversion(conversion: PriceConversion) -> str:
    """'Effekt 2 (Färre …): värde per enhet 111 148 kr i 2018 års priser → 106 054 kr i 2015 års priser, faktor 0,9542'."""
    what = "Kostnad" if conversion.kind == "cost" else "Effekt"
    figure = "belopp totalt" if conversion.kind == "cost" else "värde per enhet"
    return (
        f"{what} {conversion.index + 1} ({conversion.label}): {figure} {format_sek(conversion.before)} i "
        f"{conversion.from_year} års priser → {format_sek(conversion.after)} i {conversion.to_year} års priser, "
        f"faktor {format_number(conversion.factor, 4)} (KPI {conversion.to_year} / KPI {conversion.from_year})"
    )


def price_conversions_text(calc: Calculation) -> str:
    lines = [f"Prisomräkning till {calc.price_year} års priser (KPI, SCB, årsmedeltal 1980=100)"]
    lines += [f"  {describe_conversion(conversion)}" for conversion in calc.price_conversions]
    return "\n".join(lines)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; the first column left-aligned, the rest right-aligned (numbers)."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        first, *rest = cells
        padded = [first.ljust(widths[0]), *(cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True))]
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), *(line(row) for row in rows)])


def _per_year(result: CalculationResult) -> str:
    rows = [
        [
            str(row.year),
            format_number(row.discount_factor, 4),
            format_sek(row.costs),
            format_sek(row.benefits),
            format_sek(row.benefits_municipal_cashable),
            format_sek(row.cumulative_discounted_net_municipal_cashable),
        ]
        for row in result.per_year
    ]
    headers = [
        "År",
        "Diskonteringsfaktor",
        "Kostnader",
        "Nyttor",
        "Kommunalt kassamässigt",
        "Ackumulerat netto (nuvärde)",
    ]
    return "Per år (nominellt)\n" + table(headers, rows)


def _parties(result: CalculationResult) -> str:
    rows = [
        [
            result.calculation.name_of(party.name),
            SECTOR_LABELS.get(party.sector or "", "okänd"),
            format_sek(party.pv_costs_paid),
            format_sek(party.pv_benefits_received),
            format_sek(sum(party.cashable_savings.values())),
        ]
        for party in result.parties
    ]
    headers = ["Part", "Sektor", "Kostnader (nuvärde)", "Nyttor (nuvärde)", "Kassamässiga besparingar (nominellt)"]
    return "Per part\n" + table(headers, rows)


def horizon_heading(years: int, horizon: int) -> str:
    """'1 år', '5 år', or for the whole period 'Hela perioden (10 år)'."""
    return f"Hela perioden ({years} år)" if years == horizon and years not in (1, 5) else f"{years} år"


def _actors(result: CalculationResult) -> str:
    horizon = result.calculation.horizon
    first = result.actors[0].horizons if result.actors else ()
    headers = ["Aktör", *(horizon_heading(h.years, horizon) for h in first)]
    rows = [
        [("  " if actor.part_of else "") + actor.label, *(format_sek(h.net) for h in actor.horizons)]
        for actor in result.actors
    ]
    return "Per aktör (nuvärde, nyttor − kostnader)\n" + table(headers, rows)


def _totals(totals: Totals) -> str:
    ratio = DASH if totals.benefit_cost_ratio is None else format_number(totals.benefit_cost_ratio, 2)
    rows = [
        ["Nuvärde kostnader", format_sek(totals.pv_costs)],
        ["  varav fonden", format_sek(totals.pv_costs_fund)],
        ["Nuvärde nyttor", format_sek(totals.pv_benefits)],
        ["  varav kommunala", format_sek(totals.pv_benefits_municipal)],
        ["  varav kommunala kassamässiga", format_sek(totals.pv_benefits_municipal_cashable)],
        ["Nettonuvärde (samhället)", format_sek(totals.npv)],
        ["Nettonuvärde (kommunen)", format_sek(totals.npv_municipal)],
        ["Nytta/kostnad", ratio],
        ["Återbetalningsår", DASH if totals.payback_year is None else str(totals.payback_year)],
    ]
    return "Summering\n" + table(["Mått", "Värde"], rows)


def _repayment(repayment: RepaymentResult, calc: Calculation) -> str:
    head = f"Återföring\nBelopp att återföra: {format_sek(repayment.amount_due)}"
    if not repayment.required:
        return head + "\nRiktlinjerna kräver ingen återföring."
    kind = "föreslagen plan" if repayment.proposed else "plan enligt filen"
    boards = sorted({board for by_board in repayment.plan.values() for board in by_board})
    rows = [
        [str(year), *(format_sek(by_board.get(b, 0)) for b in boards), format_sek(sum(by_board.values()))]
        for year, by_board in repayment.plan.items()
    ]
    lines = [head, f"Återföringsplan ({kind}):"]
    headers = ["År", *(calc.name_of(board) for board in boards), "Summa"]
    lines.append(table(headers, rows) if rows else "  (ingen återföring planerad)")
    lines.append("Helt återfört: " + ("ja" if repayment.fully_repaid else "nej"))
    if repayment.violations:
        lines.append("Avvikelser från riktlinjerna:")
        lines += [f"  {VIOLATION_TITLES.get(v.rule, 'Avvikelse')}: {v.message}" for v in repayment.violations]
    else:
        lines.append("Inga avvikelser från riktlinjerna.")
    return "\n".join(lines)


def _sensitivity(result: CalculationResult) -> str:
    if not result.sensitivity:
        return "Känslighet\n  (inga kommunala effekter)"
    rows = [
        [
            f"Effekt {row.effect + 1}: {row.label}",
            result.calculation.name_of(row.beneficiary),
            format_sek(row.pv_benefits),
            DASH if row.switching_multiplier is None else format_number(row.switching_multiplier, 2),
        ]
        for row in result.sensitivity
    ]
    headers = ["Effekt", "Mottagare", "Nuvärde", "Brytvärde (multiplikator)"]
    note = "Brytvärde: den faktor på effektens värde som ger kommunens nettonuvärde 0."
    return "Känslighet\n" + table(headers, rows) + "\n" + note


def _simulation(simulation: SimulationResult) -> str:
    rows = [
        [
            "Nettonuvärde (kommunen)",
            format_sek(simulation.npv_municipal.p10),
            format_sek(simulation.npv_municipal.p50),
            format_sek(simulation.npv_municipal.p90),
        ]
    ]
    if simulation.benefit_cost_ratio is not None:
        ratio = simulation.benefit_cost_ratio
        rows.append(["Nytta/kostnad", *(format_number(v, 2) for v in (ratio.p10, ratio.p50, ratio.p90))])
    repaid = simulation.probability_repaid_in_time
    return "\n".join(
        [
            f"Simulering ({format_number(simulation.runs)} dragningar, frö {simulation.seed})",
            table(["Mått", "P10", "P50", "P90"], rows),
            f"Sannolikhet att kommunens nettonuvärde > 0: {format_percent(simulation.probability_npv_municipal_positive, 1)}",
            "Sannolikhet att planen återförs i tid: " + (DASH if repaid is None else format_percent(repaid, 1)),
        ]
    )
