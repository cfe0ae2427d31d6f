"""What a save changed on a case, field by field, with the Swedish names people know the fields by.

The log says "Ändrat: Målgrupper, Budget och medfinansiering." instead of "Uppgifterna ändrades.", and keeps
the old and new value of the short fields (title, summary) in the event's data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The case's own fields and the initiative file's sections (the content), as the forms and steps name them.
FIELD_LABELS: dict[str, str] = {
    "title": "Titel",
    "summary": "Sammanfattning",
    "initiator_name": "Initiativtagare",
    "partner_boards": "Samverkande nämnder",
    "draft_inputs": "Ofärdiga svar",
    "target_groups": "Målgrupper",
    "purpose": "Syfte",
    "beneficiaries": "Vem insatsen når",
    "needs_analysis": "Behovsanalys",
    "method": "Metod och kunskapsbas",
    "goals": "Mål och indikatorer",
    "evaluation": "Uppföljning och utvärdering",
    "implementation_plan": "Implementering",
    "procurement": "Externa aktörer och upphandling",
    "funding": "Budget och medfinansiering",
    "calculation": "Socioekonomisk beräkning",
    "partners": "Parter",
    "note": "Anteckning",
}
OTHER_LABEL = "Övriga uppgifter"
SHORT_FIELDS = frozenset({"title", "summary", "initiator_name"})


def label(name: str) -> str:
    return FIELD_LABELS.get(name, OTHER_LABEL)


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Names whose values differ; the content's sections each count as a field of their own."""
    names: list[str] = []
    for name in after:
        if name == "content":
            old, new = before.get("content") or {}, after.get("content") or {}
            names.extend(key for key in sorted({*old, *new}) if old.get(key) != new.get(key))
        elif before.get(name) != after.get(name):
            names.append(name)
    return names


def change_record(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """The log's message and the event's data for a save; an empty message when nothing changed."""
    names = changed_fields(before, after)
    if not names:
        return "", []
    labels = list(dict.fromkeys(label(name) for name in names))
    data = [
        {
            "field": name,
            "label": label(name),
            **({"from": before.get(name), "to": after.get(name)} if name in SHORT_FIELDS else {}),
        }
        for name in names
    ]
    return "Ändrat: " + ", ".join(labels) + ".", data
