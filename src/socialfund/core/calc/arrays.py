"""A calculation as matrices: one row per line, one column per year.

Everything the engine reports is a sum of rows × discount factors, so the
deterministic evaluation and the simulation (which only scales rows) share these
arrays. Built once per call; a 20-year calculation with 10 lines is a few hundred
cells.
"""

from __future__ import annotations

from collections.abc import Sequence
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

    # Present values by line as element-wise products summed along the row, not `costs @ discount`: a
    # matrix product adds in whatever order the BLAS kernel of the machine chooses, a sum in numpy's own
    # pairwise order, which the pure-Python engine (plain.py) copies to the last bit.
    @property
    def pv_costs_by_line(self) -> FloatArray:
        result: FloatArray = (self.costs * self.discount).sum(axis=1)
        return result

    @property
    def pv_effects_by_line(self) -> FloatArray:
        result: FloatArray = (self.effects * self.discount).sum(axis=1)
        return result

    # The evaluation's view of the lines (lines.LineTotals): plain floats out, numpy's arithmetic inside.
    @property
    def discount_factors(self) -> list[float]:
        factors: list[float] = self.discount.tolist()
        return factors

    def costs_pv_by_line(self) -> list[float]:
        values: list[float] = self.pv_costs_by_line.tolist()
        return values

    def effects_pv_by_line(self) -> list[float]:
        values: list[float] = self.pv_effects_by_line.tolist()
        return values

    def total(self, values: Sequence[float]) -> float:
        return float(np.array(values, dtype=np.float64).sum())

    def cumulative(self, values: Sequence[float]) -> list[float]:
        sums: list[float] = np.cumsum(np.array(values, dtype=np.float64)).tolist()
        return sums

    def cost_years(self, rows: Sequence[int]) -> list[float]:
        return _down_columns(self.costs, rows)

    def effect_years(self, rows: Sequence[int]) -> list[float]:
        return _down_columns(self.effects, rows)

    def cost_pv_years(self, rows: Sequence[int]) -> list[float]:
        return _down_columns(self.costs * self.discount, rows)

    def effect_pv_years(self, rows: Sequence[int]) -> list[float]:
        return _down_columns(self.effects * self.discount, rows)


def _down_columns(table: FloatArray, rows: Sequence[int]) -> list[float]:
    sums: list[float] = table[list(rows)].sum(axis=0).tolist()
    return sums


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
        discount=np.array(calc.discount.factor_list(horizon), dtype=np.float64),
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
