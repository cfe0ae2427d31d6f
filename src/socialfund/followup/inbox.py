"""The follow-up's due work in the to-do inbox (`cases.inbox`): special reviews waiting at the deciding body
(for the registrar) and progress reports due (for the applicant board). Connected to
`cases.events.inbox_wanted` in the app's ready()."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.inbox import InboxItem
from socialfund.followup.codes import ReportStatus, SpecialReviewStatus
from socialfund.followup.models import Report, SpecialReview


def due_work(sender: Any, *, user: User, today: dt.date, **kwargs: Any) -> list[InboxItem]:
    items: list[InboxItem] = []
    if user.has_role(Role.REGISTRAR):
        items += _reviews_at_the_board(user)
    if user.has_role(Role.APPLICANT) and user.board_id is not None:
        items += _reports_due(user, today)
    return items


def _reviews_at_the_board(user: User) -> list[InboxItem]:
    reviews = SpecialReview.objects.filter(status=SpecialReviewStatus.SUBMITTED).select_related("project__initiative")
    if user.organisation_id is not None:
        reviews = reviews.filter(project__initiative__fund__organisation_id=user.organisation_id)
    return [
        InboxItem(
            review.project.initiative.title,
            reverse("followup:project", args=[review.project.pk]),
            gettext("Särskild prövning väntar på beslut: registrera beslutet"),
        )
        for review in reviews.order_by("submitted_at", "pk")
    ]


def _reports_due(user: User, today: dt.date) -> list[InboxItem]:
    reports = (
        Report.objects.filter(
            project__initiative__lead_board_id=user.board_id,
            status__in=[ReportStatus.DUE, ReportStatus.DRAFT, ReportStatus.RETURNED],
            due_on__lte=today + dt.timedelta(days=30),
        )
        .select_related("project__initiative")
        .order_by("due_on", "pk")
    )
    return [
        InboxItem(
            report.project.initiative.title,
            reverse("followup:report", args=[report.project.pk, report.pk]),
            gettext("%(report)s ska lämnas senast %(date)s")
            % {"report": report.title, "date": report.due_on.isoformat()},
            report.due_on,
            report.due_on < today,
        )
        for report in reports
    ]
