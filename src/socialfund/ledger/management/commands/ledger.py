"""`socialfund ledger check | export | account-map`: the books' integrity check and exports.

socialfund ledger check
socialfund ledger export --fund sodertalje --format sie --from 2016-01-01 --to 2016-12-31 --out fond-2016.se
socialfund ledger export --fund sodertalje --format xlsx --from 2016-01-01 --to 2016-12-31 --out fond-2016.xlsx
socialfund ledger account-map --fund sodertalje kontoplan.yaml
socialfund ledger handover --fund sodertalje --from 2026-01-01 --to 2026-12-31 --user ekonomi --out fond.si
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from socialfund.accounts.models import User
from socialfund.funds.models import Fund
from socialfund.kit.refusals import Refusal
from socialfund.ledger.account_map import AccountMapError, load_account_map_file
from socialfund.ledger.export import Period, export_sie, export_xlsx, fund_account_map
from socialfund.ledger.integrity import ledger_check
from socialfund.ledger.services import handover_create
from socialfund.ledger.services.account_map import account_map_set

EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"ogiltigt datum {text!r}: skriv ÅÅÅÅ-MM-DD", returncode=EXIT_BAD_INPUT) from exc


def find_fund(name: str) -> Fund:
    fund = Fund.objects.filter(slug=name).first() or Fund.objects.filter(name__iexact=name).first()
    if fund is None:
        known = ", ".join(Fund.objects.order_by("slug").values_list("slug", flat=True)) or "inga"
        raise CommandError(f"fonden {name!r} finns inte (finns: {known})", returncode=EXIT_BAD_INPUT)
    return fund


class Command(BaseCommand):
    help = "Fondens bokföring: kontrollera alla regler, exportera verifikationer (SIE 4, XLSX), sätt kontoplan."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("check", help="kontrollera bokföringens regler; avslutar med 1 och listar felen")
        export = sub.add_parser("export", help="exportera en periods verifikationer")
        export.add_argument("--fund", required=True, help="fondens kortnamn, t.ex. sodertalje")
        export.add_argument("--format", choices=["sie", "xlsx"], required=True)
        export.add_argument("--from", dest="start", required=True, help="första dag, ÅÅÅÅ-MM-DD")
        export.add_argument("--to", dest="end", required=True, help="sista dag, ÅÅÅÅ-MM-DD")
        export.add_argument("--out", required=True, help="filen som skrivs")
        export.add_argument("--account-map", help="kontoplan (YAML/JSON) för just den här exporten")
        handover = sub.add_parser(
            "handover", help="lämna över periodens utbetalningar, återföringar och eftergifter (SIE 4i)"
        )
        handover.add_argument("--fund", required=True)
        handover.add_argument("--from", dest="start", required=True, help="första dag, ÅÅÅÅ-MM-DD")
        handover.add_argument("--to", dest="end", required=True, help="sista dag, ÅÅÅÅ-MM-DD")
        handover.add_argument("--user", required=True, help="användarnamnet på den i ekonomi som lämnar över")
        handover.add_argument("--out", required=True, help="filen som skrivs (SIE 4i, .si)")
        mapping = sub.add_parser("account-map", help="spara en kontoplan för fondens export")
        mapping.add_argument("--fund", required=True)
        mapping.add_argument("file", help="kontoplan i YAML eller JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "check":
            self.run_check()
        elif action == "export":
            self.export(options)
        elif action == "handover":
            self.handover(options)
        else:
            self.set_map(options)

    def run_check(self) -> None:
        problems = ledger_check()
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} fel i bokföringen.", returncode=EXIT_PROBLEMS)
        self.stdout.write(self.style.SUCCESS("Bokföringen håller alla regler."))

    def export(self, options: dict[str, Any]) -> None:
        fund = find_fund(options["fund"])
        period = Period(iso_date(options["start"]), iso_date(options["end"]))
        if period.end < period.start:
            raise CommandError("--to ligger före --from", returncode=EXIT_BAD_INPUT)
        try:
            override = load_account_map_file(options["account_map"]) if options["account_map"] else None
            mapping = fund_account_map(fund, override)
        except AccountMapError as exc:
            raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        writer = export_sie if options["format"] == "sie" else export_xlsx
        content = writer(fund, period, mapping)
        Path(options["out"]).write_bytes(content)
        self.stdout.write(f"Skrev {options['out']} ({len(content)} byte).")

    def handover(self, options: dict[str, Any]) -> None:
        fund = find_fund(options["fund"])
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"användaren {options['user']!r} finns inte", returncode=EXIT_BAD_INPUT)
        try:
            handover = handover_create(
                fund=fund, user=user, start=iso_date(options["start"]), end=iso_date(options["end"])
            )
        except Refusal as exc:
            raise CommandError(exc.message, returncode=EXIT_BAD_INPUT) from exc
        data = bytes(handover.content)
        Path(options["out"]).write_bytes(data)
        self.stdout.write(
            f"Överlämning {handover.number}: {handover.voucher_count} verifikationer, skrev {options['out']} "
            f"({len(data)} byte, SHA-256 {handover.sha256})."
        )

    def set_map(self, options: dict[str, Any]) -> None:
        fund = find_fund(options["fund"])
        try:
            data = load_account_map_file(options["file"])
        except AccountMapError as exc:
            raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        try:
            account_map_set(fund=fund, data=data, actor=None, via="kommandoraden")
        except AccountMapError as exc:
            raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        self.stdout.write(f"Kontoplanen för {fund.slug} är sparad.")
