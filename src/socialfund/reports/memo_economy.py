"""The memo's "Ekonomiska konsekvenser och finansiering": the calculation and its repayment plan as text and tables.

Pure: reads a `CalculationResult` from the calculation engine, no Django.
"""

from __future__ import annotations

from decimal import Decimal

from socialfund.core.calc import CalculationResult
from socialfund.core.calc.model import FUND
from socialfund.core.formatting import format_number, format_sek
from socialfund.documents.model import Block, Cell, Column, Paragraph, Table

AMOUNT_MISSING = "[belopp saknas i ansökan]"
"""Where the memo would state an amount the case does not give: for the official to fill in, never "0 kr"."""


def fund_amounts(result: CalculationResult) -> dict[int, Decimal]:
    """What the application asks of the fund, per year (the cost lines the fund pays)."""
    by_year: dict[int, Decimal] = {}
    for line in result.calculation.costs:
        if line.payer == FUND:
            for year, amount in line.amounts.items():
                by_year[year] = by_year.get(year, Decimal(0)) + Decimal(amount)
    return dict(sorted(by_year.items()))


def years_text(amounts: dict[int, Decimal]) -> str:
    years = sorted(amounts)
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def amounts_missing(amounts: dict[int, Decimal]) -> bool:
    """No amount asked of the fund: none given, or only zeros."""
    return not any(amounts.values())


def asked_sentence(amounts: dict[int, Decimal]) -> str:
    """What is asked of the fund, or the placeholder saying that the case does not tell."""
    if amounts_missing(amounts):
        return f"Ansökan anger inte hur mycket som söks ur fonden: {AMOUNT_MISSING}."
    total = sum(amounts.values(), Decimal(0))
    return f"Ansökan avser {format_sek(total)} ur fonden under {years_text(amounts)}."


def economy_blocks(result: CalculationResult, amounts: dict[int, Decimal]) -> list[Block]:
    totals = result.totals
    total = sum(amounts.values(), Decimal(0))
    blocks: list[Block] = [
        Paragraph(
            f"{asked_sentence(amounts)} Enligt den socioekonomiska "
            f"beräkningen är nuvärdet av kostnaderna {format_sek(round(totals.pv_costs))} och av nyttorna "
            f"{format_sek(round(totals.pv_benefits))}, varav kommunala kassamässiga besparingar "
            f"{format_sek(round(totals.pv_benefits_municipal_cashable))}. Nettonuvärdet för kommunen är "
            f"{format_sek(round(totals.npv_municipal))}."
        ),
    ]
    if not amounts_missing(amounts):
        blocks.append(
            Table(
                columns=(Column("År"), Column("Medel ur fonden", "sek")),
                rows=tuple((str(year), amount) for year, amount in amounts.items()) + (("Summa", total),),
                caption="Sökta medel per år",
                total=True,
            )
        )
    blocks += [_summary_table(result), _parties_table(result), *repayment_blocks(result)]
    return blocks


def _summary_table(result: CalculationResult) -> Table:
    totals = result.totals
    ratio = format_number(totals.benefit_cost_ratio, 2) if totals.benefit_cost_ratio is not None else "–"
    rows: list[tuple[Cell, ...]] = [
        ("Nuvärde kostnader", Decimal(round(totals.pv_costs))),
        ("varav fonden", Decimal(round(totals.pv_costs_fund))),
        ("Nuvärde nyttor", Decimal(round(totals.pv_benefits))),
        ("varav kommunala kassamässiga", Decimal(round(totals.pv_benefits_municipal_cashable))),
        ("Nettonuvärde (samhället)", Decimal(round(totals.npv))),
        ("Nettonuvärde (kommunen)", Decimal(round(totals.npv_municipal))),
    ]
    return Table(
        columns=(Column("Mått"), Column("Belopp", "sek")),
        rows=tuple(rows),
        caption=f"Socioekonomisk beräkning (nytta/kostnad {ratio})",
    )


def _parties_table(result: CalculationResult) -> Table:
    return Table(
        columns=(
            Column("Part"),
            Column("Kostnader (nuvärde)", "sek"),
            Column("Nyttor (nuvärde)", "sek"),
            Column("Kassamässiga besparingar", "sek"),
        ),
        rows=tuple(
            (
                "Fonden" if party.name == FUND else party.name,
                Decimal(round(party.pv_costs_paid)),
                Decimal(round(party.pv_benefits_received)),
                Decimal(round(sum(party.cashable_savings.values()))),
            )
            for party in result.parties
        ),
        caption="Vem betalar och vem får nyttan",
    )


def repayment_blocks(result: CalculationResult) -> list[Block]:
    repayment = result.repayment
    if not repayment.required:
        return [Paragraph("Riktlinjerna kräver ingen återföring till fonden.")]
    boards = sorted({board for by_board in repayment.plan.values() for board in by_board})
    rows: list[tuple[Cell, ...]] = []
    for year in sorted(repayment.plan):
        by_board = repayment.plan[year]
        amounts = [Decimal(by_board.get(board, 0)) for board in boards]
        rows.append((str(year), *amounts, Decimal(sum(by_board.values()))))
    planned = sum(sum(by_board.values()) for by_board in repayment.plan.values())
    blocks: list[Block] = [
        Paragraph(
            f"Återföringen till fonden är {format_sek(repayment.amount_due)}. Enligt kalkylens plan återför "
            f"{' och '.join(boards) if boards else 'ingen nämnd'} {format_sek(planned)}"
            + (f" {repayment.start_year}–{repayment.end_year}." if repayment.start_year else ".")
        ),
        Table(
            columns=(Column("År"), *(Column(board, "sek") for board in boards), Column("Summa", "sek")),
            rows=tuple(rows),
            caption="Återföringsplan",
        ),
    ]
    if repayment.violations:
        blocks.append(Paragraph("Avvikelser från riktlinjerna: " + " ".join(v.message for v in repayment.violations)))
    return blocks


def repayment_sentence(result: CalculationResult) -> str:
    """The proposal's clause on repayment: who repays what, and when."""
    plan = result.repayment.plan
    by_board: dict[str, int] = {}
    for by_year in plan.values():
        for board, amount in by_year.items():
            by_board[board] = by_board.get(board, 0) + amount
    parts = [f"{board} {format_sek(amount)}" for board, amount in sorted(by_board.items())]
    years = f" under {result.repayment.start_year}–{result.repayment.end_year}" if result.repayment.start_year else ""
    return f"Fastställer återföringen till fonden enligt återföringsplanen: {', '.join(parts)}{years}."
