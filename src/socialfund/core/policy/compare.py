"""Comparing policies: the seed's comparison table (dimensions × funds), and what changed between two
versions, rule by rule (Södertälje 2013 → 2015)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from socialfund.core.policy.dimensions import DIMENSIONS, NOT_STATED, render
from socialfund.core.policy.schema import Policy
from socialfund.core.policy.tables import Table
from socialfund.core.policy.vocabulary import SIGNOFF_LABELS, STAGE_ACTOR_LABELS
from socialfund.core.policy.workflow import Rule, Stage


def short_name(policy: Policy) -> str:
    """The column heading: the organisation and, for a dated version, its year."""
    name = policy.fund.short_name or policy.fund.organisation.removesuffix(" kommun").removesuffix(" stad")
    if policy.adopted.date:
        return f"{name} {policy.adopted.date.year}"
    if policy.adopted.proposal_date:
        return f"{name} {policy.adopted.proposal_date.year} (förslag)"
    return name


def compare_table(policies: list[Policy]) -> Table:
    """Dimensions × funds; '–' where a fund's sources are silent."""
    table: Table = [["", *(short_name(policy) for policy in policies)]]
    for dimension in DIMENSIONS:
        table.append([dimension.label, *(render(policy, dimension) for policy in policies)])
    return table


RULE_FIELDS: tuple[tuple[str, str], ...] = (
    ("clause", "lydelse"),
    ("explanation", "förklaring"),
    ("check", "kontroll"),
    ("severity", "allvar"),
    ("stages", "steg"),
)


@dataclass(frozen=True)
class Change:
    kind: Literal["added", "removed", "changed"]
    subject: str
    """What changed: a rule id, a stage code or a dimension label."""
    field: str
    before: str
    after: str


def _rule_value(rule: Rule, field: str, common: set[str]) -> str:
    """The field as text; stages only among those both versions have (a removed stage is reported once, as a stage)."""
    value = getattr(rule, field)
    if field == "stages":
        value = tuple(code for code in value if code in common)
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def _rule_changes(old: Policy, new: Policy) -> list[Change]:
    changes: list[Change] = []
    common = set(old.stage_codes) & set(new.stage_codes)
    for rule in old.rules:
        if new.rule(rule.id) is None:
            changes.append(Change("removed", rule.id, "regel", rule.clause, NOT_STATED))
    for rule in new.rules:
        before = old.rule(rule.id)
        if before is None:
            changes.append(Change("added", rule.id, "regel", NOT_STATED, rule.clause))
            continue
        for field, label in RULE_FIELDS:
            was, now = _rule_value(before, field, common), _rule_value(rule, field, common)
            if was != now:
                changes.append(Change("changed", rule.id, label, was, now))
    return changes


def _stage_text(stage: Stage) -> str:
    signoffs = ", ".join(SIGNOFF_LABELS[signoff] for signoff in stage.gate.signoffs)
    gate = f"; förankring: {signoffs}" if signoffs else ""
    return f"{stage.name_sv} ({STAGE_ACTOR_LABELS[stage.actor]}{gate})"


def _stage_changes(old: Policy, new: Policy) -> list[Change]:
    changes: list[Change] = []
    old_codes, new_codes = old.stage_codes, new.stage_codes
    for stage in old.stages:
        if stage.code not in new_codes:
            changes.append(Change("removed", stage.code, "steg", _stage_text(stage), NOT_STATED))
    for stage in new.stages:
        if stage.code not in old_codes:
            changes.append(Change("added", stage.code, "steg", NOT_STATED, _stage_text(stage)))
        elif _stage_text(old.stage(stage.code)) != _stage_text(stage):
            changes.append(
                Change("changed", stage.code, "steg", _stage_text(old.stage(stage.code)), _stage_text(stage))
            )
    return changes


def _dimension_changes(old: Policy, new: Policy) -> list[Change]:
    changes: list[Change] = []
    for dimension in DIMENSIONS:
        before, after = render(old, dimension), render(new, dimension)
        if before != after:
            changes.append(Change("changed", dimension.label, "dimension", before, after))
    return changes


def diff_policies(old: Policy, new: Policy) -> list[Change]:
    """Every difference: rules first (rule by rule), then stages, then the other dimensions."""
    return _rule_changes(old, new) + _stage_changes(old, new) + _dimension_changes(old, new)


KIND_LABELS = {"added": "ny", "removed": "borttagen", "changed": "ändrad"}


def diff_table(changes: list[Change]) -> Table:
    table: Table = [["vad", "ändring", "fält", "före", "efter"]]
    table += [
        [change.subject, KIND_LABELS[change.kind], change.field, change.before, change.after] for change in changes
    ]
    return table


def render_diff_text(old: Policy, new: Policy, changes: list[Change]) -> str:
    """One block per change, with the full old and new wording (clauses are long)."""
    lines = [f"Skillnader {old.id} → {new.id}: {len(changes)}", ""]
    for change in changes:
        lines.append(f"* {change.subject} ({KIND_LABELS[change.kind]} {change.field})")
        if change.kind != "added":
            lines.append(f"  före:  {change.before}")
        if change.kind != "removed":
            lines.append(f"  efter: {change.after}")
    return "\n".join(lines)
