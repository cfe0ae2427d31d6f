"""When a project's reports are due, and which reminder is due on a day. Pure functions, no Django.

The schedule comes from the policy's reporting duties (policy.reporting):

| frequency | reports |
|---|---|
| yearly, month M | one progress report a year, due the last day of month M (Södertälje 2015: April) |
| yearly, no month | one a year, on the anniversary of the project's start |
| monthly | one a month, due the month's last day |
| once | one report, in the first month M after the start (or a year after the start) |
| final | the final report, `final_report_days` after the project's planned end |
| continuous | none: continuous follow-up is the indicators, not a report |

A duty of the fund's (`scope: fund`, a report on the fund such as Södertälje's April follow-up by the KS
office) makes each project give a progress report by the same date when it is yearly, as the fund report's
input; any other fund duty (Södertälje 2013's one-time evaluation of the fund) asks nothing of the projects.

Only due dates after the start and up to the planned end count (the final report
comes after). Every project ends with a final report, also when the policy names
none: the issue asks for "a yearly progress report and a final report".
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class Duty(Protocol):
    """The fields of `socialfund.core.policy.requirements.ReportingDuty` the schedule reads."""

    @property
    def what(self) -> str: ...

    @property
    def frequency(self) -> str: ...

    @property
    def month(self) -> int | None: ...

    @property
    def recipient(self) -> str | None: ...

    @property
    def scope(self) -> str: ...


@dataclass(frozen=True)
class ScheduledReport:
    kind: str  # a ReportKind code
    title: str
    due_on: dt.date
    duty: str
    recipient: str


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def report_schedule(
    duties: Sequence[Duty], *, started_on: dt.date, ends_on: dt.date, final_report_days: int
) -> list[ScheduledReport]:
    """Every report the project owes, by due date."""
    reports: list[ScheduledReport] = []
    for duty in duties:
        reports.extend(_reports_for(duty, started_on, ends_on, final_report_days))
    if not any(r.kind == "final" for r in reports):
        reports.append(
            ScheduledReport("final", "Slutrapport", ends_on + dt.timedelta(days=final_report_days), "Slutrapport", "")
        )
    return sorted(reports, key=lambda r: (r.due_on, r.kind))


def _reports_for(duty: Duty, start: dt.date, end: dt.date, final_days: int) -> list[ScheduledReport]:
    if duty.scope == "fund" and duty.frequency != "yearly":
        return []  # the fund's own evaluation: nothing for the projects to write
    recipient = duty.recipient or ""
    within = [start.year + offset for offset in range(end.year - start.year + 1)]
    if duty.frequency == "yearly" and duty.month is not None:
        month = duty.month
        dues = [month_end(year, month) for year in within if start < month_end(year, month) <= end]
        return [ScheduledReport("progress", f"Lägesrapport {d.year}", d, duty.what, recipient) for d in dues]
    if duty.frequency == "yearly":
        dues = [add_years(start, n) for n in range(1, end.year - start.year + 2) if add_years(start, n) <= end]
        return [ScheduledReport("progress", f"Lägesrapport {d.year}", d, duty.what, recipient) for d in dues]
    if duty.frequency == "monthly":
        months = [(y, m) for y in within for m in range(1, 13) if start < month_end(y, m) <= end]
        return [
            ScheduledReport("monthly", f"Månadsrapport {y}-{m:02d}", month_end(y, m), duty.what, recipient)
            for y, m in months
        ]
    if duty.frequency == "once":
        due = _first_month_end_after(start, duty.month) if duty.month else add_years(start, 1)
        return [ScheduledReport("single", _title(duty.what, "Rapport"), due, duty.what, recipient)]
    if duty.frequency == "final":
        due = end + dt.timedelta(days=final_days)
        return [ScheduledReport("final", "Slutrapport", due, duty.what, recipient)]
    return []  # continuous: followed through the indicators


def _first_month_end_after(start: dt.date, month: int) -> dt.date:
    due = month_end(start.year, month)
    return due if due > start else month_end(start.year + 1, month)


def _title(what: str, fallback: str) -> str:
    return what[:200] if what else fallback


def reminder_due(*, due_on: dt.date, offsets: Sequence[int], today: dt.date, window_days: int) -> int | None:
    """The offset whose reminder is current today, or None.

    A reminder at offset o is current from due_on + o until the next offset's day (the
    last one for `window_days`). A run that missed a day still sends it late within its
    window; an older one, overtaken by the next, is never sent (no "a month left" mail
    a week before the due date). Together with one stored row per report and offset,
    each reminder goes out at most once.
    """
    days = sorted(set(offsets))
    for index, offset in enumerate(days):
        starts = due_on + dt.timedelta(days=offset)
        ends = (
            due_on + dt.timedelta(days=days[index + 1])
            if index + 1 < len(days)
            else starts + dt.timedelta(days=window_days)
        )
        if starts <= today < ends:
            return offset
    return None
