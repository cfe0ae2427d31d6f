"""What the deterministic evaluation needs from a calculation's lines, whichever engine holds them.

Two engines hold a calculation's lines as (line × year) tables: `arrays.LineArrays` on numpy (what the
simulation scales, draw by draw) and `plain.PlainLines` in pure Python (what `socialfund calc` uses, so a
single calculation starts without importing numpy; issue 22). The evaluation (engine.py, actors.py,
repayment.py) is written once against this protocol. Every figure is a few element-wise operations and
sums; both engines add in the same order (numpy's, which plain.py copies), so they give the same floats
to the last bit (tests/core/calc/test_calc_plain_engine.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from socialfund.core.calc.model import Calculation

    type YearValues = Sequence[float] | NDArray[np.float64]
    """A line's or a board's figures per year: a list (pure Python) or an array (numpy, follow-up)."""


class LineTotals(Protocol):
    @property
    def discount_factors(self) -> list[float]:
        """DF(t), t = 0 .. horizon − 1."""
        ...

    def costs_pv_by_line(self) -> list[float]:
        """Each cost line's present value: Σ_t counted cost × DF(t)."""
        ...

    def effects_pv_by_line(self) -> list[float]:
        """Each effect line's present value: Σ_t adjusted value × DF(t)."""
        ...

    def total(self, values: Sequence[float]) -> float:
        """The sum of `values`, added in the engine's order."""
        ...

    def cumulative(self, values: Sequence[float]) -> list[float]:
        """The running sums of `values`, first to last."""
        ...

    def cost_years(self, rows: Sequence[int]) -> list[float]:
        """Per year, the sum of the counted costs of the cost lines `rows` (nominal)."""
        ...

    def effect_years(self, rows: Sequence[int]) -> list[float]:
        """Per year, the sum of the adjusted values of the effect lines `rows` (nominal)."""
        ...

    def cost_pv_years(self, rows: Sequence[int]) -> list[float]:
        """Per year, the sum of the cost lines' `rows` present values (counted cost × DF(t))."""
        ...

    def effect_pv_years(self, rows: Sequence[int]) -> list[float]:
        """Per year, the sum of the effect lines' `rows` present values."""
        ...


def municipal_cashable_rows(calc: Calculation) -> list[int]:
    """The effect lines a municipal board can repay from: municipal and cashable."""
    return [row for row, effect in enumerate(calc.effects) if effect.is_municipal and effect.cashable]


def savings_by_board(calc: Calculation, lines: LineTotals) -> dict[str, list[float]]:
    """Each municipal board's nominal cashable savings per year: what it can repay from."""
    boards: dict[str, list[int]] = {}
    for row in municipal_cashable_rows(calc):
        boards.setdefault(calc.effects[row].beneficiary, []).append(row)
    return {board: lines.effect_years(rows) for board, rows in boards.items()}
