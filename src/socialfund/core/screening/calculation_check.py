"""The one place the screening meets the calculation engine (`socialfund.core.calc`).

It parses and evaluates an initiative's calculation under the policy's repayment
rules and boils the result down to what the `calculation` and `repayment` rules
need: whose savings they are (the municipality's or someone else's) and whether
the repayment plan meets the policy's limits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from socialfund.core.calc import CalculationInputError, evaluate, parse_calculation
from socialfund.core.repayment_rules import RepaymentRules

NO_REPAYMENT = RepaymentRules(
    mode="none", grace_years=None, latest_start_offset_years=None, max_years_after_first=None, waivable=False
)


@dataclass(frozen=True)
class PartySavings:
    name: str
    sector: str | None
    pv_benefits: float
    cashable_total: float
    """Nominal cashable savings over the calculation period."""


@dataclass(frozen=True)
class CalcSummary:
    title: str
    npv_municipal: float
    pv_benefits: float
    pv_benefits_by_sector: dict[str, float]
    parties: tuple[PartySavings, ...]
    amount_due: int
    repayment_required: bool
    fully_repaid: bool
    plan: dict[int, dict[str, int]]
    violations: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...]

    def benefits_share(self, sector: str) -> float | None:
        """The sector's share of all discounted benefits; None when there are none."""
        if self.pv_benefits <= 0:
            return None
        return self.pv_benefits_by_sector.get(sector, 0.0) / self.pv_benefits


def calculation_errors(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The calculation document's errors as (path inside the calculation, message); empty when it is valid."""
    try:
        parse_calculation(data)
    except CalculationInputError as exc:
        return list(exc.errors)
    return []


def summarise(data: Mapping[str, Any], rules: RepaymentRules | None) -> CalcSummary:
    """Evaluate the calculation; `rules` None (the policy says nothing on repayment) checks no repayment.

    Raises CalculationInputError for a document that does not parse."""
    result = evaluate(parse_calculation(data), rules=rules or NO_REPAYMENT)
    by_sector: dict[str, float] = {}
    parties = []
    for party in result.parties:
        sector = party.sector or "other"
        if sector != "fund":
            by_sector[sector] = by_sector.get(sector, 0.0) + party.pv_benefits_received
        parties.append(
            PartySavings(
                name=party.name,
                sector=party.sector,
                pv_benefits=party.pv_benefits_received,
                cashable_total=sum(party.cashable_savings.values()),
            )
        )
    repayment = result.repayment
    return CalcSummary(
        title=result.calculation.title,
        npv_municipal=result.totals.npv_municipal,
        pv_benefits=result.totals.pv_benefits,
        pv_benefits_by_sector=by_sector,
        parties=tuple(parties),
        amount_due=repayment.amount_due,
        repayment_required=repayment.required,
        fully_repaid=repayment.fully_repaid,
        plan=repayment.plan,
        violations=tuple((violation.rule, violation.message) for violation in repayment.violations),
        warnings=tuple(result.warnings),
    )
