"""`socialfund export --out FILE`: everything, as one versioned JSON document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from socialfund.backup.exchange import export_all


class Command(BaseCommand):
    help = "Exporterar allt (organisation, riktlinjer, ärenden, bokföring, uppföljning, händelselogg) som JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="Filen att skriva (JSON).")

    def handle(self, *args: Any, **options: Any) -> None:
        document = export_all()
        Path(options["out"]).write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"Skrev {len(document['models'])} rader till {options['out']}.")
