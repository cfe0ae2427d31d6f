"""Can the fund meet what it has promised? Its money year by year, in exact Decimal kronor.

Money in the fund now, less the payouts still to come for each year's commitments,
plus the repayments adopted plans schedule for that year: the first year this runs
below zero is a year the fund cannot pay what it has promised unless boards repay
early. A new commitment is tested by adding it to its years before it is booked.
Commitments and repayments of years already past count in the first year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CoverShortfall:
    year: int
    balance: Decimal
    """Money in the fund at the end of `year` (negative: the shortfall)."""


def cash_cover(
    *,
    cash: Decimal,
    first_year: int,
    payouts_by_year: Mapping[int, Decimal],
    repayments_by_year: Mapping[int, Decimal],
) -> CoverShortfall | None:
    """The first year whose year-end money is below zero, or None when every year is covered."""
    payouts = fold_past(payouts_by_year, first_year)
    repayments = fold_past(repayments_by_year, first_year)
    balance = cash
    for year in sorted({*payouts, *repayments}):
        balance += repayments.get(year, Decimal(0)) - payouts.get(year, Decimal(0))
        if balance < 0:
            return CoverShortfall(year=year, balance=balance)
    return None


def fold_past(by_year: Mapping[int, Decimal], first_year: int) -> dict[int, Decimal]:
    """Amounts of years before `first_year` moved into it."""
    folded: dict[int, Decimal] = {}
    for year, amount in by_year.items():
        key = max(year, first_year)
        folded[key] = folded.get(key, Decimal(0)) + amount
    return folded
