"""`socialfund calc FILE [--json] [--policy NAME|FILE] [--simulations N] [--seed S]`.

Runs on the pure core alone. Bad input exits with status 2 and one line per error
on stderr (`Effekt 2, dödvikt: måste vara mellan 0 och 1`), never a traceback or a field path.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import TYPE_CHECKING, NoReturn

from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.limits import MAX_RUNS

if TYPE_CHECKING:
    from socialfund.core.repayment_rules import RepaymentRules

# Start-up is most of a calculation's time (issue 22): this module imports at the top only what every run
# needs. The engine is imported in `main` once the arguments are read (so `--help` and a bad argument
# are instant), the simulation only with --simulations, JSON only with --json, the policies only with
# --policy. A new option keeps to this: import what it needs where it is used.

EXIT_OK = 0
EXIT_BAD_INPUT = 2
PROG = "socialfund calc"


class _SwedishArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: fel i argumenten: {message}\n")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, its width found without shutil: argparse builds one per `add_argument`, and
    shutil (with bz2, lzma, zlib and fnmatch) only to read the terminal's width was ~5 % of a calculation's
    start-up (issue 22). The same width as shutil.get_terminal_size gives: $COLUMNS, the terminal, 80."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, width or terminal_columns())


def terminal_columns() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def build_parser() -> argparse.ArgumentParser:
    parser = _SwedishArgumentParser(
        prog=PROG,
        formatter_class=_HelpFormatter,
        description="Räkna en socioekonomisk kalkyl: nuvärden, vem betalar och vem får, återföringsplan.",
    )
    parser.add_argument("file", metavar="FIL", help="kalkylfil i YAML eller JSON")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som ett JSON-objekt")
    parser.add_argument(
        "--policy",
        metavar="NAMN|FIL",
        help="riktlinjer vars återföringsregler ska gälla (utan: Södertäljes riktlinjer)",
    )
    parser.add_argument("--simulations", metavar="N", type=int, help="antal simuleringar (Monte Carlo)")
    parser.add_argument("--seed", metavar="S", type=int, default=0, help="slumpfrö för simuleringen (standard 0)")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    argument_errors = []
    if args.simulations is not None and not 1 <= args.simulations <= MAX_RUNS:
        argument_errors.append(("--simulations", f"måste vara mellan 1 och {MAX_RUNS}"))
    if args.seed < 0:
        argument_errors.append(("--seed", "måste vara minst 0"))
    if argument_errors:
        return _fail(argument_errors)
    from socialfund.core.calc.loading import load_calculation_file

    try:
        rules = load_rules(args.policy) if args.policy else None
        calc = load_calculation_file(args.file)
    except CalculationInputError as exc:
        return _fail(exc.errors)
    # The engine only once the file is read and valid: bad input answers without it. Its pure-Python path
    # gives the numpy engine's figures to the last bit without importing numpy, most of a run's start-up;
    # only --simulations (drawn with numpy) loads numpy.
    from socialfund.core.calc.engine import evaluate_plain

    result = evaluate_plain(calc, rules=rules)
    simulation = None
    if args.simulations:
        from socialfund.core.calc.simulation import simulate

        simulation = simulate(calc, runs=args.simulations, seed=args.seed, rules=rules)
    if args.json:
        import json

        from socialfund.core.calc.result_dict import result_to_dict

        text = json.dumps(result_to_dict(result, simulation), ensure_ascii=False, indent=2, allow_nan=False)
        print(text)
    else:
        from socialfund.core.calc.text import format_text

        print(format_text(result, simulation), end="")
    return EXIT_OK


def load_rules(name_or_path: str) -> RepaymentRules:
    """The repayment rules of a policy; a policy without repayment gives mode "none".

    The policy module is imported here, not at the top, so that `calc` works
    without it and says plainly when it is missing.
    """
    try:
        # By name, so that type checking and imports work before the policy module exists.
        policy_module = importlib.import_module("socialfund.core.policy")
        load_policy = policy_module.load_policy
    except (ImportError, AttributeError) as exc:
        raise CalculationInputError(
            [("--policy", "policymodulen (socialfund.core.policy) finns inte i den här installationen")]
        ) from exc
    from socialfund.core.repayment_rules import RepaymentRules

    try:
        rules: RepaymentRules | None = load_policy(name_or_path).repayment_rules()
    except Exception as exc:  # noqa: BLE001 - any failure to read a policy is bad input here, never a traceback
        raise CalculationInputError([("--policy", f"kunde inte läsa policyn {name_or_path!r}: {exc}")]) from exc
    return RepaymentRules(mode="none") if rules is None else rules


def _fail(errors: list[tuple[str, str]]) -> int:
    from socialfund.core.calc.labels import in_words  # only a run with bad input needs the words
    from socialfund.core.calc.parse import ROOT

    print(f"{PROG}: fel i indata:", file=sys.stderr)
    for path, message in errors:
        # The field in words, the same words the web form uses (core/calc/labels.py); never a field path.
        where = "Kalkylfilen" if path in ("", ROOT) else in_words(path)
        print(f"  {where}: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
