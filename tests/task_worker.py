"""The background worker run inside a test: django-tasks-db's `db_worker` in batch mode (every task that is
ready, then it stops), in this process and on the test's own database connection."""

from __future__ import annotations

import io
from unittest import mock

from django.core.management import call_command

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    # The worker closes "old" connections between tasks, as a long-running process should; inside a test's
    # transaction Django counts the test's connection as one (autocommit is off) and PostgreSQL's would close.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=io.StringIO(), verbosity=0)
