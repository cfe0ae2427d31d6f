"""Reminders: a report due in April gets its reminders at the configured offsets, each exactly once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from socialfund.followup import services
from socialfund.followup.models import ReminderSent
from tests.followup.helpers import pdsa

pytestmark = pytest.mark.django_db


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def run_daily(first, last, capture) -> list[tuple[dt.date, str, int]]:
    sent = []
    for day in days(first, last):
        with capture(execute=True):
            sent += [(day, r.report.title, r.offset_days) for r in services.reminders_send(today=day)]
    return sent


def test_a_report_due_in_april_is_reminded_exactly_once_at_each_offset(
    project, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.FOLLOWUP_REMINDER_OFFSETS_DAYS = [-30, -7, 7]
    sent = run_daily(dt.date(2017, 3, 1), dt.date(2017, 5, 31), django_capture_on_commit_callbacks)
    assert sent == [
        (dt.date(2017, 3, 31), "Lägesrapport 2017", -30),
        (dt.date(2017, 4, 23), "Lägesrapport 2017", -7),
        (dt.date(2017, 5, 7), "Lägesrapport 2017", 7),
    ]
    assert [m.to for m in mailoutbox] == [
        ["handlaggare@demo.invalid"],
        ["handlaggare@demo.invalid"],
        ["beredning@demo.invalid", "handlaggare@demo.invalid"],  # once late, the preparation group hears too
    ]
    assert "ska lämnas senast 2017-04-30, om 30 dagar" in mailoutbox[0].body
    assert "skulle ha lämnats 2017-04-30, 7 dagar sedan" in mailoutbox[2].body
    assert "Påminnelse: Lägesrapport 2017" in mailoutbox[0].subject

    # The whole period once more: nothing new, no mail.
    assert run_daily(dt.date(2017, 3, 1), dt.date(2017, 5, 31), django_capture_on_commit_callbacks) == []
    assert len(mailoutbox) == 3
    assert ReminderSent.objects.count() == 3


def test_a_run_that_missed_the_day_sends_late_within_the_window_and_never_an_overtaken_one(
    project, django_capture_on_commit_callbacks
):
    # The first run of the spring is on 25 April: the -30 reminder is overtaken, the -7 one goes out late.
    sent = run_daily(dt.date(2017, 4, 25), dt.date(2017, 4, 25), django_capture_on_commit_callbacks)
    assert sent == [(dt.date(2017, 4, 25), "Lägesrapport 2017", -7)]


def test_a_handed_in_or_skipped_report_is_not_reminded(users, project, django_capture_on_commit_callbacks):
    report = project.reports.get(title="Lägesrapport 2017")
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa())
    services.report_submit(report=report, user=users["handlaggare"])
    later = project.reports.get(title="Lägesrapport 2018")
    services.report_skip(report=later, user=users["beredning"], reason="Slutrapporten täcker 2018.")
    assert run_daily(dt.date(2017, 3, 1), dt.date(2018, 5, 31), django_capture_on_commit_callbacks) == []


def test_the_command_twice_on_the_same_day_sends_once(project, capsys, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("followup", "remind", "--date", "2017-03-31")
    assert "1 påminnelser skickade 2017-03-31" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("followup", "remind", "--date", "2017-03-31")
    assert "0 påminnelser skickade 2017-03-31" in capsys.readouterr().out
    assert len(mailoutbox) == 1
