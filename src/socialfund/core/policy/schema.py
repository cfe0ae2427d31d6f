"""A fund's guidelines as one validated, immutable object: `Policy`.

A policy file holds the fund's identity and adoption, its sources, the dimensions
the guidelines set (reference/funds.md §2), the stages with their actors and
gates, and the rules the screening checks, each with the guideline text it comes
from. Dimensions the sources are silent on are left unset and named in `unset`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Self

from pydantic import Field, model_validator

from socialfund.core.policy.base import FrozenModel, Slug
from socialfund.core.policy.consistency import policy_problems
from socialfund.core.policy.eligibility import Applicants, Calls, Funding, Limits, Partnership, TargetGroups
from socialfund.core.policy.errors import NestedErrors
from socialfund.core.policy.identity import Adoption, FundInfo, Source, UnsetNote
from socialfund.core.policy.requirements import (
    CalculationSpec,
    Evaluation,
    Evidence,
    Goals,
    Implementation,
    Organisation,
    Procurement,
    RepaymentSpec,
    ReportingDuty,
)
from socialfund.core.policy.shorthands import expand_shorthands
from socialfund.core.policy.thresholds import threshold_on
from socialfund.core.policy.vocabulary import Signoff
from socialfund.core.policy.workflow import TRACK_SECTIONS, Rule, Stage, Track
from socialfund.core.repayment_rules import RepaymentRules


class Policy(FrozenModel):
    id: Slug
    fund: FundInfo
    adopted: Adoption
    supersedes: Slug | None = None
    sources: tuple[Source, ...] = Field(min_length=1)
    unset: tuple[UnsetNote, ...] = ()
    notes: str | None = None

    funding: Funding | None = None
    target_groups: TargetGroups | None = None
    applicants: Applicants | None = None
    partnership: Partnership | None = None
    limits: Limits | None = None
    calls: Calls | None = None
    tracks: tuple[Track, ...] = ()
    default_track: Slug | None = None
    evidence: Evidence | None = None
    goals: Goals | None = None
    calculation: CalculationSpec | None = None
    repayment: RepaymentSpec | None = None
    evaluation: Evaluation | None = None
    implementation: Implementation | None = None
    procurement: Procurement | None = None
    reporting: tuple[ReportingDuty, ...] = ()
    organisation: Organisation | None = None

    stages: tuple[Stage, ...] = Field(min_length=1)
    rules: tuple[Rule, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: Any) -> Any:
        return expand_shorthands(data)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = policy_problems(self)
        if problems:
            # pydantic wraps this in a ValidationError; errors.translate unpacks the paths again.
            raise NestedErrors(problems)
        return self

    # -- identity ----------------------------------------------------------------------------------
    @property
    def in_force_from(self) -> dt.date | None:
        """The adoption date, when the guidelines are known to be adopted; None for proposals and undated ones."""
        return self.adopted.date if self.adopted.status == "adopted" else None

    @property
    def title(self) -> str:
        year = self.adopted.date.year if self.adopted.date else None
        return f"{self.fund.name} ({year})" if year else self.fund.name

    # -- workflow ----------------------------------------------------------------------------------
    @property
    def stage_codes(self) -> tuple[str, ...]:
        return tuple(stage.code for stage in self.stages)

    def stage(self, code: str) -> Stage:
        for stage in self.stages:
            if stage.code == code:
                return stage
        raise KeyError(code)

    def stage_index(self, code: str) -> int:
        return self.stage_codes.index(code)

    def next_stage(self, code: str) -> Stage | None:
        index = self.stage_index(code) + 1
        return self.stages[index] if index < len(self.stages) else None

    @property
    def required_signoffs(self) -> dict[str, tuple[Signoff, ...]]:
        """Sign-offs needed to leave each stage, by stage code (stages without any are left out)."""
        return {stage.code: stage.gate.signoffs for stage in self.stages if stage.gate.signoffs}

    def signoffs_up_to(self, code: str) -> tuple[Signoff, ...]:
        """Every sign-off the gates up to and including this stage demand, each once, in order."""
        found: list[Signoff] = []
        for stage in self.stages[: self.stage_index(code) + 1]:
            found.extend(signoff for signoff in stage.gate.signoffs if signoff not in found)
        return tuple(found)

    @property
    def decision_body(self) -> str | None:
        return self.organisation.decision_body if self.organisation else None

    @property
    def opinion_bodies(self) -> tuple[str, ...]:
        return self.organisation.opinion_bodies if self.organisation else ()

    # -- rules -------------------------------------------------------------------------------------
    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def rules_at(self, stage_code: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if stage_code in rule.stages)

    # -- money -------------------------------------------------------------------------------------
    def repayment_rules(self) -> RepaymentRules | None:
        """The repayment limits for the calculation engine; None when the policy says nothing about repayment."""
        return self.repayment.to_rules() if self.repayment is not None else None

    def procurement_threshold(self, on: dt.date) -> Decimal:
        """LOU's direct-award threshold in force on a date (ThresholdUnknownError before the table starts)."""
        return threshold_on(on)

    # -- tracks ------------------------------------------------------------------------------------
    @property
    def track_codes(self) -> tuple[str, ...]:
        return tuple(track.code for track in self.tracks)

    def track(self, code: str) -> Track:
        for track in self.tracks:
            if track.code == code:
                return track
        raise KeyError(code)

    def for_track(self, code: str) -> Policy:
        """The policy as it applies on one track: the track's sections replace the policy's own."""
        track = self.track(code)
        update = {name: getattr(track, name) for name in TRACK_SECTIONS if getattr(track, name) is not None}
        return self.model_copy(update=update)
