"""From the books to a projection: today's available money, the adopted plans, the fund's own rules.

The Monte Carlo itself is pure (`socialfund.core.projection`); this module only reads
what it starts from. Amounts become floats here, at the boundary from bookkeeping to
estimate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from django.db.models import Sum

from socialfund.cases.workflow import policy_for_fund
from socialfund.core.money import from_ore
from socialfund.core.projection import ExistingProject, Outcomes, Pipeline, ProjectionInput, RepaymentTerms
from socialfund.core.repayment_rules import RepaymentRules
from socialfund.funds.models import Fund
from socialfund.ledger.codes import AccountKind
from socialfund.ledger.models import Account
from socialfund.ledger.selectors import balance_now

DEFAULT_START_OFFSET = 3
DEFAULT_REPAYMENT_YEARS = 5


def fund_rules(fund: Fund, on: dt.date) -> RepaymentRules:
    try:
        rules = policy_for_fund(fund, on).repayment_rules()
    except LookupError:
        rules = None
    return rules if rules is not None else RepaymentRules(mode="none")


def terms_from_rules(rules: RepaymentRules) -> RepaymentTerms:
    """New projects repay as the guidelines allow: from year 3 (within the fund's earliest and latest start)."""
    offset = DEFAULT_START_OFFSET
    if rules.earliest_offset_years is not None:
        offset = max(offset, rules.earliest_offset_years)
    if rules.latest_start_offset_years is not None:
        offset = min(offset, rules.latest_start_offset_years)
    years = DEFAULT_REPAYMENT_YEARS
    if rules.max_years_after_first is not None:
        years = min(years, rules.max_years_after_first + 1)
    return RepaymentTerms(start_offset_years=offset, years=max(years, 1))


def existing_plans(fund: Fund) -> tuple[ExistingProject, ...]:
    """What each project's boards still owe, by year (overdue years included)."""
    rows = (
        Account.objects.filter(fund=fund, kind=AccountKind.RECEIVABLE, balance_ore__gt=0)
        .values("initiative__title", "year")
        .annotate(total=Sum("balance_ore"))
    )
    by_project: dict[str, dict[int, float]] = defaultdict(dict)
    for row in rows:
        by_project[row["initiative__title"]][row["year"] or 0] = float(from_ore(row["total"]))
    return tuple(ExistingProject(title, years) for title, years in sorted(by_project.items()))


def projection_input(
    fund: Fund,
    *,
    today: dt.date,
    years: int,
    pipeline: Pipeline | None = None,
    outcomes: Outcomes | None = None,
    repayment: bool | None = None,
) -> ProjectionInput:
    rules = fund_rules(fund, today)
    return ProjectionInput(
        start_year=today.year,
        years=years,
        opening_available=float(balance_now(Account.objects.filter(fund=fund, kind=AccountKind.AVAILABLE))),
        existing=existing_plans(fund),
        pipeline=pipeline or Pipeline(),
        outcomes=outcomes or Outcomes(),
        terms=terms_from_rules(rules),
        repayment=rules.mode != "none" if repayment is None else repayment,
    )


def scenarios(base: ProjectionInput) -> list[tuple[str, ProjectionInput]]:
    """The seed's quarrel side by side: with repayment, and without (the three boards' proposal)."""
    return [
        ("med återföring", dataclasses.replace(base, repayment=True)),
        ("utan återföring", dataclasses.replace(base, repayment=False)),
    ]
