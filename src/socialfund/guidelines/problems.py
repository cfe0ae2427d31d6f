"""The schema's problems in the editor's words: at the field that caused them, without code names."""

from __future__ import annotations

import re

from socialfund.core.policy import vocabulary as v
from socialfund.core.policy.errors import ROOT
from socialfund.guidelines.document import Document
from socialfund.guidelines.fields import FieldSpec, field_labels

_QUOTED = re.compile(r"'([^']*)'")
_PATH = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")


def humanise(message: str, document: Document) -> str:
    """Rule ids, stage codes and field paths in a message replaced by their Swedish names."""
    names: dict[str, str] = {}
    for stage in document.get("stages") or []:
        if isinstance(stage, dict) and stage.get("code"):
            names[str(stage["code"])] = str(stage.get("name_sv") or stage["code"])
    for rule in document.get("rules") or []:
        if isinstance(rule, dict) and rule.get("id"):
            rule_id = str(rule["id"])
            names[rule_id] = str(rule.get("title") or v.RULE_TITLES.get(rule_id, rule_id))
    labels = field_labels(document)

    def quoted(match: re.Match[str]) -> str:
        word = match.group(1)
        return f"”{names.get(word, labels.get(word, word))}”"

    text = _QUOTED.sub(quoted, message)
    return _PATH.sub(lambda m: f"”{labels[m.group(0)]}”" if m.group(0) in labels else m.group(0), text)


def place(
    errors: list[tuple[str, str]], fields: list[FieldSpec], document: Document
) -> tuple[dict[str, list[str]], list[str]]:
    """Errors by form field name, and the rest (named by the field they concern, where there is one)."""
    by_field: dict[str, list[str]] = {}
    rest: list[str] = []
    labels = field_labels(document)
    for path, message in errors:
        text = humanise(message, document)
        spec = next((f for f in fields if f.where == path), None) or next(
            (f for f in fields if path.startswith(f.where + "[") or path.startswith(f.where + ".")), None
        )
        if spec is not None:
            by_field.setdefault(spec.name, []).append(text[:1].upper() + text[1:])
            continue
        label = labels.get(path)
        rest.append(f"{label}: {text}" if label else (text if path == ROOT else f"{humanise(path, document)}: {text}"))
    return by_field, rest
