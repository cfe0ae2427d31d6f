"""Issue 21, finding 2: with the mail server down a committed action still answers as committed; the mail
waits in the outbox, is retried with a backoff, and staff see its state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.audit.models import AuditEvent
from socialfund.cases import services
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund
from socialfund.outbox.models import MailState, OutboxMail
from socialfund.outbox.services import MAX_ATTEMPTS, mail_queue, mail_send_due, retry_delay
from tests.cases.application_content import application_content

SMTP_DOWN = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
    }
}


def _draft() -> Initiative:
    fund = Fund.objects.get(slug="sodertalje")
    fund.policy_versions.exclude(policy_id="sodertalje-2013").delete()
    return services.initiative_create(
        fund=fund,
        user=User.objects.get(username="handlaggare"),
        title="Mobilt team skola 3",
        summary="Tidiga insatser i skolan.",
        stage="idea",
        content=application_content(),
    )


@pytest.mark.django_db(transaction=True)
def test_submitting_on_the_web_with_the_mail_server_down_answers_as_committed(demo, settings):
    settings.MAILERS = SMTP_DOWN
    draft = _draft()
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="handlaggare"))
    response = client.post(reverse("cases:action", args=[draft.pk, "submit"]))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="initiative_submit", target_id=str(draft.pk)).exists()
    queued = OutboxMail.objects.get()
    assert queued.state == MailState.QUEUED
    assert queued.attempts == 1 and "ConnectionRefusedError" in queued.last_error
    assert queued.next_attempt_at > timezone.now()


@pytest.mark.django_db(transaction=True)
def test_submitting_through_the_api_with_the_mail_server_down_answers_as_committed(demo, settings):
    settings.MAILERS = SMTP_DOWN
    draft = _draft()
    token = token_create(user=User.objects.get(username="handlaggare"), name="t").plaintext
    client = Client(raise_request_exception=False)
    response = client.post(f"/api/v1/initiatives/{draft.pk}/submit", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json()["status"] == "active"
    assert OutboxMail.objects.get().state == MailState.QUEUED


@pytest.mark.django_db
def test_the_send_command_retries_due_mail_once_the_server_is_back(settings):
    settings.SOCIALFUND_MAIL_SEND_AT_ONCE = False
    queued = mail_queue(subject="Ärende", message="Text", recipient_list=["a@example.se"])
    assert mail.outbox == []
    call_command("mail", "send")
    queued.refresh_from_db()
    assert queued.state == MailState.SENT and queued.attempts == 1 and queued.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["Ärende"]


@pytest.mark.django_db
def test_failures_back_off_and_are_given_up_after_the_last_attempt(settings):
    settings.SOCIALFUND_MAIL_SEND_AT_ONCE = False
    settings.MAILERS = SMTP_DOWN
    queued = mail_queue(subject="Ärende", message="Text", recipient_list=["a@example.se"])
    now = timezone.now()
    assert mail_send_due(now=now).failed == 1
    queued.refresh_from_db()
    assert queued.state == MailState.QUEUED and queued.attempts == 1
    assert mail_send_due(now=now).failed == 0  # not due again until the backoff has passed
    for _ in range(MAX_ATTEMPTS - 1):
        mail_send_due(now=timezone.now() + dt.timedelta(days=1))
    queued.refresh_from_db()
    assert queued.state == MailState.FAILED and queued.attempts == MAX_ATTEMPTS
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert retry_delay(30) == dt.timedelta(hours=6)


@pytest.mark.django_db
def test_staff_see_the_mail_state_in_the_admin(admin_client, settings):
    settings.SOCIALFUND_MAIL_SEND_AT_ONCE = False
    mail_queue(subject="Påminnelse om rapport", message="Text", recipient_list=["a@example.se"])
    page = admin_client.get(reverse("admin:outbox_outboxmail_changelist")).content.decode()
    assert "Påminnelse om rapport" in page
    assert "Väntar" in page
