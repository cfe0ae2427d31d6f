"""Small calculation documents for tests: a valid base that each test bends one way."""

from __future__ import annotations

import copy
from typing import Any

from socialfund.core.calc import Calculation, parse_calculation

BASE: dict[str, Any] = {
    "title": "Testkalkyl",
    "start_year": 2015,
    "horizon": 10,
    "discount_rate": 0.035,
    "costs": [{"label": "Projekt", "payer": "fund", "amounts": {2015: 1_000_000}}],
    "effects": [
        {
            "label": "Färre vårddygn",
            "beneficiary": "SN",
            "sector": "municipal",
            "cashable": True,
            "unit_value": 1000,
            "quantity": {2017: 500, 2018: 500},
        }
    ],
}


def document(**overrides: Any) -> dict[str, Any]:
    """A deep copy of BASE with top-level keys replaced (None removes a key)."""
    doc = copy.deepcopy(BASE)
    for key, value in overrides.items():
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
    return doc


def effect(**fields: Any) -> dict[str, Any]:
    line: dict[str, Any] = {
        "label": "Effekt",
        "beneficiary": "SN",
        "sector": "municipal",
        "cashable": True,
        "unit_value": 1000,
        "quantity": {2017: 100},
    }
    line.update(fields)
    return line


def cost(**fields: Any) -> dict[str, Any]:
    line: dict[str, Any] = {"label": "Kostnad", "payer": "fund", "amounts": {2015: 100_000}}
    line.update(fields)
    return line


def calculation(**overrides: Any) -> Calculation:
    return parse_calculation(document(**overrides))
