"""One inbox per user: the cases the case machine says wait for them, and the due work of the ledger and the
follow-up (grants to book, progress reports due, special reviews waiting at the deciding body).

The ledger and the follow-up sit above cases, so the inbox does not import them: it asks
`cases.events.inbox_wanted`, and each of them answers with its own items (`ledger/inbox.py`,
`followup/inbox.py`, connected in their AppConfig.ready, the ledger's first as the apps are installed).

Nothing is stored: the inbox is derived from state each time, like every desk it mirrors, so the two cannot
disagree. `overdue` items go into the daily digest (`socialfund inbox_digest`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from django.urls import reverse
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.cases.events import inbox_wanted
from socialfund.cases.selectors import todo_for


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
    for _receiver, answer in inbox_wanted.send(sender=InboxItem, user=user, today=today):
        items += cast("list[InboxItem]", answer)
    return items


def digest_text(user: User, items: list[InboxItem], site_url: str) -> str:
    """The daily digest's body, in Swedish: what is overdue for this user, each with an absolute link."""
    lines = [f"Hej {user.get_full_name() or user.username},", "", "Det här är försenat och väntar på dig:", ""]
    for item in items:
        due = f" (senast {item.due_on.isoformat()})" if item.due_on else ""
        lines.append(f"- {item.title}: {item.what}{due}")
        lines.append(f"  {site_url}{item.url}")
    lines += ["", f"Allt som väntar på dig: {site_url}{reverse('cases:todo')}", ""]
    return "\n".join(lines)
