"""Reminders before and after a report's due date, each sent exactly once.

`socialfund followup remind` calls `reminders_send` once a day (cron or a timer). For
every report the project still owes, `schedule.reminder_due` says which offset's
reminder is current; a row in ReminderSent (unique per report and offset) is written
in the same transaction that queues the mail, so a second run, on the same day or
in parallel, finds the row and sends nothing. The mail goes after commit: a
rolled-back run sends nothing either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from socialfund.followup import conf
from socialfund.followup.codes import OPEN_REPORT_STATUSES, ProjectStatus
from socialfund.followup.models import ReminderSent, Report
from socialfund.followup.schedule import reminder_due
from socialfund.followup.services.common import record
from socialfund.followup.services.project_reports import report_recipients
from socialfund.outbox.services import mail_queue


def reminders_send(
    *, today: dt.date, offsets: Sequence[int] | None = None, window_days: int | None = None
) -> list[ReminderSent]:
    """Send the reminders that are current today and not sent before; return what was sent."""
    offsets = tuple(offsets) if offsets is not None else conf.reminder_offsets()
    window = window_days if window_days is not None else conf.reminder_window_days()
    if not offsets:
        return []
    earliest, latest = min(offsets), max(offsets) + window
    reports = list(
        Report.objects.filter(
            status__in=OPEN_REPORT_STATUSES,
            project__status=ProjectStatus.RUNNING,
            # Only reports whose reminder window can include today: due_on + earliest ≤ today < due_on + latest.
            due_on__lte=today - dt.timedelta(days=earliest),
            due_on__gt=today - dt.timedelta(days=latest),
        ).select_related("project", "project__initiative", "project__initiative__fund")
    )
    already = set(ReminderSent.objects.filter(report__in=reports).values_list("report_id", "offset_days"))
    sent: list[ReminderSent] = []
    for report in reports:
        offset = reminder_due(due_on=report.due_on, offsets=offsets, today=today, window_days=window)
        if offset is None or (report.pk, offset) in already:
            continue
        reminder = _send_one(report, offset, today)
        if reminder is not None:
            sent.append(reminder)
    return sent


def _send_one(report: Report, offset: int, today: dt.date) -> ReminderSent | None:
    recipients = report_recipients(report.project, overdue=offset > 0)
    if not recipients:
        return None  # nobody to tell yet; a later run within the window tries again
    try:
        with transaction.atomic():
            locked = Report.objects.select_for_update().get(pk=report.pk)
            if locked.status not in OPEN_REPORT_STATUSES:
                return None
            reminder = ReminderSent.objects.create(
                report=locked, offset_days=offset, sent_on=today, recipient_count=len(recipients)
            )
            record(
                report.project,
                user=None,
                action="report_reminder",
                target=reminder,
                message=f"Påminnelse om {report.title} ({_when(report.due_on, today)}).",
                data={"offset_days": offset},
            )
            transaction.on_commit(lambda: _mail(report, recipients, today))
    except IntegrityError:
        return None  # a parallel run wrote the row first; it sends the mail
    return reminder


def _when(due_on: dt.date, today: dt.date) -> str:
    days = (due_on - today).days
    if days > 0:
        return f"ska lämnas senast {due_on.isoformat()}, om {days} dagar"
    if days == 0:
        return f"ska lämnas i dag, {due_on.isoformat()}"
    return f"skulle ha lämnats {due_on.isoformat()}, {-days} dagar sedan"


def _mail(report: Report, recipients: list[str], today: dt.date) -> None:
    project = report.project
    path = reverse("followup:report", args=[project.pk, report.pk])
    mail_queue(
        subject=f"[{settings.SITE_NAME}] Påminnelse: {report.title} för {project.title}",
        message=(
            f"{report.title} för projektet {project.title} {_when(report.due_on, today)}.\n"
            f"Rapporten skrivs enligt PDSA: Planera, Göra, Studera, Agera.\n\nÖppna rapporten: {path}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )
