"""`socialfund demo [--reset] [--if-empty]`: load the Södertälje demo and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from socialfund.demo.loader import database_is_empty, demo_load


class Command(BaseCommand):
    help = "Laddar Södertälje-demon (kommun, nämnder, fond, demoanvändare och seedens initiativ)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="Ta bort demodata först och ladda om den.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Ladda bara om databasen är tom (används av make run)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and not options["reset"] and not database_is_empty():
            self.stdout.write("Databasen innehåller redan data; demon laddas inte om (använd --reset).")
            return
        summary = demo_load(reset=options["reset"])
        self.stdout.write(self.style.SUCCESS(f"Demon är laddad: {summary.fund.name}, {summary.organisation}."))
        self.stdout.write("Demoinloggningar (lösenorden gäller bara demon):")
        width = max(len(login.username) for login in summary.logins)
        for login in summary.logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.password.ljust(width + 5)}  {login.role}")
