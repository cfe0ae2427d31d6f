"""A calculation as matrices: one row per line, one column per year.

Everything the engine reports is a sum of rows × discount factors, so the
deterministic evaluation and the simulation (which only scales rows) share these
arrays. Built once per call; a 20-year calculation with 10 lines is a few hundred
cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from socialfund.core.calc.model import FUND, Calculation

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class LineArrays:
    discount: FloatArray  # (years,) DF(t)
    costs: FloatArray  # (cost lines, years) counted costs: amount × (1 + optimism_bias)
    effects: FloatArray  # (effect lines, years) adjusted values
    cost_is_fund: BoolArray
    effect_is_municipal: BoolArray
    effect_is_municipal_cashable: BoolArray

    @property
    def pv_costs_by_line(self) -> FloatArray:
        result: FloatArray = self.costs @ self.discount
        return result

    @property
    def pv_effects_by_line(self) -> FloatArray:
        result: FloatArray = self.effects @ self.discount
        return result


def build_arrays(calc: Calculation) -> LineArrays:
    start, horizon = calc.start_year, calc.horizon
    costs = np.zeros((len(calc.costs), horizon), dtype=np.float64)
    for row, cost in enumerate(calc.costs):
        uplift = 1.0 + cost.optimism_bias
        for year, amount in cost.amounts.items():
            costs[row, year - start] = float(amount) * uplift
    effects = np.zeros((len(calc.effects), horizon), dtype=np.float64)
    for row, effect in enumerate(calc.effects):
        per_unit = effect.value_per_unit
        for year, quantity in effect.quantity.items():
            effects[row, year - start] = quantity * per_unit
    municipal = np.array([e.is_municipal for e in calc.effects], dtype=np.bool_)
    cashable = np.array([e.cashable for e in calc.effects], dtype=np.bool_)
    return LineArrays(
        discount=calc.discount.factors(horizon),
        costs=costs,
        effects=effects,
        cost_is_fund=np.array([c.payer == FUND for c in calc.costs], dtype=np.bool_),
        effect_is_municipal=municipal,
        effect_is_municipal_cashable=municipal & cashable,
    )


def municipal_cashable_savings_by_board(calc: Calculation, arrays: LineArrays) -> dict[str, FloatArray]:
    """Each municipal board's nominal cashable savings per year: what it can repay from."""
    savings: dict[str, FloatArray] = {}
    for row, effect in enumerate(calc.effects):
        if arrays.effect_is_municipal_cashable[row]:
            previous = savings.get(effect.beneficiary)
            line = arrays.effects[row]
            savings[effect.beneficiary] = line.copy() if previous is None else previous + line
    return savings
