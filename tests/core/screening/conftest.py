"""Shared helpers for the screening tests: the seed's initiative files and a builder for synthetic ones."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from socialfund.core.policy import load_policy
from socialfund.core.screening import ScreeningInput, ScreeningResult, load_initiative_file, parse_initiative, screen

INITIATIVES = Path(__file__).parent / "initiatives"
SEED_FILES = sorted(path.stem for path in INITIATIVES.glob("*.yaml"))

# A complete application under Södertälje 2013; tests change one thing at a time.
COMPLETE_APPLICATION: dict[str, Any] = {
    "title": "Testinsats",
    "stage": "application",
    "submitted": "2015-03-01",
    "applicant": {"name": "Utbildningsnämnden", "type": "board", "area": "education"},
    "partners": [{"name": "Socialnämnden", "type": "board", "area": "social"}],
    "target_groups": ["children"],
    "purpose": "new_method",
    "beneficiaries": "target_group",
    "method": {"description": "En ny samverkansmodell.", "research_references": ["Forskare (2010)"]},
    "goals": [
        {"indicator": "Skolfrånvaro", "baseline": 0.1, "target": 0.05, "kind": "social"},
        {"indicator": "Placeringsdygn", "baseline": 1000, "target": 800, "kind": "economic"},
    ],
    "evaluation": {"external_party": "Högskolan"},
    "implementation_plan": "Går in i ordinarie verksamhet.",
    "anchoring": {"office_head": "2015-01-10", "board": "2015-02-10"},
    "funding": {"requested": {2015: 500000, 2016: 500000}, "duration_months": 24, "cofinancing_share": 0.3},
    "calculation": {
        "title": "Testkalkyl",
        "start_year": 2015,
        "horizon": 8,
        "discount_rate": 0.035,
        "costs": [{"label": "Projekt", "payer": "fund", "amounts": {2015: 500000, 2016: 500000}}],
        "effects": [
            {
                "label": "Färre placeringar",
                "beneficiary": "SN",
                "sector": "municipal",
                "cashable": True,
                "unit_value": 400000,
                "quantity": {2017: 1, 2018: 1, 2019: 1, 2020: 1},
            }
        ],
    },
}


def build(**changes: Any) -> dict[str, Any]:
    """The complete application with top-level fields replaced (None removes a field)."""
    data = copy.deepcopy(COMPLETE_APPLICATION)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def screen_data(data: dict[str, Any], policy_id: str, **kwargs: Any) -> ScreeningResult:
    return screen(parse_initiative(data), load_policy(policy_id), **kwargs)


@pytest.fixture
def seed() -> Callable[[str], ScreeningInput]:
    return lambda name: load_initiative_file(INITIATIVES / f"{name}.yaml")


@pytest.fixture
def screen_seed() -> Callable[[str, str], ScreeningResult]:
    return lambda name, policy_id: screen(load_initiative_file(INITIATIVES / f"{name}.yaml"), load_policy(policy_id))
