"""Stages (with their actor and gate), rules (with the guideline text they come from) and funding tracks."""

from __future__ import annotations

from typing import Literal

from socialfund.core.policy.base import FrozenModel, Slug, Text
from socialfund.core.policy.eligibility import Applicants, Calls, Limits, Partnership
from socialfund.core.policy.requirements import CalculationSpec, ReportingDuty
from socialfund.core.policy.vocabulary import RULE_TITLES, CheckMode, Severity, Signoff, StageActor


class OpinionsRequired(FrozenModel):
    """Whose written opinions (yttranden) must be in before a case leaves an opinion stage.

    Södertälje 2013: "Hållbarhetsutskottet och nämnderna behandlar ansökan": the committee *and* the boards
    the case concerns give their word before kommunstyrelsen decides."""

    bodies: tuple[Text, ...] = ()
    """Committees and other bodies, by the name the organisation gives them (matched without regard to case)."""
    affected_boards: bool = False
    """Every board the case concerns (berörda nämnder): its lead board and its partner boards."""
    note: str | None = None


class Gate(FrozenModel):
    """What must hold to leave a stage."""

    signoffs: tuple[Signoff, ...] = ()
    """Sign-offs that must be recorded (dates in the initiative's `anchoring`, or each party's `signed_off`)."""
    rules: tuple[Slug, ...] = ()
    """Rule ids that must not fail. Left out in the file, it is every blocking rule that applies at the stage."""
    opinions: OpinionsRequired | None = None
    """At an opinion stage: whose opinions must be in. Left out, one opinion is enough."""
    note: str | None = None


class Stage(FrozenModel):
    code: Slug
    name_sv: Text
    name_en: Text
    actor: StageActor
    gate: Gate = Gate()
    description: str | None = None
    template: str | None = None
    """A form or template the stage uses, when the fund names one (Klippan: 'Mall för idéprövning')."""


class Rule(FrozenModel):
    id: Slug
    title: str | None = None
    clause: Text
    """The guideline text the rule comes from, in Swedish, quoted or closely paraphrased."""
    clause_kind: Literal["quote", "paraphrase"]
    clause_source: Text
    """Where the clause comes from: a source key and place ('SEED, riktlinjerna citerade i utvärderingen s. 14')."""
    explanation: Text
    """What the rule means, in plain Swedish."""
    check: CheckMode
    severity: Severity
    stages: tuple[Slug, ...] = ()
    """The stages at which the rule is checked; `from_stage` in the file fills it with that stage and all later."""
    from_stage: Slug | None = None

    @property
    def display_title(self) -> str:
        return self.title or RULE_TITLES.get(self.id, self.id)


class Track(FrozenModel):
    """A funding track with its own caps, partnership rule and calls (Luleå: SI, FHI, KFF).

    Each section given here replaces the policy's own for initiatives on this track."""

    code: Slug
    name_sv: Text
    name_en: str | None = None
    applicants: Applicants | None = None
    partnership: Partnership | None = None
    limits: Limits | None = None
    calls: Calls | None = None
    calculation: CalculationSpec | None = None
    reporting: tuple[ReportingDuty, ...] | None = None
    note: str | None = None


TRACK_SECTIONS: tuple[str, ...] = ("applicants", "partnership", "limits", "calls", "calculation", "reporting")

__all__ = ["Gate", "OpinionsRequired", "Rule", "Stage", "TRACK_SECTIONS", "Track"]
