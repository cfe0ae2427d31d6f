"""Checks that span a whole policy: codes are unique, rules and gates name real stages, every automatic
rule has the section it reads, and the `unset` list matches what is empty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from socialfund.core.policy.dimensions import effective_empty, unset_problems
from socialfund.core.policy.vocabulary import AUTO_CHECKED_RULE_IDS


def _duplicates(codes: list[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for code in codes:
        if code in seen and code not in repeated:
            repeated.append(code)
        seen.add(code)
    return repeated


def _has(*paths: str) -> Callable[[Any], bool]:
    """True when any of the paths has a value, in the policy or in one of its tracks."""
    return lambda policy: any(not effective_empty(policy, path) for path in paths)


def _evidence(policy: Any) -> bool:
    return policy.evidence is not None and policy.evidence.level != "none"


def _calculation(policy: Any) -> bool:
    specs = [policy.calculation, *(track.calculation for track in policy.tracks)]
    return any(spec is not None and spec.requirement != "none" for spec in specs)


def _repayment(policy: Any) -> bool:
    return policy.repayment is not None and policy.repayment.mode != "none"


def _procurement(policy: Any) -> bool:
    return policy.procurement is not None and policy.procurement.applies


def _signoffs(policy: Any) -> bool:
    return any(stage.gate.signoffs for stage in policy.stages)


SECTION_FOR_RULE: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "target_group": ("target_groups", _has("target_groups")),
    "applicant": ("applicants", _has("applicants")),
    "partnership": ("partnership", _has("partnership")),
    "evidence": ("evidence.level (annat än none)", _evidence),
    "goals": ("goals", _has("goals")),
    "evaluation": ("evaluation", _has("evaluation")),
    "calculation": ("calculation.requirement (annat än none)", _calculation),
    "repayment": ("repayment.mode (annat än none)", _repayment),
    "implementation": ("implementation", _has("implementation")),
    "procurement": ("procurement (applies: true)", _procurement),
    "amount_cap": (
        "limits.max_per_year eller limits.max_per_project",
        _has("limits.max_per_year", "limits.max_per_project"),
    ),
    "cofinancing": (
        "limits.max_share_of_cost eller limits.min_cofinancing_share",
        _has("limits.max_share_of_cost", "limits.min_cofinancing_share"),
    ),
    "duration": ("limits.duration_months", _has("limits.duration_months")),
    "deadline": ("calls", _has("calls")),
    "anchoring": ("signoffs i något stegs gate", _signoffs),
}


def _rule_problems(policy: Any) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    codes = [stage.code for stage in policy.stages]
    for index, rule in enumerate(policy.rules):
        where = f"rules[{index}]"
        if rule.from_stage is not None and rule.from_stage not in codes:
            problems.append((f"{where}.from_stage", f"okänt steg '{rule.from_stage}'; stegen är {', '.join(codes)}"))
        elif not rule.stages:
            problems.append((f"{where}.stages", "ange stages (en lista) eller from_stage"))
        for code in rule.stages:
            if code not in codes:
                problems.append((f"{where}.stages", f"okänt steg '{code}'; stegen är {', '.join(codes)}"))
        if rule.check == "auto" and rule.id not in AUTO_CHECKED_RULE_IDS:
            problems.append((f"{where}.check", f"regeln '{rule.id}' har ingen automatisk kontroll; ange check: human"))
        needed = SECTION_FOR_RULE.get(rule.id)
        if rule.check == "auto" and needed is not None and not needed[1](policy):
            problems.append((where, f"regeln '{rule.id}' kontrolleras automatiskt men policyn saknar {needed[0]}"))
    return problems


def _gate_problems(policy: Any) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for index, stage in enumerate(policy.stages):
        for rule_id in stage.gate.rules:
            rule = policy.rule(rule_id)
            if rule is None:
                problems.append((f"stages[{index}].gate.rules", f"okänd regel '{rule_id}'"))
            elif stage.code not in rule.stages:
                problems.append(
                    (f"stages[{index}].gate.rules", f"regeln '{rule_id}' gäller inte i steget '{stage.code}'")
                )
    return problems


def policy_problems(policy: Any) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for code in _duplicates([stage.code for stage in policy.stages]):
        problems.append(("stages", f"steget '{code}' förekommer två gånger"))
    for code in _duplicates([rule.id for rule in policy.rules]):
        problems.append(("rules", f"regeln '{code}' förekommer två gånger"))
    for code in _duplicates([track.code for track in policy.tracks]):
        problems.append(("tracks", f"spåret '{code}' förekommer två gånger"))
    if policy.default_track is not None and policy.default_track not in [t.code for t in policy.tracks]:
        problems.append(("default_track", f"okänt spår '{policy.default_track}'"))
    applicants = policy.applicants
    if applicants is not None and applicants.formal_from is not None:
        if applicants.formal_from not in [stage.code for stage in policy.stages]:
            problems.append(("applicants.formal_from", f"okänt steg '{applicants.formal_from}'"))
    problems += _rule_problems(policy)
    problems += _gate_problems(policy)
    problems += unset_problems(policy)
    return problems
