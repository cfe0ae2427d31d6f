"""Run the fund's retention rules: remove what they allow, log each removal in the gallringslogg."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from socialfund.funds.models import Fund
from socialfund.records.retention import culling_run


class Command(BaseCommand):
    help = "Gallra enligt fondens gallringsregler och skriv gallringsloggen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("fund", help="Fondens kortnamn.")

    def handle(self, *args: Any, **options: Any) -> None:
        fund = Fund.objects.get(slug=options["fund"])
        result = culling_run(fund=fund)
        self.stdout.write(f"Gallrat: {len(result.entries)} uppgifter (körning {result.run}).")
