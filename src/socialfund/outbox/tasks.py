"""The outbox's background tasks: one delivery attempt per mail right after its action commits, retried by
the worker at the mail's next attempt time (1, 2, 4… minutes, services.retry_delay), and the sweep of
everything due that `socialfund mail send` also runs."""

from __future__ import annotations

from django.tasks import task

from socialfund.outbox.models import MailState, OutboxMail
from socialfund.outbox.services import mail_deliver, mail_send_due


@task
def mail_deliver_task(mail_id: int) -> bool:
    """Try the mail once; if it failed and may be tried again, queue the next try for its time."""
    sent = mail_deliver(mail_id)
    if not sent:
        _try_again_later(mail_id)
    return sent


def _try_again_later(mail_id: int) -> None:
    mail = OutboxMail.objects.filter(pk=mail_id, state=MailState.QUEUED).first()
    # A backend that cannot wait (the immediate one of `make run`) leaves the retry to `mail send`.
    if mail is not None and mail_deliver_task.get_backend().supports_defer:
        mail_deliver_task.using(run_after=mail.next_attempt_at).enqueue(mail_id)


@task
def mail_send_due_task() -> dict[str, int]:
    result = mail_send_due()
    return {"sent": result.sent, "failed": result.failed}
