"""What a fund demands of a project: evidence, goals, calculation, repayment, evaluation, implementation,
procurement and reporting, and who decides."""

from __future__ import annotations

from decimal import Decimal
from typing import Self

from pydantic import Field, model_validator

from socialfund.core.policy.base import Amount, FrozenModel, Share, Text
from socialfund.core.policy.vocabulary import (
    CalculationRequirement,
    DutyScope,
    EvidenceLevel,
    Frequency,
    GoalKind,
    RepaymentModeCode,
    Waiver,
)
from socialfund.core.repayment_rules import RepaymentRules


class Evidence(FrozenModel):
    level: EvidenceLevel
    scale_with_size: bool = False
    """The demand is proportionate to the investment's size (Södertälje 2015): a human judges it."""
    fidelity_followup: bool | None = None
    """Documented methods: follow up method fidelity (metodtrohet)."""
    note: str | None = None


class Goals(FrozenModel):
    kinds: tuple[GoalKind, ...] = ()
    """Kinds of goal the project must state (Södertälje: both social and economic effects)."""
    note: str | None = None


class CalculationSpec(FrozenModel):
    requirement: CalculationRequirement
    separate_municipal_savings: bool = True
    """The calculation must tell the municipality's savings from other sectors' (the state's cannot repay)."""
    outside_share_warn: Share = Decimal("0.5")
    """Warn when more than this share of the benefits lands outside the organisation."""
    note: str | None = None


class RepaymentSpec(FrozenModel):
    mode: RepaymentModeCode
    grace_years: int | None = Field(default=None, ge=0)
    """Grace: no repayment before start year + this (Södertälje: at least two years to lower costs)."""
    latest_start_offset_years: int | None = Field(default=None, ge=0)
    max_years_after_first: int | None = Field(default=None, ge=0)
    waiver: Waiver | None = None
    repaid_by: str | None = None
    note: str | None = None

    def to_rules(self) -> RepaymentRules:
        return RepaymentRules(
            mode=self.mode,
            grace_years=self.grace_years,
            latest_start_offset_years=self.latest_start_offset_years,
            max_years_after_first=self.max_years_after_first,
            # An unknown waiver rule is treated as no waiver: the duty stands unless a source says otherwise.
            waivable=self.waiver in ("after_special_review", "ad_hoc_decision"),
        )


class Evaluation(FrozenModel):
    external_required: bool | None = None
    standardized_instrument_substitutes: bool = False
    """A scientifically standardised instrument may replace the external evaluator (Södertälje 2015)."""
    external_required_above: Amount | None = None
    """Size threshold: an external evaluation is demanded only when the grant exceeds this."""
    scope: tuple[GoalKind, ...] = ()
    fundable_from_grant: bool | None = None
    evaluator_examples: str | None = None
    note: str | None = None


class Implementation(FrozenModel):
    plan_in_application: bool | None = None
    """The application sketches how the method enters regular operations."""
    plan_during_project: bool | None = None
    """A successful project draws up an implementation plan during the project."""
    note: str | None = None


class Procurement(FrozenModel):
    applies: bool = True
    open_competition_for_external: bool = False
    """The board buys an outside actor's work in open competition, whatever the value (Södertälje 2015)."""
    near_threshold_share: Share = Decimal("0.9")
    """Warn when the contract value reaches this share of the direct-award threshold."""
    note: str | None = None


class ReportingDuty(FrozenModel):
    what: Text
    frequency: Frequency
    scope: DutyScope = "project"
    """`fund`: a report on the fund as a whole. A yearly one makes each running project report by the same
    date, as its input; any other fund duty asks nothing of the projects (the fund's own evaluation)."""
    recipient: str | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    responsible: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _month_needs_period(self) -> Self:
        if self.month is not None and self.frequency not in ("yearly", "once"):
            raise ValueError("month kan bara anges för frequency yearly eller once")
        return self


class PreparationGroup(FrozenModel):
    members: tuple[Text, ...] = Field(min_length=1)
    chair: str | None = None
    secretary: str | None = None
    coordinator: str | None = None
    co_opted: str | None = None


class Organisation(FrozenModel):
    decision_body: str | None = None
    decision_delegated_by: str | None = None
    opinion_bodies: tuple[Text, ...] = ()
    preparation_group: PreparationGroup | None = None
    steering_group: str | None = None
    reference_group: str | None = None
    assessment_panel: str | None = None
    note: str | None = None


__all__ = [
    "Amount",
    "CalculationSpec",
    "Evaluation",
    "Evidence",
    "Goals",
    "Implementation",
    "Organisation",
    "PreparationGroup",
    "Procurement",
    "RepaymentSpec",
    "ReportingDuty",
]
