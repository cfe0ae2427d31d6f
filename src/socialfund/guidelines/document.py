"""A guideline version as a plain document (the mapping a policy file holds), and its YAML form.

The editor stores a version as this document; it is validated by the very schema and consistency checks
the shipped files are (`parse_policy`), and exported as the YAML file the repository ships. Pure Python.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import yaml

from socialfund.core.policy import Policy, PolicyError, parse_policy
from socialfund.core.policy.errors import ROOT
from socialfund.core.policy.yamlio import YamlReadError, parse_yaml

Document = dict[str, Any]


def _plain(value: Any) -> Any:
    """JSON- and YAML-safe values that the schema reads back to the same thing: exact amounts stay exact."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        # A whole number of kronor as an integer; a share (0.7) as text, which the schema reads exactly.
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def document_of(policy: Policy) -> Document:
    """The policy as the document the editor stores: every value explicit (stages and gates filled in)."""
    document: Document = _plain(policy.model_dump(mode="python", exclude_none=True))
    return document


def validate_document(document: Document) -> tuple[Policy | None, list[tuple[str, str]]]:
    """The policy, or every problem (path, Swedish message) the shipped files' checks find."""
    try:
        return parse_policy(document), []
    except PolicyError as exc:
        return None, exc.errors


def export_yaml(document: Document, *, header: str = "") -> str:
    """The version as a policy file of the kind the repository ships."""
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    return ("\n".join(lines) + "\n" if lines else "") + text


def import_yaml(text: str) -> tuple[Policy | None, list[tuple[str, str]]]:
    """A policy file read strictly (a key given twice is an error) and validated; or its problems."""
    try:
        data = parse_yaml(text)
    except YamlReadError as exc:
        return None, [(ROOT, exc.problem)]
    if not isinstance(data, dict):
        return None, [(ROOT, "filen måste innehålla en mappning (nyckel: värde) på översta nivån")]
    return validate_document(data)


# -- editing by path ------------------------------------------------------------------------------------
Path = tuple[str | int, ...]


def path_text(path: Path) -> str:
    """('stages', 0, 'name_sv') -> 'stages[0].name_sv', the form the schema's errors use."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def get_at(document: Document, path: Path) -> Any:
    node: Any = document
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
            node = node[part]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
    return node


class NoneChosen(list[Any]):
    """An empty choice that means 'none' rather than 'not given' (a gate that demands no rule, where a gate
    left out demands every blocking rule): stored as an empty list, not removed."""


def _empty(value: Any) -> bool:
    if isinstance(value, NoneChosen):
        return False
    return value is None or value == "" or value == [] or value == {}


def set_at(document: Document, path: Path, value: Any) -> None:
    """Set a value, making the mappings on the way; an empty value removes the key (and mappings left empty)."""
    node: Any = document
    trail: list[tuple[Any, str | int]] = []
    for part in path[:-1]:
        trail.append((node, part))
        if isinstance(part, int):
            if part >= len(node):
                # A new item of a list (a follow-up duty, a source, a track): made only for a value.
                if _empty(value):
                    return
                node.extend({} for _ in range(part + 1 - len(node)))
            node = node[part]
        else:
            if not isinstance(node.get(part), dict | list):
                if _empty(value):
                    return
                # The next part says what to make: an index asks for a list (a new follow-up duty).
                node[part] = [] if isinstance(path[len(trail)], int) else {}
            node = node[part]
    last = path[-1]
    if _empty(value):
        if isinstance(node, dict):
            node.pop(last, None)
        for parent, part in reversed(trail):
            if isinstance(part, str) and parent.get(part) == {}:
                parent.pop(part)
    else:
        node[last] = list(value) if isinstance(value, NoneChosen) else value


# A list item without its defining value is dropped: emptying it is the editor's way to delete one.
_DEFINED_BY = {
    "reporting": "what",
    "sources": "title",
    "alternatives": "label",
    "requirements": "types",
    "tracks": "name_sv",
}


def prune(node: Any) -> None:
    """Drop list items emptied in the editor (a follow-up duty without 'what', a track without a name, …)
    and the mappings left empty."""
    if isinstance(node, list):
        for item in node:
            prune(item)
        return
    if not isinstance(node, dict):
        return
    for key in list(node):
        value = node[key]
        if isinstance(value, list) and key in _DEFINED_BY:
            value[:] = [item for item in value if not isinstance(item, dict) or not _empty(item.get(_DEFINED_BY[key]))]
        prune(value)
        if isinstance(value, dict) and not value:
            node.pop(key)
