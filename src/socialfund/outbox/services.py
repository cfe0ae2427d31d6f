"""Mail is queued, never sent inside a request's fate.

`mail_queue` stores the mail; when `SOCIALFUND_MAIL_SEND_AT_ONCE` is on (the default) a delivery task is
enqueued after commit (run at once in development, by the worker in production, which retries it at the
mail's next attempt time), and a failure is recorded on the row, never raised. `mail_send_due` (the command `socialfund mail send`) retries what is due, with an
exponential backoff, and gives up after `MAX_ATTEMPTS`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from socialfund.outbox.models import MailState, OutboxMail
from socialfund.tenant_context import ALL, current_tenant_code

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_WAIT = dt.timedelta(hours=6)


def retry_delay(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8… minutes after the n-th failed attempt, at most six hours."""
    delay: dt.timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(delay, LONGEST_WAIT)


def _send_at_once() -> bool:
    return bool(getattr(settings, "SOCIALFUND_MAIL_SEND_AT_ONCE", False))


@dataclass(frozen=True)
class Letter:
    """What the register needs of a mail to an applicant (an allmän handling that is sent): to which
    organisation it goes (never a private person's name or address), its title, and the case it concerns,
    named by the case's model label and id so that the outbox needs to know nothing of cases."""

    addressee: str
    title: str
    regarding: str
    regarding_id: int


def mail_queue(
    *,
    subject: str,
    message: str,
    recipient_list: list[str],
    from_email: str | None = None,
    letter: Letter | None = None,
) -> OutboxMail:
    """Put a mail in the outbox. Inside a transaction the mail is kept only if it commits; the
    delivery attempt (when sending at once) runs after commit. A mail to an applicant carries its
    `letter`, which the register reads when the mail is stored."""
    mail = OutboxMail.objects.create(
        subject=subject[:998],
        body=message,
        recipients=list(recipient_list),
        from_email=from_email or "",
        next_attempt_at=timezone.now(),
        letter=asdict(letter) if letter is not None else {},
        # the organisation whose work queued it: the mail queue is shared, its rows are not (docs/tenancy.md)
        tenant=tenant if (tenant := current_tenant_code()) not in (None, ALL) else "",
    )
    if _send_at_once():
        # The delivery is a background task (socialfund.outbox.tasks), imported here because it uses this module.
        from socialfund.outbox.tasks import mail_deliver_task

        mail_id = mail.pk
        transaction.on_commit(lambda: mail_deliver_task.enqueue(mail_id))
    return mail


def mail_deliver(mail_id: int) -> bool:
    """One delivery attempt for a queued mail; True when it was sent. Never raises on a mail failure."""
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().filter(pk=mail_id, state=MailState.QUEUED).first()
        if mail is None:
            return False
        mail.attempts += 1
        try:
            send_mail(
                subject=mail.subject,
                message=mail.body,
                from_email=mail.from_email or None,
                recipient_list=mail.recipients,
            )
        except Exception as error:  # noqa: BLE001 - any failure of the mail server is recorded, not raised
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            if mail.attempts >= MAX_ATTEMPTS:
                mail.state = MailState.FAILED
            mail.next_attempt_at = timezone.now() + retry_delay(mail.attempts)
            logger.warning("mail %s not sent (attempt %s): %s", mail.pk, mail.attempts, mail.last_error)
            mail.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
            return False
        mail.state = MailState.SENT
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["attempts", "last_error", "state", "sent_at"])
        return True


@dataclass(frozen=True)
class SendResult:
    sent: int
    failed: int


def mail_send_due(*, now: dt.datetime | None = None, limit: int = 500) -> SendResult:
    """Try every queued mail whose time has come, oldest first."""
    moment = now or timezone.now()
    due = list(
        OutboxMail.objects.filter(state=MailState.QUEUED, next_attempt_at__lte=moment)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = sum(1 for pk in due if mail_deliver(pk))
    return SendResult(sent=sent, failed=len(due) - sent)


def mail_retry(*, mail: OutboxMail) -> None:
    """Put a mail that was given up on back in the queue, due now (a staff action in the admin)."""
    OutboxMail.objects.filter(pk=mail.pk).update(state=MailState.QUEUED, attempts=0, next_attempt_at=timezone.now())
