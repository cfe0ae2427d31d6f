"""`socialfund fund simulate`: will the fund survive? A Monte Carlo of its available money.

socialfund fund simulate --fund sodertalje --years 30 --runs 10000 [--no-repayment] [--waiver-rate 0.5] [--json]
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from socialfund.core.formatting import format_number, format_percent
from socialfund.core.projection import (
    MAX_RUNS,
    Outcomes,
    Pipeline,
    ProjectionInputError,
    ProjectionResult,
    project,
)
from socialfund.ledger.management.commands.ledger import EXIT_BAD_INPUT, find_fund
from socialfund.ledger.projection import projection_input


class Command(BaseCommand):
    help = "Fondens framtid: Monte Carlo-prognos av disponibla medel, med eller utan återföring."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        simulate = sub.add_parser("simulate", help="simulera fondens disponibla medel år för år")
        simulate.add_argument("--fund", required=True, help="fondens kortnamn, t.ex. sodertalje")
        simulate.add_argument("--years", type=int, default=30)
        simulate.add_argument("--runs", type=int, default=10_000, help=f"antal simuleringar (högst {MAX_RUNS})")
        simulate.add_argument("--seed", type=int, default=0)
        simulate.add_argument("--no-repayment", action="store_true", help="utan återföring: inget kommer tillbaka")
        defaults, outcomes = Pipeline(), Outcomes()
        simulate.add_argument("--waiver-rate", type=float, default=outcomes.waiver_rate)
        simulate.add_argument("--repay-probability", type=float, default=outcomes.repay_probability)
        simulate.add_argument("--projects-per-year", type=float, default=defaults.projects_per_year)
        simulate.add_argument("--size-low", type=float, default=defaults.size_low)
        simulate.add_argument("--size-mode", type=float, default=defaults.size_mode)
        simulate.add_argument("--size-high", type=float, default=defaults.size_high)
        simulate.add_argument("--json", action="store_true", help="skriv resultatet som JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        fund = find_fund(options["fund"])
        pipeline = Pipeline(
            projects_per_year=options["projects_per_year"],
            size_low=options["size_low"],
            size_mode=options["size_mode"],
            size_high=options["size_high"],
        )
        outcomes = dataclasses.replace(
            Outcomes(), waiver_rate=options["waiver_rate"], repay_probability=options["repay_probability"]
        )
        try:
            data = projection_input(
                fund,
                today=timezone.localdate(),
                years=options["years"],
                pipeline=pipeline,
                outcomes=outcomes,
                repayment=False if options["no_repayment"] else None,
            )
            result = project(data, runs=options["runs"], seed=options["seed"])
        except ProjectionInputError as exc:
            raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        scenario = "med återföring" if data.repayment else "utan återföring"
        if options["json"]:
            self.stdout.write(json.dumps(as_json(fund.slug, scenario, data, result), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(fund.name, scenario, data.opening_available, result))


def as_json(slug: str, scenario: str, data: Any, result: ProjectionResult) -> dict[str, Any]:
    return {
        "fund": slug,
        "scenario": scenario,
        "runs": result.runs,
        "seed": result.seed,
        "opening_available": round(data.opening_available),
        "assumptions": {
            "pipeline": dataclasses.asdict(data.pipeline),
            "outcomes": dataclasses.asdict(data.outcomes),
            "terms": dataclasses.asdict(data.terms),
            "existing_projects": len(data.existing),
        },
        "years": [
            {"year": y, "p10": round(a), "p50": round(b), "p90": round(c), "runs_dry": n}
            for y, a, b, c, n in zip(result.years, result.p10, result.p50, result.p90, result.dry_counts, strict=True)
        ],
        "dry_share": result.dry_share,
        "median_dry_year": result.median_dry_year,
    }


def as_text(name: str, scenario: str, opening: float, result: ProjectionResult) -> str:
    lines = [
        f"{name}: disponibla medel, {scenario} ({result.runs} simuleringar, frö {result.seed})",
        f"Utgångsläge: {format_number(opening)} kr",
        f"{'år':>6} {'P10':>14} {'P50':>14} {'P90':>14} {'tar slut':>9}",
    ]
    for year, p10, p50, p90, dry in zip(
        result.years, result.p10, result.p50, result.p90, result.dry_counts, strict=True
    ):
        lines.append(
            f"{year:>6} {format_number(p10):>14} {format_number(p50):>14} {format_number(p90):>14} "
            f"{format_percent(dry / result.runs, 1):>9}"
        )
    median = result.median_dry_year
    lines.append(
        f"Fonden tar slut inom perioden i {format_percent(result.dry_share, 1)} av simuleringarna; "
        + (f"hälften har tagit slut {median}." if median else "mindre än hälften tar slut.")
    )
    return "\n".join(lines) + "\n"
