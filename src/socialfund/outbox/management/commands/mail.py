"""`socialfund mail send`: send the queued mail that is due (run it every minute from a timer).

socialfund mail send
socialfund mail status
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count

from socialfund.outbox.models import MailState, OutboxMail
from socialfund.outbox.services import mail_send_due


class Command(BaseCommand):
    help = "Utgående e-post: skicka det som står i kö, eller visa köns läge."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("send", help="skicka köade meddelanden vars tid har kommit")
        sub.add_parser("status", help="antal meddelanden per status")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "send":
            result = mail_send_due()
            self.stdout.write(f"skickade: {result.sent}, misslyckade (försöks igen senare): {result.failed}")
            return
        counts = dict(OutboxMail.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
        for state in MailState:
            self.stdout.write(f"{state.label}: {counts.get(state.value, 0)}")
