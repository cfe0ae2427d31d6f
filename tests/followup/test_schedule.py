"""The report schedule from the policies' reporting duties, and which reminder is current on a day."""

from __future__ import annotations

import datetime as dt

import pytest

from socialfund.core.policy import load_policy
from socialfund.followup.schedule import reminder_due, report_schedule

START, END = dt.date(2016, 5, 2), dt.date(2018, 5, 1)


def schedule(policy_id: str, start: dt.date = START, end: dt.date = END) -> list[tuple[str, str, dt.date, str]]:
    reports = report_schedule(load_policy(policy_id).reporting, started_on=start, ends_on=end, final_report_days=90)
    return [(r.kind, r.title, r.due_on, r.recipient) for r in reports]


def test_sodertalje_2015_a_progress_report_every_april_and_a_final_report():
    # The April follow-up is the fund's report (scope: fund, yearly): each project reports by then, as its input.
    assert schedule("sodertalje-2015") == [
        ("progress", "Lägesrapport 2017", dt.date(2017, 4, 30), ""),
        ("progress", "Lägesrapport 2018", dt.date(2018, 4, 30), ""),
        ("final", "Slutrapport", dt.date(2018, 7, 30), ""),
    ]


def test_an_april_within_the_start_month_counts_only_after_the_start():
    # Started 1 April 2016: the April report that year is due on the 30th, after the start.
    assert [d for _, _, d, _ in schedule("sodertalje-2015", dt.date(2016, 4, 1), dt.date(2017, 3, 31))] == [
        dt.date(2016, 4, 30),
        dt.date(2017, 6, 29),
    ]


def test_sodertalje_2013_projects_owe_a_final_report_but_not_the_funds_own_evaluation():
    # 2013: "Den sociala investeringsfonden ska utvärderas efter ett år" is the fund's evaluation
    # (scope: fund, once), not a report each project writes; projects are followed continuously.
    assert [(kind, due) for kind, _, due, _ in schedule("sodertalje-2013")] == [("final", dt.date(2018, 7, 30))]


def test_malmo_names_the_recipient_of_its_final_report():
    assert schedule("malmo") == [("final", "Slutrapport", dt.date(2018, 7, 30), "Kommunstyrelsen")]


def test_norrkoping_reports_monthly():
    rows = schedule("norrkoping")
    monthly = [due for kind, _, due, _ in rows if kind == "monthly"]
    assert monthly[0] == dt.date(2016, 5, 31) and monthly[-1] == dt.date(2018, 4, 30)
    assert len(monthly) == 24
    assert rows[-1][0] == "final"


@pytest.mark.parametrize(
    ("today", "offset"),
    [
        (dt.date(2017, 3, 30), None),
        (dt.date(2017, 3, 31), -30),
        (dt.date(2017, 4, 22), -30),
        (dt.date(2017, 4, 23), -7),
        (dt.date(2017, 5, 6), -7),
        (dt.date(2017, 5, 7), 7),
        (dt.date(2017, 5, 13), 7),
        (dt.date(2017, 5, 14), None),
    ],
)
def test_the_current_reminder_for_a_report_due_30_april(today, offset):
    assert reminder_due(due_on=dt.date(2017, 4, 30), offsets=[7, -30, -7], today=today, window_days=7) == offset
