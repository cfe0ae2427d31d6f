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
from django.utils.translation import gettext_noop

from socialfund.cases.workflow import policy_for_fund
from socialfund.core.money import from_ore
from socialfund.core.projection import ExistingProject, Outcomes, Pipeline, ProjectionInput, repays, terms_from_rules
from socialfund.core.repayment_rules import RepaymentRules
from socialfund.funds.models import Fund
from socialfund.ledger.codes import AccountKind
from socialfund.ledger.models import Account
from socialfund.ledger.selectors import balance_now


def fund_rules(fund: Fund, on: dt.date) -> RepaymentRules:
    try:
        rules = policy_for_fund(fund, on).repayment_rules()
    except LookupError:
        rules = None
    return rules if rules is not None else RepaymentRules(mode="none")


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
        repayment=repays(rules) if repayment is None else repayment,
    )


def scenarios(base: ProjectionInput) -> list[tuple[str, ProjectionInput]]:
    """The seed's quarrel side by side: with repayment, and without (the three boards' proposal).

    The names stay Swedish here (the April report and the command line use them as they are);
    they are marked for translation, and the projection page translates them when it shows them.
    """
    return [
        (gettext_noop("med återföring"), dataclasses.replace(base, repayment=True)),
        (gettext_noop("utan återföring"), dataclasses.replace(base, repayment=False)),
    ]
