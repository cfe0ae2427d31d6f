"""`socialfund followup remind [--date 2017-04-23]`: send today's report reminders, each exactly once.

Run it daily (cron or a systemd timer). Running it twice on a day sends nothing new.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from socialfund.followup.services import reminders_send


class Command(BaseCommand):
    help = "Uppföljningens schemalagda uppgifter: påminnelser om rapporter."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="Skicka dagens påminnelser om rapporter (var och en bara en gång).")
        remind.add_argument("--date", default="", help="Dagen att räkna från (ÅÅÅÅ-MM-DD); tomt: i dag.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = _day(options["date"]) if options["date"] else timezone.localdate()
        sent = reminders_send(today=today)
        for reminder in sent:
            self.stdout.write(
                f"{reminder.report.project}: {reminder.report.title} ({reminder.offset_days:+d} dagar), "
                f"{reminder.recipient_count} mottagare"
            )
        self.stdout.write(f"{len(sent)} påminnelser skickade {today.isoformat()}.")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--date ska vara ett datum som 2017-04-23, inte {text!r}.") from exc
