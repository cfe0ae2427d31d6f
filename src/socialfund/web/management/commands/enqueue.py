"""`socialfund enqueue NAME`: hand a routine job to the background worker (`socialfund db_worker`) instead of
running it in the timer's own process. A timer (cron, systemd) enqueues; the worker runs, logs and keeps the
result in the task table.

socialfund enqueue mail-send          the queued mail that is due (every minute)
socialfund enqueue inbox-digest       each user's overdue work (daily)
socialfund enqueue followup-remind    report reminders (daily)
socialfund enqueue ledger-check       the books' rules (nightly)
socialfund enqueue kolada-refresh N15428 [--years 2022,2023]   a key figure from Kolada (weekly)
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.tasks import Task

from socialfund.cases.digest import digest_send_task
from socialfund.followup.tasks import kolada_refresh_task, reminders_send_task
from socialfund.ledger.tasks import ledger_check_task
from socialfund.outbox.tasks import mail_send_due_task

ROUTINE: dict[str, Task[[], Any]] = {
    "mail-send": mail_send_due_task,
    "inbox-digest": digest_send_task,
    "followup-remind": reminders_send_task,
    "ledger-check": ledger_check_task,
}


class Command(BaseCommand):
    help = "Lägg ett schemalagt jobb i bakgrundskön, för arbetaren (socialfund db_worker) att köra."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", choices=[*ROUTINE, "kolada-refresh"], help="Jobbet som ska köas.")
        parser.add_argument("kpi", nargs="?", default="", help="Kolada-nyckeltalets id (bara för kolada-refresh).")
        parser.add_argument("--years", default="", help="Kommaseparerade år för kolada-refresh; tomt: alla år.")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"]
        if name == "kolada-refresh":
            if not options["kpi"]:
                raise CommandError("Ange nyckeltalets id, t.ex. socialfund enqueue kolada-refresh N15428.")
            task_id = kolada_refresh_task.enqueue(options["kpi"], _years(options["years"])).id
        else:
            task_id = ROUTINE[name].enqueue().id
        self.stdout.write(f"{name}: köad som {task_id}.")


def _years(text: str) -> list[int] | None:
    if not text.strip():
        return None
    try:
        return sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError as exc:
        raise CommandError(f"--years ska vara år åtskilda med komma, t.ex. 2022,2023 (inte {text!r}).") from exc
