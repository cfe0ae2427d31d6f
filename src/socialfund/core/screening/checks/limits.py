"""Checks against the fund's numbers: caps per year and project, share of cost, duration and calls."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from socialfund.core.formatting import format_percent, format_sek
from socialfund.core.policy.eligibility import Calls, yearly_date
from socialfund.core.policy.vocabulary import MONTHS_SV
from socialfund.core.screening.context import Context
from socialfund.core.screening.result import Outcome


def check_amount_cap(ctx: Context) -> Outcome:
    limits = ctx.policy.limits
    if limits is None or (limits.max_per_year is None and limits.max_per_project is None):
        return ctx.section_missing("belopp")
    requested = ctx.initiative.funding.requested
    if not requested:
        return Outcome("missing", "Ange sökt belopp per år (funding.requested).")
    problems = []
    if limits.max_per_year is not None:
        for year, amount in sorted(requested.items()):
            if amount > limits.max_per_year:
                problems.append(
                    f"{format_sek(amount)} år {year} överstiger taket {format_sek(limits.max_per_year)} per år"
                )
    total = ctx.initiative.funding.total_requested
    if limits.max_per_project is not None and total > limits.max_per_project:
        problems.append(f"totalt {format_sek(total)} överstiger taket {format_sek(limits.max_per_project)} per projekt")
    if problems:
        return Outcome(
            "fail", "Sökt belopp: " + "; ".join(problems) + ". Minska beloppet eller dela upp finansieringen."
        )
    return Outcome("pass", f"Sökt belopp {format_sek(total)} ryms inom taken.")


def _cofinancing_share(ctx: Context) -> Decimal | None:
    funding = ctx.initiative.funding
    if funding.cofinancing_share is not None:
        return funding.cofinancing_share
    if funding.total_cost and funding.requested:
        return max(Decimal(0), 1 - funding.total_requested / funding.total_cost)
    return None


def check_cofinancing(ctx: Context) -> Outcome:
    limits = ctx.policy.limits
    if limits is None or (limits.max_share_of_cost is None and limits.min_cofinancing_share is None):
        return ctx.section_missing("medfinansiering")
    own = _cofinancing_share(ctx)
    if own is None:
        return Outcome(
            "missing", "Ange hur stor del av kostnaden ni själva står för (funding.cofinancing_share eller total_cost)."
        )
    fund_share = 1 - own
    if limits.max_share_of_cost is not None and fund_share > limits.max_share_of_cost:
        return Outcome(
            "fail",
            f"Fonden får betala högst {format_percent(limits.max_share_of_cost)} av kostnaden; ansökan begär "
            f"{format_percent(fund_share)}. Öka den egna finansieringen.",
        )
    if limits.min_cofinancing_share is not None and own < limits.min_cofinancing_share:
        return Outcome(
            "fail",
            f"De sökande ska själva stå för minst {format_percent(limits.min_cofinancing_share)} (pengar eller "
            f"arbetstid); ansökan anger {format_percent(own)}.",
        )
    return Outcome("pass", f"Egen finansiering {format_percent(own)}; fonden betalar {format_percent(fund_share)}.")


def check_duration(ctx: Context) -> Outcome:
    limits = ctx.policy.limits
    if limits is None or limits.duration_months is None:
        return ctx.section_missing("projekttid")
    months = ctx.initiative.funding.duration_months
    if months is None:
        return Outcome("missing", "Ange projekttiden i månader (funding.duration_months).")
    low, high = limits.duration_months.min, limits.duration_months.max
    if high is not None and months > high:
        extension = " Förlängning kan prövas särskilt." if limits.extension_allowed else ""
        return Outcome("fail", f"Projekttiden {months} månader är längre än högst {high} månader.{extension}")
    if low is not None and months < low:
        return Outcome("fail", f"Projekttiden {months} månader är kortare än minst {low} månader.")
    return Outcome("pass", f"Projekttiden {months} månader ryms i ramen.")


def _month_name(day: dt.date) -> str:
    return f"{MONTHS_SV[day.month - 1]} {day.year}"


def _monthly_round(calls: Calls, day: dt.date) -> dt.date:
    """The month whose round handles an application made on `day` (skipping months without handling)."""
    month = day.replace(day=1)
    if calls.monthly_cutoff_day is not None and day.day > calls.monthly_cutoff_day:
        month = (month + dt.timedelta(days=32)).replace(day=1)
    while month.month in calls.closed_months:
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return month


def _within_call(calls: Calls, day: dt.date) -> Outcome:
    if calls.mode == "rolling":
        return Outcome("pass", "Ansökan tas emot löpande.")
    if calls.mode == "monthly_batch":
        return Outcome("pass", f"Ansökan hanteras i omgången för {_month_name(_monthly_round(calls, day))}.")
    if calls.mode == "fixed_deadlines":
        coming = [deadline for deadline in calls.deadlines if deadline >= day]
        if coming:
            return Outcome("pass", f"Inom ansökningstiden (sista dag {min(coming).isoformat()}).")
        last = max(calls.deadlines).isoformat()
        return Outcome("fail", f"Sista ansökningsdag {last} har passerat och riktlinjerna anger ingen senare omgång.")
    assert calls.yearly_deadline is not None  # the schema demands it for yearly_deadline
    deadline = yearly_date(calls.yearly_deadline, day.year)
    if day <= deadline:
        return Outcome("pass", f"Inom årets ansökningstid (sista dag {deadline.isoformat()}).")
    following = yearly_date(calls.yearly_deadline, day.year + 1)
    return Outcome(
        "warn",
        f"Årets sista ansökningsdag {deadline.isoformat()} har passerat; ansökan prövas i omgången {following.isoformat()}.",
    )


def check_deadline(ctx: Context) -> Outcome:
    calls = ctx.policy.calls
    if calls is None:
        return ctx.section_missing("ansökningstid")
    day = ctx.initiative.submitted
    if day is None:
        return Outcome("missing", "Ange när ansökan lämnades in (submitted).")
    if calls.opens is not None and day < calls.opens:
        return Outcome(
            "fail", f"Ansökan lämnades {day.isoformat()}, innan utlysningen öppnade {calls.opens.isoformat()}."
        )
    if calls.closes is not None and day >= calls.closes:
        return Outcome(
            "fail", f"Fonden tar inte emot nya ansökningar från {calls.closes.isoformat()} (ansökan {day.isoformat()})."
        )
    return _within_call(calls, day)
