"""The application's content as a typed value: every guided step's answers and the calculation.

`Initiative.content` is stored as JSON; this module is the one place that reads it. The draft
service validates content with `parse_application` before storing it, so code downstream reads
typed fields instead of string keys. Drafts stored before that validation may hold content that
no longer parses: `read_application` keeps every field that does parse and lists, in Swedish,
what does not, so such a draft still opens and nothing stored is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError, field_validator

from socialfund.core.calc.labels import describe_path as describe_calculation_path
from socialfund.core.policy.base import FrozenModel, Text
from socialfund.core.policy.errors import ROOT, InputError, translate
from socialfund.core.policy.vocabulary import Beneficiaries, Purpose, TargetGroup
from socialfund.core.screening.calculation_check import calculation_errors
from socialfund.core.screening.screening_input import (
    EvaluationPlan,
    Funding,
    Goal,
    Method,
    NeedsAnalysis,
    Party,
    ProcurementPlan,
)
from socialfund.core.strictread import read_document


class Application(FrozenModel):
    """What the applicant answers in the guided steps; the case's own rows (title, boards, sign-offs) are apart."""

    needs_analysis: NeedsAnalysis | None = None
    target_groups: tuple[TargetGroup, ...] = ()
    reached_through: tuple[Text, ...] = ()
    purpose: Purpose | None = None
    beneficiaries: Beneficiaries | None = None
    method: Method | None = None
    partners: tuple[Party, ...] = ()
    """Parties other than the municipality's boards (boards are rows on the case)."""
    goals: tuple[Goal, ...] = ()
    evaluation: EvaluationPlan | None = None
    implementation_plan: str | None = None
    procurement: ProcurementPlan | None = None
    funding: Funding = Funding()
    economic_reasoning: str | None = None
    calculation: dict[str, Any] | None = None
    """The calculation document; valid by construction (checked with the calculation's own parser)."""

    @field_validator("calculation")
    @classmethod
    def _calculation_parses(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        if value:
            errors = calculation_errors(value)
            if errors:
                path, message = errors[0]
                raise ValueError(f"{describe_calculation_path(path)}: {message}")
        return value

    @property
    def has_calculation(self) -> bool:
        return bool(self.calculation)


EMPTY_APPLICATION = Application()

FIELD_LABELS: dict[str, str] = {
    "needs_analysis": "Behovsanalys",
    "target_groups": "Målgrupper",
    "reached_through": "Når målgruppen genom",
    "purpose": "Syfte",
    "beneficiaries": "Vem insatsen riktar sig till",
    "method": "Metod",
    "partners": "Samarbetsparter",
    "goals": "Mål",
    "evaluation": "Utvärdering",
    "implementation_plan": "Genomförandeplan",
    "procurement": "Upphandling",
    "funding": "Finansiering",
    "economic_reasoning": "Ekonomiskt resonemang",
    "calculation": "Kalkyl",
    # Fields inside the steps.
    "description": "beskrivning",
    "data": "underlag",
    "research_references": "forskningsreferenser",
    "proven_practice": "beprövad erfarenhet",
    "causal_logic": "orsakssamband",
    "documented": "dokumenterad metod",
    "name": "namn",
    "type": "typ",
    "area": "verksamhetsområde",
    "board": "nämnd",
    "signed_off": "undertecknad",
    "role": "roll",
    "indicator": "indikator",
    "baseline": "utgångsvärde",
    "target": "målvärde",
    "unit": "enhet",
    "kind": "slag",
    "external_party": "extern utvärderare",
    "standardized_instrument": "standardiserat instrument",
    "instrument": "instrument",
    "plan": "plan",
    "supplier": "leverantör",
    "contract_value": "kontraktsvärde",
    "value_per_year": "värde per år",
    "contract_months": "avtalstid i månader",
    "open_competition": "öppen konkurrens",
    "requested": "sökt belopp",
    "cofinancing_share": "andel medfinansiering",
    "total_cost": "total kostnad",
    "duration_months": "projekttid i månader",
    "track": "spår",
}

ITEM_LABELS: dict[str, str] = {
    "goals": "mål",
    "partners": "part",
    "target_groups": "målgrupp",
    "reached_through": "svar",
    "research_references": "referens",
    "proven_practice": "referens",
    "data": "underlag",
}


def describe_field(path: str) -> str:
    """'goals[1].indicator' -> 'Mål, mål 2, indikator'; never a code name (an unknown key is 'okänt fält')."""
    if path in ("", ROOT):
        return "Ansökan"
    words: list[str] = []
    for part in path.split("."):
        name, _sep, rest = part.partition("[")
        label = FIELD_LABELS.get(name)
        if label is None:
            words.append("fält")
            continue
        words.append(label[:1].upper() + label[1:] if not words else label)
        if rest:
            index = rest.rstrip("]")
            if index.isdigit() and name in ITEM_LABELS:
                words.append(f"{ITEM_LABELS[name]} {int(index) + 1}")
            else:
                words.append(index)  # a year in a mapping such as funding.requested[2027]
    return ", ".join(words)


class ApplicationInputError(InputError):
    """Content that is not a valid application: `errors` holds (Swedish field label, Swedish message)."""


def _labelled(exc: ValidationError) -> list[tuple[str, str]]:
    return [(describe_field(path), message) for path, message in translate(exc)]


def parse_application(data: Any) -> Application:
    """The content as an Application; raises ApplicationInputError naming every bad field by its Swedish label."""
    if data is None:
        return EMPTY_APPLICATION
    if not isinstance(data, Mapping):
        raise ApplicationInputError([("Ansökan", "måste vara en mappning (nyckel: värde)")])
    unknown = [("Ansökan", f"okänt fält {key!r}") for key in data if key not in Application.model_fields]
    known = {key: value for key, value in data.items() if key in Application.model_fields}
    try:
        application = Application.model_validate(known)
    except ValidationError as exc:
        raise ApplicationInputError(unknown + _labelled(exc)) from exc
    if unknown:
        raise ApplicationInputError(unknown)
    return application


@dataclass(frozen=True)
class ApplicationReading:
    """Stored content read for display: what parsed, and in Swedish what did not (empty when all is valid)."""

    application: Application
    problems: tuple[str, ...] = ()
    rejected: frozenset[str] = frozenset()
    """The stored fields left out of `application` because they do not parse (e.g. "calculation")."""


def read_application(data: Any) -> ApplicationReading:
    """Read stored content leniently: fields that do not parse are left out of the value and listed as problems.

    The stored content itself is not changed, so nothing is lost; the problems tell the user what to correct."""
    try:
        return ApplicationReading(parse_application(data))
    except ApplicationInputError as exc:
        problems = tuple(f"{label}: {message}" for label, message in exc.errors)
    if not isinstance(data, Mapping):
        return ApplicationReading(EMPTY_APPLICATION, problems)
    kept: dict[str, Any] = {}
    rejected: set[str] = set()
    for key, value in data.items():
        try:
            Application.model_validate({key: value})
        except ValidationError:
            rejected.add(str(key))
            continue
        kept[key] = value
    return ApplicationReading(Application.model_validate(kept), problems, frozenset(rejected))


def application_content(application: Application) -> dict[str, Any]:
    """The typed application as JSON-ready data, for the API and the initiative file: only the answers given
    (nothing filled in by defaults), money and shares as exact decimal strings, dates as ÅÅÅÅ-MM-DD."""
    return application.model_dump(mode="json", exclude_unset=True)


def read_application_file(path: str | Path) -> Application:
    """An application from a YAML or JSON file, through the strict reader (a key given twice is refused)."""
    return parse_application(read_document(Path(path)))
