"""`socialfund token create USER [--name NAME]`: make a personal API token and print it once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from socialfund.accounts.models import User
from socialfund.accounts.tokens import TokenError, token_create


class Command(BaseCommand):
    help = "Skapar en personlig API-nyckel åt en användare och skriver ut den en gång."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Skapa en nyckel")
        create.add_argument("username")
        create.add_argument("--name", default="Kommandoraden")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Ingen aktiv användare heter {options['username']!r}.")
        try:
            created = token_create(user=user, name=options["name"])
        except TokenError as error:
            raise CommandError(error.message) from error
        self.stdout.write(created.plaintext)
        self.stderr.write("Spara nyckeln nu: den visas inte igen.")
