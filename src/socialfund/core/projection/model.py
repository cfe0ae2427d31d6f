"""The projection's inputs and results: immutable values, validated once.

Amounts here are float kronor: a projection is an estimate (DESIGN: numpy float64 is
fine for Monte Carlo), and results are shown rounded to whole kronor. The balance
projected is the fund's *available* money, what it has not yet promised: money in
the fund less outstanding commitments. Today's commitments are therefore already
deducted from `opening_available`; new projects take their whole grant from it the
year they are granted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field


class ProjectionInputError(ValueError):
    """Bad assumptions; `errors` holds (field, Swedish message) pairs, all of them at once."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors))
        self.errors = errors


@dataclass(frozen=True)
class Pipeline:
    """New projects: how many a year (Poisson mean) and how large (triangular low, mode, high)."""

    projects_per_year: float = 2.0
    size_low: float = 500_000.0
    size_mode: float = 1_500_000.0
    size_high: float = 3_000_000.0


@dataclass(frozen=True)
class Outcomes:
    """What happens to a project's repayment duty.

    With `repay_probability` the savings come and the board repays on plan. Otherwise,
    with `waiver_rate`, the duty is waived after special review (särskild prövning) and
    nothing more comes back; the rest still owe and repay `late_years` later.
    """

    repay_probability: float = 0.6
    waiver_rate: float = 0.5
    late_years: int = 3

    @property
    def on_time_share(self) -> float:
        return self.repay_probability

    @property
    def waived_share(self) -> float:
        return (1.0 - self.repay_probability) * self.waiver_rate

    @property
    def late_share(self) -> float:
        return (1.0 - self.repay_probability) * (1.0 - self.waiver_rate)


@dataclass(frozen=True)
class RepaymentTerms:
    """How a new project repays: equal instalments from `start_offset_years` after its grant, over `years` years.

    Södertälje's guidelines: start at the latest five years from project start, at the
    earliest after two, and be done five years after the first repayment.
    """

    start_offset_years: int = 3
    years: int = 5


@dataclass(frozen=True)
class ExistingProject:
    """A project with an adopted repayment plan: what remains to be repaid, by calendar year.

    Years before the projection's start (overdue duties) count as due in its first year.
    """

    label: str
    repayments: Mapping[int, float]


@dataclass(frozen=True)
class ProjectionInput:
    start_year: int
    years: int
    opening_available: float
    existing: tuple[ExistingProject, ...] = ()
    pipeline: Pipeline = field(default_factory=Pipeline)
    outcomes: Outcomes = field(default_factory=Outcomes)
    terms: RepaymentTerms = field(default_factory=RepaymentTerms)
    repayment: bool = True
    """False: "utan återföring", nothing is ever repaid (the three boards' proposal in the seed)."""

    @property
    def calendar_years(self) -> range:
        return range(self.start_year, self.start_year + self.years)


@dataclass(frozen=True)
class ProjectionResult:
    """Balance bands per year and the distribution of the year the fund runs dry (first year below zero)."""

    runs: int
    seed: int
    years: tuple[int, ...]
    p10: tuple[float, ...]
    p50: tuple[float, ...]
    p90: tuple[float, ...]
    dry_counts: tuple[int, ...]
    """How many runs first go below zero in each year."""
    never_dry: int

    @property
    def dry_share(self) -> float:
        """The share of runs that run dry within the horizon."""
        return 1.0 - self.never_dry / self.runs

    def dry_by(self, year: int) -> float:
        """The share of runs that have run dry by the end of `year`."""
        return sum(c for y, c in zip(self.years, self.dry_counts, strict=True) if y <= year) / self.runs

    @property
    def median_dry_year(self) -> int | None:
        """The year by which half the runs have run dry; None when fewer than half ever do."""
        running = 0
        for year, count in zip(self.years, self.dry_counts, strict=True):
            running += count
            if running * 2 >= self.runs:
                return year
        return None


def validate(data: ProjectionInput, runs: int, seed: int, *, max_runs: int, max_years: int) -> None:
    """Collect every problem with the assumptions, with the field it concerns."""
    errors: list[tuple[str, str]] = []

    def need(ok: bool, name: str, message: str) -> None:
        if not ok:
            errors.append((name, message))

    need(1 <= runs <= max_runs, "runs", f"måste vara mellan 1 och {max_runs}")
    need(seed >= 0, "seed", "måste vara minst 0")
    need(1 <= data.years <= max_years, "years", f"måste vara mellan 1 och {max_years}")
    need(math.isfinite(data.opening_available), "opening_available", "måste vara ett tal")
    pipeline, outcomes, terms = data.pipeline, data.outcomes, data.terms
    need(0 <= pipeline.projects_per_year <= 50, "projects_per_year", "måste vara mellan 0 och 50")
    need(
        0 <= pipeline.size_low <= pipeline.size_mode <= pipeline.size_high,
        "size",
        "storleken måste uppfylla 0 ≤ lägsta ≤ troligast ≤ högsta",
    )
    need(0 <= outcomes.repay_probability <= 1, "repay_probability", "måste vara mellan 0 och 1")
    need(0 <= outcomes.waiver_rate <= 1, "waiver_rate", "måste vara mellan 0 och 1")
    need(0 <= outcomes.late_years <= 30, "late_years", "måste vara mellan 0 och 30")
    need(0 <= terms.start_offset_years <= 30, "start_offset_years", "måste vara mellan 0 och 30")
    need(1 <= terms.years <= 30, "repayment_years", "måste vara mellan 1 och 30")
    for index, existing in enumerate(data.existing):
        if any(not math.isfinite(v) or v < 0 for v in existing.repayments.values()):
            errors.append((f"existing[{index}]", f"{existing.label}: återföringarna måste vara tal ≥ 0"))
    if errors:
        raise ProjectionInputError(errors)
