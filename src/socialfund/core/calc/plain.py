"""The deterministic evaluation in pure Python: a single calculation without importing numpy (issue 22).

`socialfund calc` is mostly start-up, and numpy was most of it. A calculation is a few hundred cells, so
plain floats are as fast as arrays here. The figures are the numpy engine's to the last bit: each sum adds
in the order numpy does (its pairwise summation along a row, line after line down a column), which
`numpy_order_sum` copies. tests/core/calc/test_calc_plain_engine.py holds the two engines to that.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from socialfund.core.calc.model import Calculation

# numpy's pairwise summation (numpy/_core/src/umath/loops_utils.h.src): below 8 values a plain loop, up to
# 128 values eight running sums combined as a tree, above that the halves (cut at a multiple of 8) apart.
_UNROLL = 8
_BLOCK = 128


def numpy_order_sum(values: Sequence[float]) -> float:
    """The sum of `values` as `numpy.sum` adds float64: the same float, not only nearly."""
    n = len(values)
    if n < _UNROLL:
        total = 0.0
        for value in values:
            total += value
        return total
    if n <= _BLOCK:
        partial = list(values[:_UNROLL])
        index = _UNROLL
        whole = n - n % _UNROLL
        while index < whole:
            for lane in range(_UNROLL):
                partial[lane] += values[index + lane]
            index += _UNROLL
        total = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + (
            (partial[4] + partial[5]) + (partial[6] + partial[7])
        )
        for value in values[index:]:
            total += value
        return total
    half = n // 2
    half -= half % _UNROLL
    return numpy_order_sum(values[:half]) + numpy_order_sum(values[half:])


class PlainLines:
    """A calculation's lines as lists: counted costs and adjusted effect values, one list per line, per year."""

    def __init__(self, calc: Calculation) -> None:
        start, horizon = calc.start_year, calc.horizon
        self.horizon = horizon
        self.discount_factors = calc.discount.factor_list(horizon)
        self.costs: list[list[float]] = []
        for cost in calc.costs:
            row = [0.0] * horizon
            uplift = 1.0 + cost.optimism_bias
            for year, amount in cost.amounts.items():
                row[year - start] = float(amount) * uplift
            self.costs.append(row)
        self.effects: list[list[float]] = []
        for effect in calc.effects:
            row = [0.0] * horizon
            per_unit = effect.value_per_unit
            for year, quantity in effect.quantity.items():
                row[year - start] = quantity * per_unit
            self.effects.append(row)
        self._costs_pv = [self._discounted(row) for row in self.costs]
        self._effects_pv = [self._discounted(row) for row in self.effects]

    def _discounted(self, row: list[float]) -> list[float]:
        return [value * factor for value, factor in zip(row, self.discount_factors, strict=True)]

    def costs_pv_by_line(self) -> list[float]:
        return [numpy_order_sum(row) for row in self._costs_pv]

    def effects_pv_by_line(self) -> list[float]:
        return [numpy_order_sum(row) for row in self._effects_pv]

    def total(self, values: Sequence[float]) -> float:
        return numpy_order_sum(values)

    def cumulative(self, values: Sequence[float]) -> list[float]:
        return list(accumulate(values))

    def cost_years(self, rows: Sequence[int]) -> list[float]:
        return down_columns(self.costs, rows, self.horizon)

    def effect_years(self, rows: Sequence[int]) -> list[float]:
        return down_columns(self.effects, rows, self.horizon)

    def cost_pv_years(self, rows: Sequence[int]) -> list[float]:
        return down_columns(self._costs_pv, rows, self.horizon)

    def effect_pv_years(self, rows: Sequence[int]) -> list[float]:
        return down_columns(self._effects_pv, rows, self.horizon)


def down_columns(table: Sequence[Sequence[float]], rows: Sequence[int], horizon: int) -> list[float]:
    """Per year, the sum over the lines `rows`, as numpy's `table[rows].sum(axis=0)` adds: line after line,
    except with a single year, where numpy sees one long row and sums it pairwise."""
    if horizon == 1:
        return [numpy_order_sum([table[row][0] for row in rows])]
    sums = [0.0] * horizon
    for row in rows:
        sums = [total + value for total, value in zip(sums, table[row], strict=True)]
    return sums
