"""`socialfund screen FILE --policy NAME|FILE [--json] [--date YYYY-MM-DD]`: screen an initiative file
against a fund's guidelines, rule by rule.

Prints the verdict and one finding per rule that applies at the initiative's
stage, each with what to do and the guideline text. Exits 0 with a verdict (also
when it is not_eligible), 2 on bad input (unknown policy, malformed file), with
the problems on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from socialfund.commands.policy import EXIT_BAD_INPUT, SwedishArgumentParser, emit, iso_date, load
from socialfund.core.policy import InputError, Policy
from socialfund.core.policy.vocabulary import SIGNOFF_LABELS
from socialfund.core.screening import (
    STATUS_LABELS,
    VERDICT_LABELS,
    ScreeningResult,
    load_initiative_file,
    screen,
    screening_to_dict,
)

WIDTH = 100


def _parser() -> argparse.ArgumentParser:
    parser = SwedishArgumentParser(prog="socialfund screen", description="Pröva ett initiativ mot fondens riktlinjer.")
    parser.add_argument("file", metavar="FIL", help="initiativfilen (YAML)")
    parser.add_argument("--policy", required=True, help="policyns id (t.ex. sodertalje-2013) eller en policyfil")
    parser.add_argument("--date", type=iso_date, help="prövningsdag (ÅÅÅÅ-MM-DD); utelämnad: inlämningsdagen")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    return parser


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def _stage_name(policy: Policy, code: str) -> str:
    try:
        return policy.stage(code).name_sv
    except KeyError:
        return code


def _track_name(policy: Policy, code: str) -> str:
    try:
        return policy.track(code).name_sv
    except KeyError:
        return code


def _policy_name(policy: Policy) -> str:
    """'Södertälje kommuns sociala investeringsfond, riktlinjer antagna 2013-…': the fund and its guidelines by name."""
    adopted = policy.adopted
    when = adopted.date or adopted.proposal_date
    kind = {"adopted": "antagna", "proposed": "förslag", "described": "beskrivna"}[adopted.status]
    return f"{policy.fund.name}, riktlinjer {kind}{f' {when.isoformat()}' if when else ''}"


def render_result(result: ScreeningResult, policy: Policy) -> str:
    """The screening in Swedish: names of the fund, the step, the rules and the boards, never their codes
    (the codes are in --json, for programs)."""
    track = f", spår {_track_name(policy, result.track)}" if result.track else ""
    lines = [
        f"{result.initiative_title}",
        f"Riktlinjer: {_policy_name(policy)}",
        f"Steg: {_stage_name(policy, result.stage)}{track}; prövningsdag: {result.on_date.isoformat()}",
        f"Bedömning: {VERDICT_LABELS[result.verdict]}",
        "",
    ]
    for finding in result.findings:
        flag = " [spärr]" if finding.severity == "block" else ""
        lines.append(f"[{STATUS_LABELS[finding.status]}] {finding.title}{flag}")
        lines += _wrap(finding.message, "    ")
        lines += _wrap(f"Riktlinje: »{finding.clause}« ({finding.clause_source})", "    ")
    if result.gate_signoffs:
        names = ", ".join(SIGNOFF_LABELS.get(signoff, signoff) for signoff in result.gate_signoffs)
        lines += ["", f"För att lämna steget krävs förankring hos: {names}"]
    if result.next_stage:
        lines.append(f"Nästa steg: {_stage_name(policy, result.next_stage)}")
    for note in result.notes:
        lines += _wrap(f"Obs: {note}", "")
    return "\n".join(lines)


def _report(errors: list[tuple[str, str]], prefix: str | None) -> int:
    for path, message in errors:
        print(f"{prefix}: {path}: {message}" if prefix else f"{path}: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        policy = load(args.policy)
    except InputError as exc:
        return _report(exc.errors, None)
    try:
        result = screen(load_initiative_file(args.file), policy, on_date=args.date)
    except InputError as exc:
        return _report(exc.errors, args.file)
    emit(
        json.dumps(screening_to_dict(result), ensure_ascii=False, indent=2)
        if args.json
        else render_result(result, policy)
    )
    return 0
