"""What the engine returns: immutable results that the CLI, the web form and the ledger read.

Money here is float kronor (estimates), except the repayment plan, which is in
whole kronor because the ledger books it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from socialfund.core.calc.actors import ActorResult
from socialfund.core.calc.model import Calculation


@dataclass(frozen=True)
class YearRow:
    """One year, nominal (not discounted); multiply by `discount_factor` for its present value."""

    year: int
    discount_factor: float
    costs: float
    benefits: float
    benefits_municipal_cashable: float
    cumulative_discounted_net_municipal_cashable: float


@dataclass(frozen=True)
class Totals:
    """The present values and ratios of a whole calculation."""

    pv_costs: float
    pv_costs_fund: float
    pv_benefits: float
    pv_benefits_municipal: float
    pv_benefits_municipal_cashable: float
    npv: float
    npv_municipal: float
    benefit_cost_ratio: float | None
    payback_year: int | None


@dataclass(frozen=True)
class PartyResult:
    """Who pays and who benefits: one board, the fund, or an outside party."""

    name: str
    sector: str | None
    pv_costs_paid: float
    pv_benefits_received: float
    cashable_savings: Mapping[int, float]


@dataclass(frozen=True)
class Violation:
    """A breach of the fund's repayment limits; `rule` is a stable id, `message` Swedish."""

    rule: str
    message: str


@dataclass(frozen=True)
class RepaymentResult:
    """The amount due, the plan (whole kronor) and how it meets the rules."""

    amount_due: int
    plan: dict[int, dict[str, int]]
    start_year: int | None
    end_year: int | None
    fully_repaid: bool
    violations: list[Violation]
    required: bool
    proposed: bool


@dataclass(frozen=True)
class SensitivityRow:
    """The switching multiplier m on one municipal effect line: m × its value gives npv_municipal = 0."""

    effect: int
    label: str
    beneficiary: str
    pv_benefits: float
    switching_multiplier: float | None


@dataclass(frozen=True)
class CalculationResult:
    """Everything the deterministic evaluation reports for one calculation."""

    calculation: Calculation
    per_year: list[YearRow]
    totals: Totals
    parties: list[PartyResult]
    repayment: RepaymentResult
    sensitivity: list[SensitivityRow]
    warnings: list[str]
    actors: list[ActorResult] = field(default_factory=list)  # per actor over 1 year, 5 years, the whole period


@dataclass(frozen=True)
class Percentiles:
    """P10, P50 and P90 of a simulated figure."""

    p10: float
    p50: float
    p90: float


@dataclass(frozen=True)
class SimulationResult:
    """What the Monte Carlo simulation reports: percentiles and probabilities."""

    runs: int
    seed: int
    npv_municipal: Percentiles
    benefit_cost_ratio: Percentiles | None
    probability_npv_municipal_positive: float
    probability_repaid_in_time: float | None
