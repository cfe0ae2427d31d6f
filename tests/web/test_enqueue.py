"""Routine jobs handed to the worker (issue 28, item 2): the timer enqueues, the database queue keeps the
job, and the worker runs it."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from socialfund.outbox.models import MailState, OutboxMail
from socialfund.outbox.services import mail_queue
from tests.task_worker import DATABASE_QUEUE, run_worker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("mail-send", "socialfund.outbox.tasks.mail_send_due_task"),
        ("inbox-digest", "socialfund.cases.digest.digest_send_task"),
        ("followup-remind", "socialfund.followup.tasks.reminders_send_task"),
        ("ledger-check", "socialfund.ledger.tasks.ledger_check_task"),
    ],
)
def test_a_routine_job_is_queued_and_the_worker_runs_it(demo, settings, name, path):
    settings.TASKS = DATABASE_QUEUE
    call_command("enqueue", name, stdout=io.StringIO())
    job = DBTaskResult.objects.get()
    assert job.task_path == path and job.status == "READY"
    run_worker()
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL", job.traceback


def test_a_mail_that_fails_is_tried_again_by_the_worker_at_its_next_attempt_time(
    demo, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        queued = mail_queue(subject="Påminnelse", message="Rapporten ska lämnas.", recipient_list=["a@example.se"])
    run_worker()  # the first attempt fails: the mail server is down
    queued.refresh_from_db()
    assert queued.state == MailState.QUEUED and queued.attempts == 1
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.task_path == "socialfund.outbox.tasks.mail_deliver_task"
    assert retry.run_after == queued.next_attempt_at  # waits for the backoff, not retried at once
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=queued.created_at)  # the wait is over
    mail.outbox.clear()
    run_worker()
    assert OutboxMail.objects.get(pk=queued.pk).state == MailState.SENT
    assert [m.subject for m in mail.outbox] == ["Påminnelse"]
