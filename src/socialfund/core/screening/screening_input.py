"""The initiative file: what an applicant (or the preparation group for them) submits, and what the
screening reads. The web form later stores the same fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, field_validator

from socialfund.core.policy.base import Amount, FrozenModel, Share, Slug, Text
from socialfund.core.policy.vocabulary import Beneficiaries, GoalKind, PartyType, Purpose, TargetGroup


class Party(FrozenModel):
    name: Text
    type: PartyType
    area: str | None = None
    """The party's field of work ('education', 'social'): partnership rules may demand distinct areas."""
    board: str | None = None
    """The board an office or unit belongs to (Malmö: two units of one board)."""
    signed_off: dt.date | None = None
    """When the party's authorised manager signed the initiative (Gävleborg, Skåne)."""
    role: str | None = None


class Method(FrozenModel):
    description: str | None = None
    research_references: tuple[Text, ...] = ()
    proven_practice: tuple[Text, ...] = ()
    """References to proven practice (beprövad erfarenhet/praktik)."""
    causal_logic: str | None = None
    """For a new method without evidence: the motivated link from the effort to the effect."""
    documented: bool = False
    """The method is already evaluated and documented: follow up method fidelity."""


class Goal(FrozenModel):
    indicator: Text
    baseline: float | None = None
    target: float | None = None
    unit: str | None = None
    kind: GoalKind = "social"


class EvaluationPlan(FrozenModel):
    external_party: str | None = None
    standardized_instrument: bool = False
    instrument: str | None = None
    plan: str | None = None


class NeedsAnalysis(FrozenModel):
    description: Text
    data: tuple[Text, ...] = ()


class Anchoring(FrozenModel):
    office_head: dt.date | None = None
    board: dt.date | None = None


class ProcurementPlan(FrozenModel):
    supplier: str | None = None
    contract_value: Amount | None = None
    """The value over the whole contract period, options and extensions included."""
    value_per_year: Amount | None = None
    contract_months: int | None = Field(default=None, ge=1)
    open_competition: bool | None = None
    """True when the board will procure in open competition."""


class Funding(FrozenModel):
    requested: dict[int, Amount] = Field(default_factory=dict)
    """Kronor requested from the fund, by calendar year."""
    cofinancing_share: Share | None = None
    total_cost: Amount | None = None
    duration_months: int | None = Field(default=None, ge=1)
    track: Slug | None = None

    @field_validator("requested")
    @classmethod
    def _years(cls, value: dict[int, Decimal]) -> dict[int, Decimal]:
        bad = [year for year in value if year < 1900 or year > 2200]
        if bad:
            raise ValueError(f"år måste anges som ÅÅÅÅ (fick {bad[0]})")
        return value

    @property
    def total_requested(self) -> Decimal:
        return sum(self.requested.values(), Decimal(0))


class ScreeningAssessment(FrozenModel):
    """The preparation group's judgment on one rule."""

    verdict: Literal["pass", "fail", "warn"]
    note: Text
    by: str | None = None
    date: dt.date | None = None


class ScreeningInput(FrozenModel):
    title: Text
    stage: Slug
    submitted: dt.date | None = None
    applicant: Party | None = None
    initiator: Party | None = None
    """Who brought the idea, when not the applicant (an outside actor whose idea a board takes up)."""
    lead_board: str | None = None
    partners: tuple[Party, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
    reached_through: tuple[Text, ...] = ()
    """Adults through whom the effort reaches the target group (parents, teachers, staff)."""
    purpose: Purpose | None = None
    beneficiaries: Beneficiaries | None = None
    method: Method | None = None
    goals: tuple[Goal, ...] = ()
    evaluation: EvaluationPlan | None = None
    implementation_plan: str | None = None
    needs_analysis: NeedsAnalysis | None = None
    anchoring: Anchoring = Anchoring()
    procurement: ProcurementPlan | None = None
    funding: Funding = Funding()
    economic_reasoning: str | None = None
    """Where a fund asks for an economic reasoning rather than a full calculation (Luleå SI)."""
    calculation: dict[str, Any] | None = None
    """The calculation document (read from the file the initiative names, or given inline)."""
    calculation_file: str | None = None
    assessments: dict[Slug, ScreeningAssessment] = Field(default_factory=dict)
    note: str | None = None

    @property
    def parties(self) -> tuple[Party, ...]:
        """The applicant (when known) and the partners."""
        return ((self.applicant,) if self.applicant else ()) + self.partners
