"""What a screening returns: one finding per rule that applies at the stage, and a verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["pass", "fail", "warn", "missing", "assess"]
Verdict = Literal["eligible", "not_eligible", "incomplete", "needs_assessment"]

VERDICT_LABELS: dict[str, str] = {
    "eligible": "kan gå vidare",
    "not_eligible": "uppfyller inte riktlinjerna",
    "incomplete": "ofullständig",
    "needs_assessment": "väntar på bedömning",
}
STATUS_LABELS: dict[str, str] = {
    "pass": "uppfyllt",
    "fail": "uppfylls inte",
    "warn": "varning",
    "missing": "saknas",
    "assess": "bedöms",
}


@dataclass(frozen=True)
class Outcome:
    """What a rule's check found, before severity and recorded assessments are applied."""

    status: Status
    message: str
    departures: tuple[str, ...] = ()
    """The guideline limits the data departs from (repayment: the calculation's violation codes)."""


@dataclass(frozen=True)
class Finding:
    rule: str
    status: Status
    message: str
    """Swedish; says what holds or what to do."""
    clause: str
    """The guideline text the rule comes from."""
    title: str
    severity: Literal["block", "warn"]
    check: Literal["auto", "human"]
    clause_source: str
    assessed: bool = False
    """True when a recorded assessment of the preparation group settled it."""
    departures: tuple[str, ...] = ()
    """Limits of the guidelines the case departs from, which only the decision body can except it from
    (repayment: `repayment_incomplete`, `repayment_start_too_late`…). Empty when none."""


@dataclass(frozen=True)
class ScreeningResult:
    policy_id: str
    initiative_title: str
    stage: str
    on_date: dt.date
    verdict: Verdict
    findings: tuple[Finding, ...]
    gate_signoffs: tuple[str, ...] = ()
    gate_rules: tuple[str, ...] = ()
    next_stage: str | None = None
    track: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def finding(self, rule_id: str) -> Finding | None:
        return next((finding for finding in self.findings if finding.rule == rule_id), None)

    def status_of(self, rule_id: str) -> Status | None:
        found = self.finding(rule_id)
        return found.status if found else None

    def with_status(self, status: Status) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.status == status)


def decide_verdict(findings: Iterable[Finding]) -> Verdict:
    """not_eligible when a blocking rule fails; else incomplete when something is missing; else
    needs_assessment when a judgment is open; else eligible (warnings allowed)."""
    statuses = {finding.status for finding in findings}
    if "fail" in statuses:
        return "not_eligible"
    if "missing" in statuses:
        return "incomplete"
    if "assess" in statuses:
        return "needs_assessment"
    return "eligible"


def screening_to_dict(result: ScreeningResult) -> dict[str, Any]:
    """The result as plain JSON-ready data (the `socialfund screen --json` structure)."""
    return {
        "policy": result.policy_id,
        "initiative": result.initiative_title,
        "stage": result.stage,
        "track": result.track,
        "on_date": result.on_date.isoformat(),
        "verdict": result.verdict,
        "verdict_label": VERDICT_LABELS[result.verdict],
        "gate": {"signoffs": list(result.gate_signoffs), "rules": list(result.gate_rules)},
        "next_stage": result.next_stage,
        "findings": [
            {
                "rule": finding.rule,
                "title": finding.title,
                "status": finding.status,
                "severity": finding.severity,
                "check": finding.check,
                "message": finding.message,
                "clause": finding.clause,
                "clause_source": finding.clause_source,
                "assessed": finding.assessed,
                "departures": list(finding.departures),
            }
            for finding in result.findings
        ],
        "notes": list(result.notes),
    }
