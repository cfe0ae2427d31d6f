"""`socialfund kpi`: the consumer price index (KPI) that moves prices to one level.

    socialfund kpi visa                      # the table in use, its source and which years are unsure
    socialfund kpi uppdatera FIL [--till UT]  # replace it with a CSV downloaded from SCB

`uppdatera` writes the shipped file (socialfund/data/kpi/kpi.csv) unless `--till` names
another. Runs on the pure core alone; bad input exits 2 with a Swedish message.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn

from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.kpi_file import describe_index, parse_scb_csv, render_index_file
from socialfund.core.calc.prices import load_price_index, parse_price_index, shipped_index_path

EXIT_OK, EXIT_BAD_INPUT = 0, 2
PROG = "socialfund kpi"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: fel i argumenten: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Konsumentprisindex (KPI) för omräkning till en prisnivå.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO", parser_class=_Parser)
    commands.add_parser("visa", help="visa KPI-tabellen som används")
    update = commands.add_parser("uppdatera", help="ersätt KPI-tabellen med en CSV-fil hämtad från SCB")
    update.add_argument("file", metavar="FIL", help="CSV-fil från SCB:s statistikdatabas (KPI, årsmedel, 1980=100)")
    update.add_argument("--till", metavar="UT", help="skriv hit i stället för till den medföljande filen")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "visa":
            print(describe_index(load_price_index()), end="")
            return EXIT_OK
        return _update(Path(args.file), Path(args.till) if args.till else shipped_index_path())
    except CalculationInputError as exc:
        print(f"{PROG}: fel i indata:", file=sys.stderr)
        for path, message in exc.errors:
            print(f"  {path}: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _update(source: Path, target: Path) -> int:
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = source.read_text(encoding="cp1252")  # SCB's Excel-friendly CSV is sometimes Windows-1252
    except OSError as exc:
        raise CalculationInputError([(str(source), f"kan inte läsas: {exc.strerror or exc}")]) from exc
    values = parse_scb_csv(text, origin=source.name)
    retrieved = dt.datetime.now(dt.UTC).date().isoformat()
    content = render_index_file(values, retrieved=retrieved, from_file=source.name)
    parse_price_index(content)  # what is written must read back
    target.write_text(content, encoding="utf-8")
    first, last = min(values), max(values)
    print(f"KPI uppdaterat: {len(values)} år ({first}–{last}) skrivna till {target}.")
    return EXIT_OK
