"""`socialfund inbox_digest`: mail each user what in their inbox is overdue (run daily, e.g. from cron).

Grants not booked two weeks after the decision, progress reports past their date: one mail per user with
anything overdue, in Swedish, with absolute links. `--dry-run` prints who would be mailed, and sends nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from socialfund.accounts.models import User
from socialfund.cases.inbox import digest_text, inbox_for


class Command(BaseCommand):
    help = "Skickar varje användare en sammanställning av det som är försenat i deras Att göra."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Visa vem som skulle få e-post; skicka inget.")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = 0
        with translation.override(settings.LANGUAGE_CODE):
            for user in User.objects.filter(is_active=True).exclude(email="").order_by("username"):
                overdue = [item for item in inbox_for(user=user) if item.overdue]
                if not overdue:
                    continue
                sent += 1
                if options["dry_run"]:
                    self.stdout.write(f"{user.username}: {len(overdue)} försenade")
                    continue
                send_mail(
                    subject=f"[{settings.SITE_NAME}] Försenat: {len(overdue)} att göra",
                    message=digest_text(user, overdue, settings.SITE_URL),
                    from_email=None,
                    recipient_list=[user.email],
                )
        self.stdout.write(f"Sammanställning till {sent} användare.")
