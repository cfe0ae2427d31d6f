"""One inbox per user: the cases the case machine says wait for them, and the due work of the ledger and the
follow-up (grants to book, progress reports due, special reviews waiting at the deciding body).

Nothing is stored: the inbox is derived from state each time, like every desk it mirrors, so the two cannot
disagree. `overdue` items go into the daily digest (`socialfund inbox_digest`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.selectors import todo_for
from socialfund.funds.selectors import funds_visible_to

# Days a granted decision may wait for booking before it is overdue; reports are overdue after their date.
BOOKING_DAYS = 14


@dataclass(frozen=True)
class InboxItem:
    title: str
    url: str
    what: str
    due_on: dt.date | None = None
    overdue: bool = False


def inbox_for(*, user: User, today: dt.date | None = None) -> list[InboxItem]:
    today = today or timezone.localdate()
    items = [
        InboxItem(item.initiative.title, reverse("cases:detail", args=[item.initiative.pk]), item.what)
        for item in todo_for(user=user)
    ]
    if user.has_role(Role.FINANCE):
        items += _grants_to_book(user, today)
        items += _ledger_due(user, today)
    if user.has_role(Role.REGISTRAR):
        items += _reviews_at_the_board(user)
    if user.has_role(Role.APPLICANT) and user.board_id is not None:
        items += _reports_due(user, today)
    return items


def _grants_to_book(user: User, today: dt.date) -> list[InboxItem]:
    from socialfund.ledger.selectors import grants_to_book

    items = []
    for fund in funds_visible_to(user=user):
        for decision in grants_to_book(fund):
            due = decision.decided_on + dt.timedelta(days=BOOKING_DAYS)
            items.append(
                InboxItem(
                    decision.initiative.title,
                    f"{reverse('ledger:book', args=[fund.slug, 'beviljande'])}?decision={decision.pk}",
                    gettext("Beviljat %(date)s: bokför de beviljade medlen")
                    % {"date": decision.decided_on.isoformat()},
                    due,
                    due < today,
                )
            )
    return items


def _ledger_due(user: User, today: dt.date) -> list[InboxItem]:
    """Payouts the grants' schedules ask for, and repayments due this year or overdue: the same selectors as
    finance's own list (`ledger:due`), so the inbox and that page cannot disagree."""
    from socialfund.core.formatting import format_sek
    from socialfund.ledger.selectors import payouts_due, repayments_due

    items = []
    for fund in funds_visible_to(user=user):
        due_page = reverse("ledger:due", args=[fund.slug])
        for payout in payouts_due(fund, today):
            items.append(
                InboxItem(
                    payout.initiative.title,
                    due_page,
                    gettext("Utbetalning för %(year)s att göra: %(amount)s")
                    % {"year": payout.year, "amount": format_sek(payout.amount)},
                    payout.due_since,
                    payout.due_since < today,
                )
            )
        for repayment in repayments_due(fund, today):
            items.append(
                InboxItem(
                    repayment.initiative,
                    due_page,
                    gettext("Återföring för %(year)s kvar: %(amount)s")
                    % {"year": repayment.year, "amount": format_sek(repayment.remaining)},
                    dt.date(repayment.year, 12, 31),
                    repayment.overdue,
                )
            )
    return items


def _reviews_at_the_board(user: User) -> list[InboxItem]:
    from socialfund.followup.codes import SpecialReviewStatus
    from socialfund.followup.models import SpecialReview

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
    from socialfund.followup.codes import ReportStatus
    from socialfund.followup.models import Report

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


def digest_text(user: User, items: list[InboxItem], site_url: str) -> str:
    """The daily digest's body, in Swedish: what is overdue for this user, each with an absolute link."""
    lines = [f"Hej {user.get_full_name() or user.username},", "", "Det här är försenat och väntar på dig:", ""]
    for item in items:
        due = f" (senast {item.due_on.isoformat()})" if item.due_on else ""
        lines.append(f"- {item.title}: {item.what}{due}")
        lines.append(f"  {site_url}{item.url}")
    lines += ["", f"Allt som väntar på dig: {site_url}{reverse('cases:todo')}", ""]
    return "\n".join(lines)
