"""The editor's sections over the policy schema: which parts each shows (`parts`), under a Swedish title.
Every part of the schema has a section, so no part needs YAML to be edited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from socialfund.core.formatting import format_number
from socialfund.guidelines import parts
from socialfund.guidelines.document import Document, get_at
from socialfund.guidelines.fieldspec import GUIDELINE_TEXT, FieldSpec, Kind

__all__ = ["GUIDELINE_TEXT", "SECTIONS", "FieldSpec", "Kind", "Section", "field_labels", "initial_value", "section"]


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    build: Callable[[Document], list[FieldSpec]]
    folded: bool = False
    """Each field group (a stage) folds under its name and is listed at the top: the section is otherwise
    many screens long."""

    def fields(self, document: Document) -> list[FieldSpec]:
        return self.build(document)


SECTIONS: tuple[Section, ...] = (
    Section("fonden", "Fonden och beslutet", parts.fund_part),
    Section("syfte", "Syfte, målgrupp och mål", parts.purpose_part),
    Section("sokande", "Vem ansöker, samverkan och upphandling", parts.applicants_part),
    Section("pengar", "Belopp, beräkning och återföring", parts.money_part),
    Section("ansokningstider", "Ansökningstider", parts.calls_part),
    Section("kunskap", "Kunskapsbas, utvärdering och implementering", parts.knowledge_part),
    Section("organisation", "Beslut och beredningsgrupp", parts.organisation_part),
    Section("steg", "Steg, aktörer och förankring", parts.stages_part, folded=True),
    Section("regler", "Regler för prövningen", parts.rules_part),
    Section("uppfoljning", "Uppföljning", parts.reporting_part),
    Section("spar", "Spår med egna villkor", parts.tracks_part),
    Section("kallor", "Källor och det riktlinjerna lämnar öppet", parts.sources_part),
)


def section(code: str) -> Section:
    for candidate in SECTIONS:
        if candidate.code == code:
            return candidate
    raise KeyError(code)


def _number_text(value: Any, scale: int = 1) -> str:
    """'24 000 000' for 24000000, '12,5' for a share of 0.125 shown in per cent: as the pages write numbers."""
    number = Decimal(str(value)) * scale
    decimals = max(0, -number.normalize().as_tuple().exponent)  # type: ignore[operator]
    return format_number(number, decimals)


def initial_value(spec: FieldSpec, document: Document) -> Any:
    value = get_at(document, spec.path)
    if spec.kind in ("amount", "percent") and value is not None:
        return _number_text(value, 100 if spec.kind == "percent" else 1)
    if spec.kind == "dates":
        return "\n".join(str(day) for day in value or [])
    if spec.kind == "multi" and spec.numeric:
        return [str(item) for item in value or []]
    if spec.kind == "lines":
        return "\n".join(value or [])
    if spec.kind == "bool":
        return "" if value is None else ("ja" if value else "nej")
    if spec.kind == "choice" and value is not None:
        return str(value)
    return value


def field_labels(document: Document) -> dict[str, str]:
    """Every field's path → its label (with its group), for naming a problem found elsewhere."""
    labels: dict[str, str] = {}
    for part in SECTIONS:
        for spec in part.fields(document):
            labels[spec.where] = f"{spec.group}, {spec.label.lower()}" if spec.group else spec.label
    return labels
