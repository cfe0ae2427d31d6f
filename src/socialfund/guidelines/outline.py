"""Adding, removing and moving stages and rules in a guideline document. Pure Python.

Each function returns a new document or refuses with a Swedish message (`OutlineRefusal`) that names the
form field it concerns; the service then validates the whole document with the shipped files' checks.
A document keeps every rule's stages and every gate's rules explicit (`document_of` fills them in), so
these functions keep them so.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass

from socialfund.core.policy import vocabulary as v
from socialfund.guidelines.document import Document

CUSTOM_RULE = "egen"
"""The rule kind of a rule the preparation group judges by itself (no automatic check)."""


class OutlineRefusal(Exception):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def code_from(name: str, taken: set[str], fallback: str) -> str:
    """A code for a new stage or rule from its Swedish name ('Dialog med kontoret' → 'dialog_med_kontoret')."""
    plain = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    base = "_".join(words)[:40].strip("_") or fallback
    code, number = base, 2
    while code in taken:
        code, number = f"{base}_{number}", number + 1
    return code


def rule_title(rule: dict[str, object]) -> str:
    return str(rule.get("title") or v.RULE_TITLES.get(str(rule.get("id")), "regeln"))


@dataclass(frozen=True)
class NewStage:
    name_sv: str
    name_en: str
    actor: str
    after: int | None
    """The index of the stage the new one follows; None: first."""
    description: str = ""


def stage_added(document: Document, new: NewStage) -> Document:
    """The stage inserted after `after`. A rule checked at the stages on both sides of it (a rule that
    applies from an earlier stage on) is checked at the new stage too, and a blocking one is in its gate."""
    if not new.name_sv.strip():
        raise OutlineRefusal("Ange stegets namn.", "name_sv")
    out = copy.deepcopy(document)
    stages = out["stages"]
    if any(str(s.get("name_sv", "")).strip().lower() == new.name_sv.strip().lower() for s in stages):
        raise OutlineRefusal("Det finns redan ett steg med det namnet.", "name_sv")
    position = 0 if new.after is None else new.after + 1
    code = code_from(new.name_sv, {str(s.get("code")) for s in stages}, "steg")
    before = stages[position - 1]["code"] if position > 0 else None
    after = stages[position]["code"] if position < len(stages) else None
    gate_rules = []
    for rule in out["rules"]:
        checked = rule.get("stages") or []
        if before in checked and (after is None or after in checked):
            checked.insert(checked.index(before) + 1, code)
            if rule.get("severity") == "block":
                gate_rules.append(rule["id"])
    stage: dict[str, object] = {
        "code": code,
        "name_sv": new.name_sv.strip(),
        "name_en": new.name_en.strip() or new.name_sv.strip(),
        "actor": new.actor,
        "gate": {"signoffs": [], "rules": gate_rules},
    }
    if new.description.strip():
        stage["description"] = new.description.strip()
    stages.insert(position, stage)
    return out


def _cases(count: int) -> str:
    return "ett öppet ärende står" if count == 1 else f"{count} öppna ärenden står"


def stage_removed(document: Document, index: int, cases_in_stage: int) -> Document:
    """The stage taken away, and with it from the rules checked there; refused while cases sit in it, while
    the applicant rule's first formal stage is it, or while a rule is checked at no other stage."""
    stages = document["stages"]
    if not 0 <= index < len(stages):
        raise OutlineRefusal("Välj ett steg som finns.", "stage")
    code, name = stages[index]["code"], stages[index].get("name_sv") or stages[index]["code"]
    if len(stages) == 1:
        raise OutlineRefusal("Riktlinjerna måste ha minst ett steg.", "stage")
    if cases_in_stage:
        raise OutlineRefusal(f"Steget ”{name}” kan inte tas bort: {_cases(cases_in_stage)} i steget nu.", "stage")
    if (document.get("applicants") or {}).get("formal_from") == code:
        raise OutlineRefusal(
            f"Steget ”{name}” kan inte tas bort: det är steget från vilket bara tillåtna sökande får stå som "
            "sökande (avsnittet Vem ansöker). Välj ett annat steg där först.",
            "stage",
        )
    alone = [rule_title(rule) for rule in document["rules"] if (rule.get("stages") or []) == [code]]
    if alone:
        raise OutlineRefusal(
            f"Steget ”{name}” kan inte tas bort: regeln ”{alone[0]}” prövas bara i det steget. "
            "Låt regeln prövas i ett annat steg, eller ta bort regeln, först.",
            "stage",
        )
    out = copy.deepcopy(document)
    del out["stages"][index]
    codes = [stage["code"] for stage in out["stages"]]
    for rule in out["rules"]:
        rule["stages"] = [c for c in rule.get("stages") or [] if c != code]
        if rule.get("from_stage") == code:
            rule["from_stage"] = next((c for c in codes if c in rule["stages"]), None)
            if rule["from_stage"] is None:
                rule.pop("from_stage")
    return out


def stage_moved(document: Document, index: int, step: int) -> Document:
    """The stage one place earlier (step -1) or later (+1). The rules keep the stages they are checked at."""
    stages = document["stages"]
    target = index + step
    if not (0 <= index < len(stages) and 0 <= target < len(stages)):
        raise OutlineRefusal("Steget kan inte flyttas längre åt det hållet.", "stage")
    out = copy.deepcopy(document)
    moved = out["stages"]
    moved[index], moved[target] = moved[target], moved[index]
    order = [stage["code"] for stage in moved]
    for rule in out["rules"]:
        rule["stages"] = sorted(rule.get("stages") or [], key=order.index)
        if rule.get("from_stage") and rule["stages"]:
            rule["from_stage"] = rule["stages"][0]
    return out


def rule_kinds(document: Document) -> list[tuple[str, str]]:
    """The kinds of rule that can be added: each automatic check the fund has not yet got, and a rule of
    its own that the preparation group judges."""
    present = {rule.get("id") for rule in document.get("rules") or []}
    kinds = [(CUSTOM_RULE, "Egen regel som beredningsgruppen bedömer")]
    kinds += [
        (code, f"{title} (kontrolleras automatiskt)")
        for code, title in v.RULE_TITLES.items()
        if code in v.AUTO_CHECKED_RULE_IDS and code not in present
    ]
    return kinds


@dataclass(frozen=True)
class NewRule:
    kind: str
    title: str
    clause: str
    clause_kind: str
    clause_source: str
    explanation: str
    severity: str
    from_stage: str


def rule_added(document: Document, new: NewRule) -> Document:
    """The rule added last, checked from its stage on; a blocking rule is in those stages' gates."""
    for value, field, message in (
        (new.clause, "clause", "Ange riktlinjernas text som regeln bygger på."),
        (new.clause_source, "clause_source", "Ange var texten står."),
        (new.explanation, "explanation", "Förklara regeln på vanlig svenska."),
    ):
        if not value.strip():
            raise OutlineRefusal(message, field)
    out = copy.deepcopy(document)
    codes = [stage["code"] for stage in out["stages"]]
    if new.from_stage not in codes:
        raise OutlineRefusal("Välj steget regeln prövas från.", "from_stage")
    taken = {str(rule.get("id")) for rule in out["rules"]}
    if new.kind == CUSTOM_RULE:
        if not new.title.strip():
            raise OutlineRefusal("Ange regelns rubrik.", "title")
        rule_id, check = code_from(new.title, taken, "regel"), "human"
    elif new.kind in v.AUTO_CHECKED_RULE_IDS and new.kind not in taken:
        rule_id, check = new.kind, "auto"
    else:
        raise OutlineRefusal("Välj ett slag av regel som riktlinjerna inte redan har.", "kind")
    stages = codes[codes.index(new.from_stage) :]
    rule: dict[str, object] = {
        "id": rule_id,
        "clause": new.clause.strip(),
        "clause_kind": new.clause_kind,
        "clause_source": new.clause_source.strip(),
        "explanation": new.explanation.strip(),
        "check": check,
        "severity": new.severity,
        "stages": stages,
        "from_stage": new.from_stage,
    }
    if new.title.strip():
        rule["title"] = new.title.strip()
    out["rules"].append(rule)
    if new.severity == "block":
        for stage in out["stages"]:
            if stage["code"] in stages:
                stage.setdefault("gate", {}).setdefault("rules", []).append(rule_id)
    return out


def rule_removed(document: Document, index: int) -> Document:
    """The rule taken away, and from the gates that demanded it; the last rule cannot go."""
    rules = document["rules"]
    if not 0 <= index < len(rules):
        raise OutlineRefusal("Välj en regel som finns.", "rule")
    if len(rules) == 1:
        raise OutlineRefusal("Riktlinjerna måste ha minst en regel.", "rule")
    out = copy.deepcopy(document)
    removed = out["rules"].pop(index)
    for stage in out["stages"]:
        gate = stage.get("gate") or {}
        if removed["id"] in (gate.get("rules") or []):
            gate["rules"] = [r for r in gate["rules"] if r != removed["id"]]
    return out


__all__ = [
    "CUSTOM_RULE",
    "NewRule",
    "NewStage",
    "OutlineRefusal",
    "rule_added",
    "rule_kinds",
    "rule_removed",
    "stage_added",
    "stage_moved",
    "stage_removed",
]
