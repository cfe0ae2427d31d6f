"""Discount factors: a constant real rate or a stepped schedule such as the Green Book's.

t = year − start_year. DF(0) = 1 (the first year is not discounted, as in
numpy-financial's `npv`). A constant rate r gives DF(t) = (1 + r)^−t; a schedule
with rate r_k for year k gives DF(t) = 1 / Π_{k=1..t} (1 + r_k), so the factor is
continuous across the steps (Green Book: DF(31) = DF(30) / 1.030).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# numpy is imported where the factors are computed, not here: reading and checking a calculation (the
# model imports this module) needs no numpy, so `socialfund calc` on a bad file answers without loading it.


@dataclass(frozen=True)
class DiscountSchedule:
    """Rates by year: `bands` is ((first t, rate), ...) sorted by t, the first band starting at t = 1."""

    name: str
    bands: tuple[tuple[int, float], ...]

    @property
    def is_constant(self) -> bool:
        return len(self.bands) == 1

    def rate(self, t: int) -> float:
        """The rate that discounts year t back to year t − 1."""
        current = self.bands[0][1]
        for first, rate in self.bands:
            if t >= first:
                current = rate
        return current

    def factor_list(self, horizon: int) -> list[float]:
        """DF(t) for t = 0 .. horizon − 1, in plain Python: both engines (numpy and pure Python) start from these."""
        if self.is_constant:
            # The closed form is exact to the last bit where a product would drift.
            base = 1.0 + self.bands[0][1]
            return [base ** -float(t) for t in range(horizon)]
        factors = [1.0] if horizon > 0 else []
        product = 1.0
        for k in range(1, horizon):
            product = product * (1.0 + self.rate(k)) if k > 1 else 1.0 + self.rate(k)
            factors.append(1.0 / product)
        return factors

    def factors(self, horizon: int) -> NDArray[np.float64]:
        """DF(t) for t = 0 .. horizon − 1, as an array (the simulation's)."""
        import numpy as np

        return np.array(self.factor_list(horizon), dtype=np.float64)


def constant_rate(rate: float) -> DiscountSchedule:
    return DiscountSchedule(name="constant", bands=((1, rate),))


# HM Treasury Green Book, standard social time preference rate (reference/socioeconomics.md §2):
# 3.5 % years 1–30, 3.0 % 31–75, 2.5 % 76–125, 2.0 % 126–200, 1.5 % 201–300, 1.0 % after.
GREEN_BOOK = DiscountSchedule(
    name="green_book",
    bands=((1, 0.035), (31, 0.030), (76, 0.025), (126, 0.020), (201, 0.015), (301, 0.010)),
)

NAMED_SCHEDULES: dict[str, DiscountSchedule] = {GREEN_BOOK.name: GREEN_BOOK}
