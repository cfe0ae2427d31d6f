"""The screening: hold an initiative against a policy, rule by rule, at the initiative's stage.

Each rule that applies at the stage gives one finding. A rule's check says what the
data shows; a human rule that the data does not contradict waits for the
preparation group (`assess`); a recorded assessment settles a pass, warn or assess
(but cannot cure a fail or something missing); a rule that only warns never
blocks. The verdict follows from the findings (result.decide_verdict).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from socialfund.core.policy import Policy, Rule
from socialfund.core.screening.checks import CHECKS, check_for, human_only
from socialfund.core.screening.context import Context
from socialfund.core.screening.loading import ScreeningInputError
from socialfund.core.screening.result import Finding, Outcome, ScreeningResult, decide_verdict
from socialfund.core.screening.screening_input import ScreeningAssessment, ScreeningInput

TIMEZONE = ZoneInfo("Europe/Stockholm")


def today() -> dt.date:
    return dt.datetime.now(TIMEZONE).date()


def _resolve_track(initiative: ScreeningInput, policy: Policy) -> tuple[Policy, str | None]:
    code = initiative.funding.track or policy.default_track
    if code is None:
        return policy, None
    if code not in policy.track_codes:
        allowed = ", ".join(policy.track_codes) or "(policyn har inga spår)"
        raise ScreeningInputError(
            [("funding.track", f"okänt spår '{code}' i policyn {policy.id}; tillåtna: {allowed}")]
        )
    return policy.for_track(code), code


def _check_stage(initiative: ScreeningInput, policy: Policy) -> None:
    if initiative.stage not in policy.stage_codes:
        stages = ", ".join(policy.stage_codes)
        raise ScreeningInputError(
            [("stage", f"okänt steg '{initiative.stage}' i policyn {policy.id}; stegen är: {stages}")]
        )


def _settle(outcome: Outcome, assessment: ScreeningAssessment | None) -> tuple[Outcome, bool]:
    """Apply the preparation group's recorded judgment, when there is one."""
    if assessment is None:
        return outcome, False
    if outcome.status in ("fail", "missing"):
        note = f" (Bedömningen '{assessment.verdict}' ändrar inte detta: {assessment.note})"
        return Outcome(outcome.status, outcome.message + note, outcome.departures), False
    if outcome.departures:
        # A departure from a limit stays on record after the assessment: the decision body decides on it.
        message = f"{outcome.message} Beredningsgruppens bedömning: {assessment.note}"
        return Outcome(assessment.verdict, message, outcome.departures), True
    return Outcome(assessment.verdict, f"Beredningsgruppens bedömning: {assessment.note}"), True


def _finding(rule: Rule, ctx: Context) -> Finding:
    check = check_for(rule.id) if rule.check == "auto" or rule.id in CHECKS else human_only
    outcome = check(ctx)
    if rule.check == "human" and outcome.status == "pass":
        outcome = Outcome("assess", f"{outcome.message} Beredningsgruppen bedömer.", outcome.departures)
    outcome, assessed = _settle(outcome, ctx.initiative.assessments.get(rule.id))
    if rule.severity == "warn" and outcome.status in ("fail", "missing"):
        outcome = Outcome("warn", outcome.message, outcome.departures)
    return Finding(
        rule=rule.id,
        status=outcome.status,
        message=outcome.message,
        clause=rule.clause,
        title=rule.display_title,
        severity=rule.severity,
        check=rule.check,
        clause_source=rule.clause_source,
        assessed=assessed,
        departures=outcome.departures,
    )


def _unused_assessments(initiative: ScreeningInput, policy: Policy) -> list[str]:
    applying = {rule.id for rule in policy.rules_at(initiative.stage)}
    notes = []
    for rule_id in initiative.assessments:
        if policy.rule(rule_id) is None:
            notes.append(f"Bedömningen av '{rule_id}' används inte: policyn {policy.id} har ingen sådan regel.")
        elif rule_id not in applying:
            notes.append(f"Bedömningen av '{rule_id}' används inte: regeln prövas inte i steget '{initiative.stage}'.")
    return notes


def screen(initiative: ScreeningInput, policy: Policy, *, on_date: dt.date | None = None) -> ScreeningResult:
    """Screen an initiative against a policy at the initiative's stage.

    `on_date` (default: the date the initiative was submitted, else today) decides which
    procurement threshold is in force. Raises ScreeningInputError when the stage or the
    track is not one the policy knows."""
    _check_stage(initiative, policy)
    resolved, track = _resolve_track(initiative, policy)
    day = on_date or initiative.submitted or today()
    ctx = Context(initiative, resolved, initiative.stage, day, track_unresolved=bool(policy.tracks) and track is None)
    findings = tuple(_finding(rule, ctx) for rule in resolved.rules_at(initiative.stage))
    stage = resolved.stage(initiative.stage)
    following = resolved.next_stage(initiative.stage)
    return ScreeningResult(
        policy_id=policy.id,
        initiative_title=initiative.title,
        stage=initiative.stage,
        on_date=day,
        verdict=decide_verdict(findings),
        findings=findings,
        gate_signoffs=stage.gate.signoffs,
        gate_rules=stage.gate.rules,
        next_stage=following.code if following else None,
        track=track,
        notes=tuple(_unused_assessments(initiative, resolved)),
    )
