"""`socialfund inbox_digest`: mail each user what in their inbox is overdue (run daily, e.g. from cron, or
enqueue `socialfund enqueue inbox-digest` for the worker).

Grants not booked two weeks after the decision, progress reports past their date: one mail per user with
anything overdue, in Swedish, with absolute links, through the outbox. `--dry-run` prints who would be
mailed, and sends nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from socialfund.cases.digest import digest_send


class Command(BaseCommand):
    help = "Skickar varje användare en sammanställning av det som är försenat i deras Att göra."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Visa vem som skulle få e-post; skicka inget.")

    def handle(self, *args: Any, **options: Any) -> None:
        mailed = digest_send(dry_run=options["dry_run"])
        if options["dry_run"]:
            for user, count in mailed:
                self.stdout.write(f"{user.username}: {count} försenade")
        self.stdout.write(f"Sammanställning till {len(mailed)} användare.")
