"""`socialfund simulate`: will a fund last? Its guidelines side by side, without a database.

    socialfund simulate --capital "24 000 000" --policy sodertalje-2013 --policy norrkoping \\
        [--years 30] [--runs 10000] [--seed 0] [--waiver-rate 0.5 ...] [--json]

For a fund being designed (or redesigned) before it holds any money in the system: each
scenario is a policy's repayment rules (or the guidelines' default terms when no policy
is named) at each waiver rate (none where the guidelines allow no waiver), always beside
"utan återföring", the seed's alternative in
which nothing comes back. Every scenario draws the same random numbers (one seed), so
the differences come from the rules, not from chance. The Monte Carlo and its
assumptions are socialfund.core.projection (docs/ledger.md); a fund with books uses
`socialfund fund simulate`, which also counts its adopted plans.
Exits 0 with the table, 2 on bad input (unknown policy, impossible assumptions).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from socialfund.commands.policy import EXIT_BAD_INPUT, SwedishArgumentParser, emit, load
from socialfund.core.formatting import format_number, format_percent, format_sek
from socialfund.core.money import MoneyError, parse_amount
from socialfund.core.policy import InputError
from socialfund.core.projection import (
    MAX_RUNS,
    MAX_YEARS,
    Outcomes,
    Pipeline,
    ProjectionInput,
    ProjectionInputError,
    ProjectionResult,
    RepaymentTerms,
    project,
    repays,
    terms_from_rules,
)
from socialfund.core.repayment_rules import SODERTALJE_DEFAULT, RepaymentRules

SWEDEN = ZoneInfo("Europe/Stockholm")
NO_REPAYMENT = "utan återföring"
SOON = 10  # "runs dry within ten years": the horizon a board's politicians plan for


# The projection's names for its assumptions, as the options a user typed.
OPTION_OF = {
    "runs": "--runs",
    "seed": "--seed",
    "years": "--years",
    "opening_available": "--capital",
    "projects_per_year": "--projects-per-year",
    "size": "--size-low/--size-mode/--size-high:",
    "repay_probability": "--repay-probability",
    "waiver_rate": "--waiver-rate",
}


@dataclass(frozen=True)
class Scenario:
    name: str
    data: ProjectionInput


def _amount(text: str) -> float:
    try:
        return float(parse_amount(text))
    except MoneyError as exc:
        raise argparse.ArgumentTypeError(f"ogiltigt belopp '{text}'; skriv t.ex. 24 000 000") from exc


def _share(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ogiltig andel '{text}'; skriv t.ex. 0,5") from exc
    return value


def _parser() -> argparse.ArgumentParser:
    pipeline, outcomes = Pipeline(), Outcomes()
    parser = SwedishArgumentParser(
        prog="socialfund simulate",
        description="Räcker fonden? Monte Carlo-prognos av disponibla medel för en eller flera fonders riktlinjer, "
        "jämförda med att inget återförs.",
    )
    parser.add_argument("--capital", type=_amount, default=24_000_000.0, help="fondens kapital i kr (24 000 000)")
    parser.add_argument(
        "--policy",
        action="append",
        default=[],
        help="riktlinjernas id eller fil; flera går att jämföra (utelämnad: standardvillkoren, år 3–7)",
    )
    parser.add_argument("--start-year", type=int, default=dt.datetime.now(SWEDEN).year, help="första året (i år)")
    parser.add_argument("--years", type=int, default=30, help=f"antal år (högst {MAX_YEARS})")
    parser.add_argument("--runs", type=int, default=10_000, help=f"simuleringar per scenario (högst {MAX_RUNS})")
    parser.add_argument("--seed", type=int, default=0, help="slumpfrö; samma frö ger samma resultat")
    parser.add_argument(
        "--waiver-rate",
        type=_share,
        action="append",
        help=f"andel av de uteblivna återföringarna som efterskänks; flera går att jämföra ({outcomes.waiver_rate})",
    )
    parser.add_argument(
        "--repay-probability",
        type=_share,
        default=outcomes.repay_probability,
        help=f"andel projekt som återför enligt plan ({outcomes.repay_probability})",
    )
    parser.add_argument(
        "--projects-per-year", type=float, default=pipeline.projects_per_year, help="nya projekt per år, i medel"
    )
    parser.add_argument("--size-low", type=_amount, default=pipeline.size_low, help="minsta projekt, kr")
    parser.add_argument("--size-mode", type=_amount, default=pipeline.size_mode, help="vanligaste projekt, kr")
    parser.add_argument("--size-high", type=_amount, default=pipeline.size_high, help="största projekt, kr")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    return parser


def scenarios(args: argparse.Namespace) -> list[Scenario]:
    """Each policy (or the default terms) at each waiver rate, then "utan återföring"."""
    pipeline = Pipeline(
        projects_per_year=args.projects_per_year,
        size_low=args.size_low,
        size_mode=args.size_mode,
        size_high=args.size_high,
    )
    base = ProjectionInput(
        start_year=args.start_year,
        years=args.years,
        opening_available=args.capital,
        pipeline=pipeline,
        outcomes=dataclasses.replace(Outcomes(), repay_probability=args.repay_probability),
    )
    rules: list[tuple[str, RepaymentRules]] = []
    for name in args.policy:
        policy = load(name)
        rules.append((policy.id, policy.repayment_rules() or RepaymentRules(mode="none")))
    if not rules:
        rules = [("standardvillkor", SODERTALJE_DEFAULT)]
    rates = args.waiver_rate or [Outcomes().waiver_rate]
    result: list[Scenario] = []
    for label, rule in rules:
        if not repays(rule):
            result.append(Scenario(f"{label} ({NO_REPAYMENT})", dataclasses.replace(base, repayment=False)))
            continue
        # Guidelines without special review never waive: what is not repaid on time comes late.
        for rate in rates if rule.waivable else [0.0]:
            name = label if len(rates) == 1 or not rule.waivable else f"{label}, efterskänks {format_percent(rate)}"
            data = dataclasses.replace(
                base,
                terms=terms_from_rules(rule),
                outcomes=dataclasses.replace(base.outcomes, waiver_rate=rate),
                repayment=True,
            )
            result.append(Scenario(name, data))
    if not any(not scenario.data.repayment for scenario in result):
        result.append(Scenario(NO_REPAYMENT, dataclasses.replace(base, repayment=False)))
    return result


def _terms_text(data: ProjectionInput) -> str:
    if not data.repayment:
        return "inget återförs"
    terms: RepaymentTerms = data.terms
    first = terms.start_offset_years
    waiver = "eftergift möjlig" if data.outcomes.waiver_rate > 0 else "ingen eftergift"
    return f"år {first}–{first + terms.years - 1} efter beviljandet, {waiver}"


def as_text(args: argparse.Namespace, results: list[tuple[Scenario, ProjectionResult]]) -> str:
    first = results[0][0].data
    last_year = first.start_year + first.years - 1
    soon = min(first.start_year + SOON - 1, last_year)
    pipeline, outcomes = first.pipeline, first.outcomes
    lines = [
        f"Räcker fonden? {format_number(args.runs)} simuleringar per scenario, frö {args.seed}, "
        f"{first.start_year}–{last_year}. Alla scenarier drar samma slumptal.",
        f"Kapital: {format_sek(first.opening_available)}. Nya projekt: i medel {format_number(pipeline.projects_per_year, 1)} "
        f"per år, {format_sek(pipeline.size_low)}–{format_sek(pipeline.size_high)} "
        f"(oftast {format_sek(pipeline.size_mode)}).",
        f"Utfall: {format_percent(outcomes.repay_probability)} av projekten återför enligt plan; "
        f"av övriga efterskänks en andel efter särskild prövning och resten återförs {outcomes.late_years} år sent.",
        "",
    ]
    header = [
        "scenario",
        "återföring",
        f"slut senast {soon}",
        f"slut senast {last_year}",
        "hälften slut",
        "P50 sista året",
    ]
    rows = [header]
    for scenario, result in results:
        median = result.median_dry_year
        rows.append(
            [
                scenario.name,
                _terms_text(scenario.data),
                format_percent(result.dry_by(soon), 1),
                format_percent(result.dry_share, 1),
                str(median) if median else "–",
                format_sek(result.p50[-1]),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:], strict=True)]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines += [
        "",
        "Slut: disponibla medel under noll. P50: medianen av simuleringarna. Uppskattningar, inte bokföring.",
    ]
    return "\n".join(lines)


def as_json(args: argparse.Namespace, results: list[tuple[Scenario, ProjectionResult]]) -> dict[str, Any]:
    return {
        "capital": round(args.capital),
        "runs": args.runs,
        "seed": args.seed,
        "scenarios": [
            {
                "name": scenario.name,
                "repayment": scenario.data.repayment,
                "assumptions": {
                    "pipeline": dataclasses.asdict(scenario.data.pipeline),
                    "outcomes": dataclasses.asdict(scenario.data.outcomes),
                    "terms": dataclasses.asdict(scenario.data.terms),
                },
                "dry_share": result.dry_share,
                "median_dry_year": result.median_dry_year,
                "years": [
                    {"year": y, "p10": round(a), "p50": round(b), "p90": round(c), "runs_dry": n}
                    for y, a, b, c, n in zip(
                        result.years, result.p10, result.p50, result.p90, result.dry_counts, strict=True
                    )
                ],
            }
            for scenario, result in results
        ],
    }


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        results = [(scenario, project(scenario.data, runs=args.runs, seed=args.seed)) for scenario in scenarios(args)]
    except InputError as exc:
        for path, message in exc.errors:
            print(f"{path}: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ProjectionInputError as exc:
        for name, message in exc.errors:
            print(f"socialfund simulate: {OPTION_OF.get(name, name)} {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    emit(json.dumps(as_json(args, results), ensure_ascii=False, indent=2) if args.json else as_text(args, results))
    return 0
