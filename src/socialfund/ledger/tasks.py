"""The nightly check of the books as a background task: a problem is logged as an error, for the operator's
alerting, and the count is the task's result (`socialfund ledger check` does the same on the command line)."""

from __future__ import annotations

import logging

from django.tasks import task

from socialfund.ledger.integrity import ledger_check

logger = logging.getLogger(__name__)


@task
def ledger_check_task() -> int:
    problems = ledger_check()
    for problem in problems:
        logger.error("ledger check: %s", problem)
    return len(problems)
