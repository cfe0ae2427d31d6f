"""`socialfund app_role [--role NAME]`: give the app role its rights on every table (run as the owner)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from socialfund.tenancy.roles import APP_ROLE, grant_app_role


class Command(BaseCommand):
    help = "Ger approllen (som inte äger tabellerna) rätt att läsa och skriva rader; radsäkerheten gäller den."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", default=APP_ROLE, help=f"rollens namn (standard {APP_ROLE})")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Approllen och radsäkerheten finns bara i PostgreSQL.")
        try:
            grant_app_role(options["role"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Rollen {options['role']} kan läsa och skriva rader men äger inga tabeller.")
