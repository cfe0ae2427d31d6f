"""The editor's sections over the policy schema: which fields, where in the document, with Swedish labels.

A field names the document path it edits (`repayment.grace_years`), so the schema's errors, which carry
the same paths, land at the field that caused them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from socialfund.core.formatting import format_number
from socialfund.core.policy import vocabulary as v
from socialfund.guidelines.document import Document, Path, get_at, path_text

Kind = Literal["text", "textarea", "int", "amount", "percent", "date", "dates", "bool", "choice", "multi", "lines"]


@dataclass(frozen=True)
class FieldSpec:
    path: Path
    label: str
    kind: Kind
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    group: str = ""
    """A heading the field is shown under within its section (a stage's or a rule's name)."""
    numeric: bool = False
    """A choice whose codes are numbers in the document (a month)."""

    @property
    def name(self) -> str:
        """The form field's name: the path with only letters, digits and underscores."""
        return "f_" + path_text(self.path).replace("[", "_").replace("]", "").replace(".", "__")

    @property
    def where(self) -> str:
        return path_text(self.path)


def _choices(labels: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(labels.items())


GUIDELINE_TEXT = "Riktlinjernas text (citat eller nära återgivning)"


def _purpose(document: Document) -> list[FieldSpec]:
    return [
        FieldSpec(("target_groups", "groups"), "Målgrupper", "multi", _choices(v.TARGET_GROUP_LABELS)),
        FieldSpec(
            ("target_groups", "via_adults"),
            "Insatser riktade till vuxna (föräldrar, lärare) får stödjas när målen gäller målgruppen",
            "bool",
        ),
        FieldSpec(("target_groups", "priority"), "Prioritering", "text"),
        FieldSpec(("target_groups", "note"), GUIDELINE_TEXT, "textarea"),
    ]


def _applicants(document: Document) -> list[FieldSpec]:
    roles = (
        ("partner", "som part i projektet"),
        ("procurement", "som leverantör som nämnden upphandlar"),
        ("apply_directly", "genom att ansöka själv"),
    )
    return [
        FieldSpec(("applicants", "allowed_types"), "Vem får ansöka", "multi", _choices(v.PARTY_TYPE_LABELS)),
        FieldSpec(("applicants", "excluded_types"), "Vem får inte delta alls", "multi", _choices(v.PARTY_TYPE_LABELS)),
        FieldSpec(("applicants", "external_ideas"), "Externa aktörer får lämna idéer", "bool"),
        FieldSpec(("applicants", "external_role"), "Hur en extern aktör deltar", "choice", roles),
        FieldSpec(("applicants", "lead_board_required"), "En förvaltning som ansöker ska ange ansvarig nämnd", "bool"),
        FieldSpec(("applicants", "note"), GUIDELINE_TEXT, "textarea"),
    ]


def _money(document: Document) -> list[FieldSpec]:
    return [
        FieldSpec(("funding", "capital"), "Fondens kapital (kr)", "amount"),
        FieldSpec(("limits", "max_per_project"), "Högsta belopp per projekt (kr)", "amount"),
        FieldSpec(("limits", "max_per_year"), "Högsta belopp per år (kr)", "amount"),
        FieldSpec(("calculation", "requirement"), "Socioekonomisk beräkning", "choice", _choices(v.CALCULATION_LABELS)),
        FieldSpec(("calculation", "note"), GUIDELINE_TEXT + " om beräkningen", "textarea"),
        FieldSpec(("repayment", "mode"), "Återföring", "choice", _choices(v.REPAYMENT_LABELS)),
        FieldSpec(
            ("repayment", "grace_years"),
            "År verksamheten får arbeta innan återföring ska ske",
            "int",
            help="Ingen återföring före projektets startår plus så här många år.",
        ),
        FieldSpec(
            ("repayment", "latest_start_offset_years"), "Återföringen börjar senast (år efter projektstart)", "int"
        ),
        FieldSpec(
            ("repayment", "max_years_after_first"), "Återföringen är klar senast (år efter att den började)", "int"
        ),
        FieldSpec(("repayment", "waiver"), "Undantag från återföring", "choice", _choices(v.WAIVER_LABELS)),
        FieldSpec(("repayment", "repaid_by"), "Vem återför", "text"),
        FieldSpec(("repayment", "note"), GUIDELINE_TEXT + " om återföringen", "textarea"),
    ]


def _organisation(document: Document) -> list[FieldSpec]:
    group = ("organisation", "preparation_group")
    return [
        FieldSpec(("organisation", "decision_body"), "Beslutar om investeringar", "text"),
        FieldSpec(("organisation", "opinion_bodies"), "Yttrar sig (en per rad)", "lines"),
        FieldSpec((*group, "members"), "Beredningsgruppens ledamöter (en per rad)", "lines"),
        FieldSpec((*group, "chair"), "Ordförande", "text"),
        FieldSpec((*group, "secretary"), "Sekreterare", "text"),
        FieldSpec((*group, "coordinator"), "Samordnas av", "text"),
        FieldSpec((*group, "co_opted"), "Adjungerade", "text"),
        FieldSpec(("organisation", "note"), GUIDELINE_TEXT, "textarea"),
    ]


def _stages(document: Document) -> list[FieldSpec]:
    fields = []
    for index, stage in enumerate(document.get("stages") or []):
        group = f"Steg {index + 1}: {stage.get('name_sv') or ''}"
        fields += [
            FieldSpec(("stages", index, "name_sv"), "Namn", "text", group=group),
            FieldSpec(("stages", index, "name_en"), "Namn på engelska", "text", group=group),
            FieldSpec(("stages", index, "actor"), "Vem agerar", "choice", _choices(v.ROLE_LABELS), group=group),
            FieldSpec(
                ("stages", index, "gate", "signoffs"),
                "Förankring som krävs för att gå vidare",
                "multi",
                _choices(v.SIGNOFF_LABELS),
                group=group,
            ),
            FieldSpec(("stages", index, "description"), "Beskrivning", "textarea", group=group),
        ]
    return fields


def _rules(document: Document) -> list[FieldSpec]:
    fields = []
    severity = (("block", "spärr: ett nej stoppar ärendet"), ("warn", "varning"))
    check = (("auto", "kontrolleras automatiskt"), ("human", "beredningsgruppen bedömer"))
    for index, rule in enumerate(document.get("rules") or []):
        title = rule.get("title") or v.RULE_TITLES.get(str(rule.get("id")), "")
        group = f"Regel {index + 1}: {title}"
        fields += [
            FieldSpec(("rules", index, "title"), "Rubrik", "text", group=group),
            FieldSpec(("rules", index, "clause"), GUIDELINE_TEXT, "textarea", group=group),
            FieldSpec(("rules", index, "clause_source"), "Var texten står", "text", group=group),
            FieldSpec(("rules", index, "explanation"), "Förklaring på vanlig svenska", "textarea", group=group),
            FieldSpec(("rules", index, "severity"), "Allvar", "choice", severity, group=group),
            FieldSpec(("rules", index, "check"), "Kontroll", "choice", check, group=group),
        ]
    return fields


def _reporting(document: Document) -> list[FieldSpec]:
    fields = []
    duties = list(document.get("reporting") or [])
    scope = (("project", "varje projekt"), ("fund", "fonden som helhet"))
    months = tuple((str(number), name) for number, name in enumerate(v.MONTHS_SV, start=1))
    # One empty duty more than there are: the way to add one.
    for index in range(len(duties) + 1):
        group = f"Uppföljning {index + 1}" if index < len(duties) else "Ny uppföljning"
        fields += [
            FieldSpec(("reporting", index, "what"), "Vad som följs upp", "text", group=group),
            FieldSpec(
                ("reporting", index, "frequency"), "Hur ofta", "choice", _choices(v.FREQUENCY_LABELS), group=group
            ),
            FieldSpec(("reporting", index, "scope"), "Gäller", "choice", scope, group=group),
            FieldSpec(("reporting", index, "month"), "Månad", "choice", months, group=group, numeric=True),
            FieldSpec(("reporting", index, "responsible"), "Ansvarig", "text", group=group),
            FieldSpec(("reporting", index, "note"), GUIDELINE_TEXT, "textarea", group=group),
        ]
    return fields


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    build: Callable[[Document], list[FieldSpec]]

    def fields(self, document: Document) -> list[FieldSpec]:
        return self.build(document)


SECTIONS: tuple[Section, ...] = (
    Section("syfte", "Syfte och målgrupp", _purpose),
    Section("sokande", "Vem ansöker", _applicants),
    Section("pengar", "Belopp, beräkning och återföring", _money),
    Section("organisation", "Beslut och beredningsgrupp", _organisation),
    Section("steg", "Steg, aktörer och förankring", _stages),
    Section("regler", "Regler för prövningen", _rules),
    Section("uppfoljning", "Uppföljning", _reporting),
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
