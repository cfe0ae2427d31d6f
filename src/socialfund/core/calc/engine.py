"""The deterministic evaluation: present values, who pays and who benefits, payback, repayment.

Semantics (docs/calculation.md): t = year − start_year, DF(0) = 1; a cost counts
amount × (1 + optimism_bias); an effect counts quantity × unit_value ×
(1 − deadweight) × (1 − displacement) × (1 − attribution).
"""

from __future__ import annotations

import numpy as np

from socialfund.core.calc.actors import actor_results
from socialfund.core.calc.arrays import LineArrays, build_arrays
from socialfund.core.calc.model import Calculation
from socialfund.core.calc.repayment import evaluate_repayment
from socialfund.core.calc.results import CalculationResult, PartyResult, Totals, YearRow
from socialfund.core.calc.sensitivity import switching_values
from socialfund.core.repayment_rules import RepaymentRules

# Cumulative discounted sums that should be exactly 0 can come out at −1e-10; a micro-krona is forgiven.
PAYBACK_TOLERANCE = 1e-6


def evaluate(calc: Calculation, *, rules: RepaymentRules | None = None) -> CalculationResult:
    """Evaluate a calculation; `rules` None means the default limits of Södertälje's guidelines."""
    arrays = build_arrays(calc)
    totals = compute_totals(calc, arrays)
    repayment = evaluate_repayment(calc, arrays, rules)
    return CalculationResult(
        calculation=calc,
        per_year=per_year_rows(calc, arrays),
        totals=totals,
        parties=party_results(calc, arrays),
        repayment=repayment.result,
        sensitivity=switching_values(calc, arrays, totals.npv_municipal),
        warnings=unit_cost_warnings(calc) + repayment.warnings,
        actors=actor_results(calc, arrays),
    )


def compute_totals(calc: Calculation, arrays: LineArrays) -> Totals:
    pv_cost_lines = arrays.pv_costs_by_line
    pv_effect_lines = arrays.pv_effects_by_line
    pv_costs = float(pv_cost_lines.sum())
    pv_benefits = float(pv_effect_lines.sum())
    pv_municipal = float(pv_effect_lines[arrays.effect_is_municipal].sum())
    return Totals(
        pv_costs=pv_costs,
        pv_costs_fund=float(pv_cost_lines[arrays.cost_is_fund].sum()),
        pv_benefits=pv_benefits,
        pv_benefits_municipal=pv_municipal,
        pv_benefits_municipal_cashable=float(pv_effect_lines[arrays.effect_is_municipal_cashable].sum()),
        npv=pv_benefits - pv_costs,
        npv_municipal=pv_municipal - pv_costs,
        benefit_cost_ratio=pv_benefits / pv_costs if pv_costs > 0 else None,
        payback_year=payback_year(calc, arrays),
    )


def payback_year(calc: Calculation, arrays: LineArrays) -> int | None:
    """Our own definition: the first year whose cumulative discounted (municipal cashable benefits − costs) is ≥ 0.

    Years before the first cost do not count (nothing has been invested yet to pay
    back), and a calculation without costs has no payback year.
    """
    costs_by_year = arrays.costs.sum(axis=0)
    net = arrays.effects[arrays.effect_is_municipal_cashable].sum(axis=0) - costs_by_year
    cumulative = np.cumsum(net * arrays.discount)
    invested = np.cumsum(costs_by_year) > 0
    reached = np.flatnonzero(invested & (cumulative >= -PAYBACK_TOLERANCE))
    return calc.start_year + int(reached[0]) if reached.size else None


def per_year_rows(calc: Calculation, arrays: LineArrays) -> list[YearRow]:
    costs = arrays.costs.sum(axis=0)
    benefits = arrays.effects.sum(axis=0)
    cashable = arrays.effects[arrays.effect_is_municipal_cashable].sum(axis=0)
    cumulative = np.cumsum((cashable - costs) * arrays.discount)
    return [
        YearRow(
            year=year,
            discount_factor=float(arrays.discount[t]),
            costs=float(costs[t]),
            benefits=float(benefits[t]),
            benefits_municipal_cashable=float(cashable[t]),
            cumulative_discounted_net_municipal_cashable=float(cumulative[t]),
        )
        for t, year in enumerate(calc.years)
    ]


def party_results(calc: Calculation, arrays: LineArrays) -> list[PartyResult]:
    """Each party's discounted costs paid and benefits received, and its nominal cashable savings per year."""
    pv_cost_lines = arrays.pv_costs_by_line
    pv_effect_lines = arrays.pv_effects_by_line
    results: list[PartyResult] = []
    for party in calc.parties():
        paid = [row for row, line in enumerate(calc.costs) if line.payer == party]
        received = [row for row, line in enumerate(calc.effects) if line.beneficiary == party]
        cashable_rows = [row for row in received if calc.effects[row].cashable]
        savings = arrays.effects[cashable_rows].sum(axis=0)
        results.append(
            PartyResult(
                name=party,
                sector=calc.sector_of(party),
                pv_costs_paid=float(pv_cost_lines[paid].sum()),
                pv_benefits_received=float(pv_effect_lines[received].sum()),
                cashable_savings={year: float(savings[t]) for t, year in enumerate(calc.years) if savings[t] != 0},
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
