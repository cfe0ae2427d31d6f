"""`socialfund policy`: list, show, validate, diff and compare fund guidelines.

    socialfund policy list [--fund sodertalje]
    socialfund policy show sodertalje-2013 [--json]
    socialfund policy validate my-fund.yaml
    socialfund policy diff sodertalje-2013 sodertalje-2015 [--format text|markdown|csv|json]
    socialfund policy compare sodertalje-2013 norrkoping orebro [--format text|markdown|csv]
    socialfund policy threshold [2014-03-01]

Bad input (unknown policy, malformed file) exits 2 with the problems on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from dataclasses import asdict
from typing import NoReturn

from socialfund.core.formatting import format_sek
from socialfund.core.policy import (
    InputError,
    Policy,
    PolicyError,
    ThresholdUnknownError,
    list_policies,
    load_policy,
)
from socialfund.core.policy.compare import compare_table, diff_policies, diff_table, render_diff_text
from socialfund.core.policy.render import STATUS_LABELS, render_policy_text
from socialfund.core.policy.tables import render, render_text
from socialfund.core.policy.thresholds import national_thresholds

EXIT_BAD_INPUT = 2

# argparse speaks English; these are its messages a user can meet, in Swedish.
_ARGPARSE_SV: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"följande argument saknas: \1"),
    (r"unrecognized arguments: (.*)", r"okända argument: \1"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"ogiltigt val \1 (välj bland \2)"),
    (r"invalid \w+ value: (.*)", r"ogiltigt värde \1"),
    (r"expected one argument", r"ett värde krävs"),
)
_HEADINGS_SV = (
    ("usage:", "användning:"),
    ("positional arguments:", "argument:"),
    ("options:", "flaggor:"),
    ("show this help message and exit", "visa den här hjälpen och avsluta"),
)


def swedish_argparse_message(message: str) -> str:
    """The first matching translation; 'argument X: …' keeps its argument and translates the rest."""
    about = re.fullmatch(r"argument (\S+): (.*)", message, flags=re.DOTALL)
    if about:
        return f"argumentet {about.group(1)}: {swedish_argparse_message(about.group(2))}"
    for pattern, replacement in _ARGPARSE_SV:
        if re.fullmatch(pattern, message, flags=re.DOTALL):
            return re.sub(pattern, replacement, message, flags=re.DOTALL)
    return message


class SwedishArgumentParser(argparse.ArgumentParser):
    """argparse with Swedish errors and headings; bad arguments exit 2 like any other bad input."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {swedish_argparse_message(message)}\n")

    def format_usage(self) -> str:
        return _swedish_headings(super().format_usage())

    def format_help(self) -> str:
        return _swedish_headings(super().format_help())


def _swedish_headings(text: str) -> str:
    for english, swedish in _HEADINGS_SV:
        text = text.replace(english, swedish)
    return text


def emit(text: str) -> None:
    """Print to stdout; a reader that closes the pipe early (`| head`) is not an error."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit; point it at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def iso_date(text: str) -> dt.date:
    """argparse type: an ISO date, with a Swedish message when it is not one."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ogiltigt datum '{text}'; skriv ÅÅÅÅ-MM-DD") from exc


def load(name: str) -> Policy:
    """load_policy, with a file's problems prefixed by the file name (several files may be named at once)."""
    try:
        return load_policy(name)
    except PolicyError as exc:
        if name.endswith((".yaml", ".yml")) or "/" in name:
            raise PolicyError([(f"{name}: {path}", message) for path, message in exc.errors]) from exc
        raise


def _parser() -> argparse.ArgumentParser:
    parser = SwedishArgumentParser(prog="socialfund policy", description="Fondernas riktlinjer som data.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    listing = commands.add_parser("list", help="de medföljande policyerna, eller en fonds versioner")
    listing.add_argument("--fund", metavar="KORTNAMN", help="en fonds versioner i databasen, med status och datum")
    show = commands.add_parser("show", help="visa en policy")
    show.add_argument("policy", help="id (t.ex. sodertalje-2013) eller fil")
    show.add_argument("--json", action="store_true", help="som JSON")
    validate = commands.add_parser("validate", help="kontrollera policyfiler")
    validate.add_argument("policies", nargs="+", metavar="POLICY")
    diff = commands.add_parser("diff", help="vad som ändrats mellan två versioner, regel för regel")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--format", choices=["text", "markdown", "csv", "json"], default="text")
    compare = commands.add_parser("compare", help="jämförelsetabell: dimensioner × fonder")
    compare.add_argument("policies", nargs="+", metavar="POLICY")
    compare.add_argument("--format", choices=["text", "markdown", "csv"], default="text")
    threshold = commands.add_parser("threshold", help="direktupphandlingsgränsen (LOU)")
    threshold.add_argument("date", nargs="?", type=iso_date, help="ÅÅÅÅ-MM-DD (utelämnat: hela tabellen)")
    return parser


def _list(fund: str | None = None) -> str:
    if fund:
        from socialfund.guidelines.listing import fund_version_rows

        return render_text(fund_version_rows(fund), max_width=60)
    rows = [["id", "fond", "riktlinjer", "datum"]]
    for policy in list_policies():
        when = policy.adopted.date or policy.adopted.proposal_date
        shown = when.isoformat() if when else "–"
        rows.append([policy.id, policy.fund.name, STATUS_LABELS[policy.adopted.status], shown])
    return render_text(rows, max_width=60)


def _show(policy: Policy, as_json: bool) -> str:
    if as_json:
        return json.dumps(policy.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2)
    return render_policy_text(policy)


def _diff(old: Policy, new: Policy, output: str) -> str:
    changes = diff_policies(old, new)
    if output == "json":
        return json.dumps([asdict(change) for change in changes], ensure_ascii=False, indent=2)
    if output == "text":
        return render_diff_text(old, new, changes)
    return render(diff_table(changes), output)


def _validate(names: list[str]) -> str:
    """Check every file, and report every problem in all of them before failing."""
    lines, problems = [], []
    for name in names:
        try:
            policy = load(name)
        except PolicyError as exc:
            problems += exc.errors
            continue
        lines.append(f"{name}: giltig ({policy.id}, {len(policy.rules)} regler, {len(policy.stages)} steg)")
    if problems:
        raise PolicyError(problems)
    return "\n".join(lines)


def _threshold(on: dt.date | None) -> str:
    table = national_thresholds()
    if on is not None:
        row = table.in_force(on)
        return f"{format_sek(row.amount)} (gäller från {row.valid_from.isoformat()}; källa: {row.source})"
    rows = [["från", "belopp", "källa"]]
    rows += [[row.valid_from.isoformat(), format_sek(row.amount), row.source] for row in table.thresholds]
    return render_text(rows, max_width=70)


def _run(args: argparse.Namespace) -> str:
    if args.command == "list":
        return _list(args.fund)
    if args.command == "show":
        return _show(load(args.policy), args.json)
    if args.command == "validate":
        return _validate(args.policies)
    if args.command == "diff":
        return _diff(load(args.old), load(args.new), args.format)
    if args.command == "compare":
        return render(compare_table([load(name) for name in args.policies]), args.format)
    return _threshold(args.date)


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        output = _run(args)
    except InputError as exc:
        for path, message in exc.errors:
            print(f"{path}: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ThresholdUnknownError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    emit(output)
    return 0
