"""A socioeconomic calculation as validated, immutable data.

`parse_calculation` builds these from a file; the engine only reads them. Amounts
paid out are exact `Decimal` kronor (the fund's repayment duty is booked from
them); quantities, unit values and shares are floats because what they feed is an
estimate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from socialfund.core.calc.discount import DiscountSchedule
from socialfund.core.calc.labels import FUND_NAME
from socialfund.core.calc.prices import PriceConversion
from socialfund.core.calc.unitcosts import UnitCost

Sector = Literal["municipal", "region", "state", "individual", "other"]
SECTORS: tuple[Sector, ...] = ("municipal", "region", "state", "individual", "other")

FUND = "fund"
"""The payer name that means the social investment fund itself."""


@dataclass(frozen=True)
class Uncertainty:
    """A triangular range (low, 1, high) for a line's multiplier in a simulation."""

    low: float
    high: float

    @property
    def is_degenerate(self) -> bool:
        """low == high == 1: nothing to draw."""
        return self.low == self.high


@dataclass(frozen=True)
class CostLine:
    """A cost line: who pays how much in which year, with its optimism bias and uncertainty."""

    label: str
    payer: str
    amounts: Mapping[int, Decimal]
    optimism_bias: float = 0.0
    uncertainty: Uncertainty | None = None
    sector: Sector | None = None
    note: str | None = None
    price_year: int | None = None  # the year whose prices `amounts` were given in, when not the calculation's


@dataclass(frozen=True)
class EffectLine:
    """An effect line: quantities per year valued for a beneficiary, with its adjustments."""

    label: str
    beneficiary: str
    sector: Sector
    cashable: bool
    unit_value: float
    quantity: Mapping[int, float]
    deadweight: float = 0.0
    displacement: float = 0.0
    attribution: float = 0.0
    uncertainty: Uncertainty | None = None
    unit_cost: UnitCost | None = None
    note: str | None = None
    price_year: int | None = None  # the year whose prices `unit_value` was given in, when not the calculation's
    typical_case: str | None = None  # the name of the typical case (typfall) this line was made from

    @property
    def is_municipal(self) -> bool:
        return self.sector == "municipal"

    @property
    def value_per_unit(self) -> float:
        """unit_value × (1 − deadweight) × (1 − displacement) × (1 − attribution)."""
        return self.unit_value * (1.0 - self.deadweight) * (1.0 - self.displacement) * (1.0 - self.attribution)


@dataclass(frozen=True)
class Calculation:
    """A read and checked calculation: the period, the discounting, the lines and the repayment."""

    title: str
    start_year: int
    horizon: int
    discount: DiscountSchedule
    costs: tuple[CostLine, ...] = ()
    effects: tuple[EffectLine, ...] = ()
    repayment_schedule: Mapping[int, Mapping[str, int]] | None = None
    description: str | None = None
    party_sectors: Mapping[str, Sector] = field(default_factory=dict)
    price_year: int | None = None  # the price level every amount is in (after conversion); None: not stated
    price_conversions: tuple[PriceConversion, ...] = ()
    price_notes: tuple[str, ...] = ()
    party_names: Mapping[str, str] = field(default_factory=dict)
    """The boards' names by the code the lines use (`boards:` in a file; the web gives names itself)."""

    def name_of(self, party: str) -> str:
        """A party as a person reads it: the fund's name, a board's name from `party_names`, else as written."""
        if party == FUND:
            return FUND_NAME
        return self.party_names.get(party, party)

    @property
    def end_year(self) -> int:
        """The last year counted: start_year + horizon − 1."""
        return self.start_year + self.horizon - 1

    @property
    def years(self) -> range:
        return range(self.start_year, self.start_year + self.horizon)

    def sector_of(self, party: str) -> str | None:
        """'fund' for the fund, the sector the file gives the party, or None when it gives none."""
        if party == FUND:
            return FUND
        return self.party_sectors.get(party)

    def parties(self) -> list[str]:
        """Every party once: the fund first, then payers and beneficiaries in the order they appear."""
        names: list[str] = []
        for name in [line.payer for line in self.costs] + [line.beneficiary for line in self.effects]:
            if name not in names:
                names.append(name)
        if FUND in names:
            names.remove(FUND)
            names.insert(0, FUND)
        return names
