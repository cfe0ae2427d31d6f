"""The fund's public face for outside actors: which funds publish, and the machine-readable feed of a fund's
current calls and rules (what Hypha's open-calls JSON and CommonGrants' opportunities offer harvesters)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db.models import QuerySet

from socialfund.cases.workflow import policy_for_fund
from socialfund.core.policy.eligibility import Calls
from socialfund.core.policy.vocabulary import CALL_LABELS
from socialfund.funds.models import Fund
from socialfund.organisation.tenancy import scoped
from socialfund.reports.models import PublicPage


def published_pages() -> QuerySet[PublicPage]:
    """The funds whose public page is switched on: the welcome page links them, the feed serves them."""
    return scoped(PublicPage.objects.filter(enabled=True)).select_related("fund").order_by("fund__name")


def _month_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_deadline(calls: Calls, on: dt.date) -> dt.date | None:
    """The next last day to apply on or after `on`, by the call's mode; None when applications are rolling."""
    if calls.mode == "fixed_deadlines":
        return min((d for d in calls.deadlines if d >= on), default=None)
    if calls.mode == "yearly_deadline" and calls.yearly_deadline:
        month, day = (int(part) for part in calls.yearly_deadline.split("-"))
        this_year = _month_day(on.year, month, day)
        return this_year if this_year >= on else _month_day(on.year + 1, month, day)
    if calls.mode == "monthly_batch" and calls.monthly_cutoff_day:
        year, month = on.year, on.month
        for _ in range(13):
            cutoff = _month_day(year, month, calls.monthly_cutoff_day)
            if cutoff >= on and month not in calls.closed_months:
                return cutoff
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def is_open(calls: Calls, on: dt.date) -> bool:
    if calls.opens is not None and on < calls.opens:
        return False
    if calls.closes is not None and on >= calls.closes:
        return False
    return calls.mode != "fixed_deadlines" or next_deadline(calls, on) is not None


def calls_out(calls: Calls | None, on: dt.date) -> dict[str, Any] | None:
    if calls is None:
        return None
    deadline = next_deadline(calls, on)
    return {
        "mode": calls.mode,
        "mode_sv": CALL_LABELS[calls.mode],
        "open": is_open(calls, on),
        "opens": calls.opens,
        "closes": calls.closes,
        "next_deadline": deadline,
        "deadlines": [d for d in calls.deadlines if d >= on],
        "yearly_deadline": calls.yearly_deadline,
        "monthly_cutoff_day": calls.monthly_cutoff_day,
        "closed_months": list(calls.closed_months),
        "decision_time": calls.decision_time,
        "note": calls.note,
    }


def calls_feed(fund: Fund, *, on: dt.date, public_page_url: str, idea_form_url: str) -> dict[str, Any]:
    """The fund's current calls and rules under the guidelines in force on `on`."""
    policy = policy_for_fund(fund, on)
    unset = {note.path: note.reason for note in policy.unset}
    return {
        "fund": {
            "name": fund.name,
            "slug": fund.slug,
            "organisation": policy.fund.organisation,
            "capital": fund.capital,
            "currency": fund.currency,
            "public_page": public_page_url,
            "idea_form": idea_form_url,
        },
        "guidelines": {
            "id": policy.id,
            "adopted_on": policy.adopted.date,
            "adopted_by": policy.adopted.body or "",
        },
        "as_of": on,
        "calls": calls_out(policy.calls, on),
        "calls_unset_reason": unset.get("calls", "") if policy.calls is None else "",
        "tracks": [
            {"code": track.code, "name_sv": track.name_sv, "calls": calls_out(track.calls, on)}
            for track in policy.tracks
        ],
        "stages": [{"code": stage.code, "name_sv": stage.name_sv, "name_en": stage.name_en} for stage in policy.stages],
        "rules": [
            {
                "id": rule.id,
                "title": rule.title or "",
                "clause": rule.clause,
                "explanation": rule.explanation,
                "severity": str(rule.severity),
                "check": str(rule.check),
                "stages": list(rule.stages),
            }
            for rule in policy.rules
        ],
    }
