"""`socialfund import FILE`: restore an export into an empty, migrated database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from socialfund.backup.exchange import ImportRefused, import_all


class Command(BaseCommand):
    help = "Läser in en export från socialfund export i en tom databas."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"Kan inte läsa {path}: {exc}") from exc
        try:
            count = import_all(document)
        except ImportRefused as refused:
            raise CommandError(refused.message) from refused
        self.stdout.write(f"Läste in {count} rader från {path}.")
