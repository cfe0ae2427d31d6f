"""Shorthands a policy file may use, expanded before validation.

- A rule's `from_stage: application` means "at this stage and every later one": it
  fills `stages`.
- A stage whose gate gives no `rules` gets every blocking rule that applies at it.

Only well-formed pieces are expanded; anything malformed is left as it is for the
schema to report with its path.
"""

from __future__ import annotations

from typing import Any


def _stage_codes(data: dict[str, Any]) -> list[str] | None:
    stages = data.get("stages")
    if not isinstance(stages, list):
        return None
    codes = [stage.get("code") for stage in stages if isinstance(stage, dict)]
    return [code for code in codes if isinstance(code, str)]


def _expand_from_stage(rule: dict[str, Any], codes: list[str]) -> dict[str, Any]:
    start = rule.get("from_stage")
    if not isinstance(start, str) or start not in codes or rule.get("stages"):
        return rule
    return {**rule, "stages": codes[codes.index(start) :]}


def _default_gate(stage: dict[str, Any], rules: list[dict[str, Any]]) -> dict[str, Any]:
    gate = stage.get("gate")
    if gate is None:
        gate = {}
    if not isinstance(gate, dict) or "rules" in gate:
        return stage
    code = stage.get("code")
    blocking = [
        rule["id"]
        for rule in rules
        if rule.get("severity") == "block" and isinstance(rule.get("stages"), list) and code in rule["stages"]
    ]
    return {**stage, "gate": {**gate, "rules": blocking}}


def expand_shorthands(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    codes = _stage_codes(data)
    rules = data.get("rules")
    if codes is None or not isinstance(rules, list):
        return data
    expanded_rules = [_expand_from_stage(rule, codes) if isinstance(rule, dict) else rule for rule in rules]
    dict_rules = [rule for rule in expanded_rules if isinstance(rule, dict) and isinstance(rule.get("id"), str)]
    stages = [_default_gate(stage, dict_rules) if isinstance(stage, dict) else stage for stage in data["stages"]]
    return {**data, "rules": expanded_rules, "stages": stages}
