"""Send registered handlings to the municipality's registry (run by a timer, like the mail queue)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from socialfund.records.diarium.delivery import deliver_due


class Command(BaseCommand):
    help = "Skicka registrerade handlingar till kommunens diarium; det som inte går fram försöks igen senare."

    def handle(self, *args: Any, **options: Any) -> None:
        delivered, pending = deliver_due()
        self.stdout.write(f"Levererade: {delivered}. Väntar: {pending}.")
