"""How new projects repay under a fund's guidelines: the projection's `RepaymentTerms` from a policy's rules."""

from __future__ import annotations

from socialfund.core.projection.model import RepaymentTerms
from socialfund.core.repayment_rules import RepaymentRules

DEFAULT_START_OFFSET = 3
DEFAULT_REPAYMENT_YEARS = 5


def terms_from_rules(rules: RepaymentRules) -> RepaymentTerms:
    """New projects repay from year 3 (kept within the fund's earliest and latest start), over at most 5 years."""
    offset = DEFAULT_START_OFFSET
    if rules.grace_years is not None:
        offset = max(offset, rules.grace_years)
    if rules.latest_start_offset_years is not None:
        offset = min(offset, rules.latest_start_offset_years)
    years = DEFAULT_REPAYMENT_YEARS
    if rules.max_years_after_first is not None:
        years = min(years, rules.max_years_after_first + 1)
    return RepaymentTerms(start_offset_years=offset, years=max(years, 1))


def repays(rules: RepaymentRules) -> bool:
    """Whether money comes back to the fund at all (a frame reduction returns it too, through the budget)."""
    return rules.mode != "none"
