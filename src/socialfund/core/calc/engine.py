"""The deterministic evaluation: present values, who pays and who benefits, payback, repayment.

Semantics (docs/calculation.md): t = year − start_year, DF(0) = 1; a cost counts
amount × (1 + optimism_bias); an effect counts quantity × unit_value ×
(1 − deadweight) × (1 − displacement) × (1 − attribution).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from socialfund.core.calc.actors import actor_results
from socialfund.core.calc.lines import LineTotals, municipal_cashable_rows
from socialfund.core.calc.model import FUND, Calculation
from socialfund.core.calc.repayment import evaluate_repayment
from socialfund.core.calc.results import CalculationResult, PartyResult, Totals, YearRow
from socialfund.core.calc.sensitivity import switching_values

if TYPE_CHECKING:
    from socialfund.core.repayment_rules import RepaymentRules

# Cumulative discounted sums that should be exactly 0 can come out at −1e-10; a micro-krona is forgiven.
PAYBACK_TOLERANCE = 1e-6


def evaluate(calc: Calculation, *, rules: RepaymentRules | None = None) -> CalculationResult:
    """Evaluate a calculation on numpy; `rules` None means the default limits of Södertälje's guidelines."""
    from socialfund.core.calc.arrays import build_arrays  # numpy with it: only this engine needs it

    return evaluate_lines(calc, build_arrays(calc), rules=rules)


def evaluate_plain(calc: Calculation, *, rules: RepaymentRules | None = None) -> CalculationResult:
    """The same evaluation in pure Python, the same floats to the last bit, without importing numpy."""
    from socialfund.core.calc.plain import PlainLines

    return evaluate_lines(calc, PlainLines(calc), rules=rules)


def evaluate_lines(calc: Calculation, lines: LineTotals, *, rules: RepaymentRules | None = None) -> CalculationResult:
    totals = compute_totals(calc, lines)
    repayment = evaluate_repayment(calc, lines, rules)
    return CalculationResult(
        calculation=calc,
        per_year=per_year_rows(calc, lines),
        totals=totals,
        parties=party_results(calc, lines),
        repayment=repayment.result,
        sensitivity=switching_values(calc, lines, totals.npv_municipal),
        warnings=unit_cost_warnings(calc) + repayment.warnings,
        actors=actor_results(calc, lines),
    )


def compute_totals(calc: Calculation, lines: LineTotals) -> Totals:
    pv_cost_lines = lines.costs_pv_by_line()
    pv_effect_lines = lines.effects_pv_by_line()
    municipal = [pv for pv, effect in zip(pv_effect_lines, calc.effects, strict=True) if effect.is_municipal]
    cashable = [pv_effect_lines[row] for row in municipal_cashable_rows(calc)]
    fund = [pv for pv, cost in zip(pv_cost_lines, calc.costs, strict=True) if cost.payer == FUND]
    pv_costs = lines.total(pv_cost_lines)
    pv_benefits = lines.total(pv_effect_lines)
    pv_municipal = lines.total(municipal)
    return Totals(
        pv_costs=pv_costs,
        pv_costs_fund=lines.total(fund),
        pv_benefits=pv_benefits,
        pv_benefits_municipal=pv_municipal,
        pv_benefits_municipal_cashable=lines.total(cashable),
        npv=pv_benefits - pv_costs,
        npv_municipal=pv_municipal - pv_costs,
        benefit_cost_ratio=pv_benefits / pv_costs if pv_costs > 0 else None,
        payback_year=payback_year(calc, lines),
    )


def _discounted_net_cashable(calc: Calculation, lines: LineTotals) -> tuple[list[float], list[float]]:
    """Per year the costs, and the running discounted (municipal cashable benefits − costs)."""
    costs = lines.cost_years(range(len(calc.costs)))
    cashable = lines.effect_years(municipal_cashable_rows(calc))
    net = [
        (saving - cost) * factor for saving, cost, factor in zip(cashable, costs, lines.discount_factors, strict=True)
    ]
    return costs, lines.cumulative(net)


def payback_year(calc: Calculation, lines: LineTotals) -> int | None:
    """Our own definition: the first year whose cumulative discounted (municipal cashable benefits − costs) is ≥ 0.

    Years before the first cost do not count (nothing has been invested yet to pay
    back), and a calculation without costs has no payback year.
    """
    costs, cumulative = _discounted_net_cashable(calc, lines)
    invested = [total > 0 for total in lines.cumulative(costs)]
    for t, (has_costs, running) in enumerate(zip(invested, cumulative, strict=True)):
        if has_costs and running >= -PAYBACK_TOLERANCE:
            return calc.start_year + t
    return None


def per_year_rows(calc: Calculation, lines: LineTotals) -> list[YearRow]:
    costs, cumulative = _discounted_net_cashable(calc, lines)
    benefits = lines.effect_years(range(len(calc.effects)))
    cashable = lines.effect_years(municipal_cashable_rows(calc))
    return [
        YearRow(
            year=year,
            discount_factor=lines.discount_factors[t],
            costs=costs[t],
            benefits=benefits[t],
            benefits_municipal_cashable=cashable[t],
            cumulative_discounted_net_municipal_cashable=cumulative[t],
        )
        for t, year in enumerate(calc.years)
    ]


def party_results(calc: Calculation, lines: LineTotals) -> list[PartyResult]:
    """Each party's discounted costs paid and benefits received, and its nominal cashable savings per year."""
    pv_cost_lines = lines.costs_pv_by_line()
    pv_effect_lines = lines.effects_pv_by_line()
    results: list[PartyResult] = []
    for party in calc.parties():
        paid = [row for row, line in enumerate(calc.costs) if line.payer == party]
        received = [row for row, line in enumerate(calc.effects) if line.beneficiary == party]
        cashable_rows = [row for row in received if calc.effects[row].cashable]
        savings = lines.effect_years(cashable_rows)
        results.append(
            PartyResult(
                name=party,
                sector=calc.sector_of(party),
                pv_costs_paid=lines.total([pv_cost_lines[row] for row in paid]),
                pv_benefits_received=lines.total([pv_effect_lines[row] for row in received]),
                cashable_savings={year: savings[t] for t, year in enumerate(calc.years) if savings[t] != 0},
            )
        )
    return results


def unit_cost_warnings(calc: Calculation) -> list[str]:
    """A unit cost without a price year cannot be converted; the notes of the price conversion (uncertain KPI)."""
    warnings: list[str] = []
    for index, effect in enumerate(calc.effects):
        cost = effect.unit_cost
        if cost is not None and cost.price_year is None:
            warnings.append(
                f"Effekt {index + 1} ({effect.label}): enhetskostnaden ”{cost.label_sv}” saknar prisår och har "
                "inte räknats om; kontrollera prisnivån."
            )
    return warnings + list(calc.price_notes)
