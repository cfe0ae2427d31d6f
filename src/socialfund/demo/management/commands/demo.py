"""`socialfund demo [--reset] [--if-empty]`: load the Södertälje demo and print the demo logins.

`socialfund demo --policy NAME`: load a sandbox fund under any shipped policy beside it, with a demo
user for each role that policy names (socialfund.demo.sandbox), and print those logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from socialfund.core.policy.registry import shipped_policy_ids
from socialfund.demo.loader import DemoLogin, database_is_empty, demo_load
from socialfund.demo.sandbox import sandbox_load


class Command(BaseCommand):
    help = "Laddar Södertälje-demon (kommun, nämnder, fond, demoanvändare och seedens initiativ)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="Ta bort demodata först och ladda om den.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Ladda bara om databasen är tom (används av make run)."
        )
        parser.add_argument(
            "--policy",
            metavar="NAMN",
            help="Ladda en fond att prova under dessa riktlinjer (t.ex. klippan) bredvid Södertälje-demon.",
        )

    def _sandbox(self, policy_id: str) -> None:
        if policy_id not in shipped_policy_ids():
            raise CommandError(f"Okända riktlinjer: {policy_id}. Finns: {', '.join(shipped_policy_ids())}.")
        summary = sandbox_load(policy_id)
        self.stdout.write(self.style.SUCCESS(f"Fonden att prova är laddad: {summary.fund.name} ({summary.fund.slug})."))
        self._logins(summary.logins)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["policy"]:
            self._sandbox(options["policy"])
            return
        if options["if_empty"] and not options["reset"] and not database_is_empty():
            self.stdout.write("Databasen innehåller redan data; demon laddas inte om (använd --reset).")
            return
        summary = demo_load(reset=options["reset"])
        self.stdout.write(self.style.SUCCESS(f"Demon är laddad: {summary.fund.name}, {summary.organisation}."))
        self._logins(summary.logins)

    def _logins(self, logins: list[DemoLogin]) -> None:
        self.stdout.write("Demoinloggningar (lösenorden gäller bara demon):")
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.password.ljust(width + 5)}  {login.role}")
