"""The ledger's due work in the to-do inbox (`cases.inbox`): grants to book, payouts to make and repayments
due, for finance. Connected to `cases.events.inbox_wanted` in the app's ready()."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.inbox import InboxItem
from socialfund.core.formatting import format_sek
from socialfund.funds.selectors import funds_visible_to
from socialfund.ledger.selectors import grants_to_book, payouts_due, repayments_due

# Days a granted decision may wait for booking before it is overdue.
BOOKING_DAYS = 14


def due_work(sender: Any, *, user: User, today: dt.date, **kwargs: Any) -> list[InboxItem]:
    if not user.has_role(Role.FINANCE):
        return []
    return _grants_to_book(user, today) + _ledger_due(user, today)


def _grants_to_book(user: User, today: dt.date) -> list[InboxItem]:
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
