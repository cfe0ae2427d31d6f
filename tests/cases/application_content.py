"""A complete application's content (initiative file fields) that meets Södertälje's 2013 guidelines.

Modelled on the seed's "Mobilt team skola" (costs in UK, savings in SN and UN), with
amounts chosen so that the savings repay the fund within the limits.
"""

from __future__ import annotations

from typing import Any

CALCULATION: dict[str, Any] = {
    "title": "Mobilt team skola",
    "start_year": 2016,
    "horizon": 10,
    "discount_rate": 0.035,
    "costs": [{"label": "Mobilt team", "payer": "fund", "amounts": {2016: 600000, 2017: 600000}}],
    "effects": [
        {
            "label": "Färre placeringsdygn på HVB",
            "beneficiary": "SN",
            "sector": "municipal",
            "cashable": True,
            "unit_value": 3201,
            "quantity": {2018: 300, 2019: 300, 2020: 300, 2021: 300},
            "deadweight": 0.25,
        },
        {
            "label": "Färre elever på introduktionsprogram",
            "beneficiary": "UN",
            "sector": "municipal",
            "cashable": True,
            "unit_value": 111148,
            "quantity": {2019: 2, 2020: 2, 2021: 2},
        },
    ],
}


def application_content() -> dict[str, Any]:
    return {
        "target_groups": ["children", "youth"],
        "purpose": "new_method",
        "beneficiaries": "target_group",
        "method": {
            "description": "Ett mobilt team av socialsekreterare och specialpedagog arbetar i skolan.",
            "research_references": ["Socialstyrelsen (2014): Tidiga insatser i skolan"],
            "documented": False,
        },
        "goals": [
            {"indicator": "Andel elever med hög frånvaro", "baseline": 0.12, "target": 0.08, "unit": "andel"},
            {
                "indicator": "Placeringsdygn på HVB",
                "baseline": 2000,
                "target": 1700,
                "unit": "dygn",
                "kind": "economic",
            },
        ],
        "evaluation": {"external_party": "Södertörns högskola", "standardized_instrument": False},
        "implementation_plan": "Teamet blir en del av elevhälsan efter projekttiden.",
        "procurement": {"supplier": None, "contract_value": None, "contract_months": None},
        "funding": {"requested": {"2016": "600000", "2017": "600000"}, "cofinancing_share": 0.0, "duration_months": 24},
        "calculation": CALCULATION,
    }
