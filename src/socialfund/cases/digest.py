"""The daily digest: each user with overdue work in their inbox gets one mail, in Swedish, with absolute
links. The mail goes through the outbox, so a mail server that is down delays it and never loses it."""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.utils import translation

from socialfund.accounts.models import User
from socialfund.cases.inbox import digest_text, inbox_for
from socialfund.outbox.services import mail_queue


def digest_send(*, dry_run: bool = False) -> list[tuple[User, int]]:
    """Queue one digest per user with anything overdue; returns who, with how many items."""
    mailed: list[tuple[User, int]] = []
    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(is_active=True).exclude(email="").order_by("username"):
            overdue = [item for item in inbox_for(user=user) if item.overdue]
            if not overdue:
                continue
            mailed.append((user, len(overdue)))
            if not dry_run:
                mail_queue(
                    subject=f"[{settings.SITE_NAME}] Försenat: {len(overdue)} att göra",
                    message=digest_text(user, overdue, settings.SITE_URL),
                    recipient_list=[user.email],
                )
    return mailed


@task
def digest_send_task() -> int:
    return len(digest_send())
