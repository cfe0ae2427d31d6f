"""Filling the guided application through HTTP, step by step, as a browser would post it."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from socialfund.cases.models import Initiative

COMPLETE_STEPS: dict[str, dict[str, Any]] = {
    "behov": {
        "title": "Läxhjälp i föreningsregi",
        "summary": "Läxhjälp för barn i åk 4–6.",
        "need": "12 % av eleverna i åk 4–6 når inte målen i matematik.",
        "need_data": "Skolverket, SIRIS",
    },
    "malgrupp": {"target_groups": ["children"], "purpose": "new_method", "beneficiaries": "target_group"},
    "metod": {"description": "Strukturerad läxhjälp två kvällar i veckan.", "research_references": "Skolverket (2014)"},
    "samverkan": {},
    "mal": {"goals": "Andel behöriga; 0,62; 0,70; andel; social\nPlaceringsdygn; 2000; 1700; dygn; ekonomisk"},
    "utvardering": {"external_party": "Södertörns högskola"},
    "implementering": {"implementation_plan": "Blir ordinarie verksamhet i skolan."},
    "upphandling": {
        "supplier": "Upphandlas",
        "contract_value": "1 000 000",
        "contract_months": "24",
        "open_competition": "on",
    },
    "budget": {"requested": "2016: 600 000\n2017: 600 000", "duration_months": "24"},
}

CALCULATION_STEP: dict[str, Any] = {
    "calc-start_year": "2016",
    "calc-horizon": "10",
    "calc-discount": "0.035",
    "costs-TOTAL_FORMS": "1",
    "costs-INITIAL_FORMS": "0",
    "costs-MIN_NUM_FORMS": "0",
    "costs-MAX_NUM_FORMS": "40",
    "costs-0-label": "Läxhjälpare",
    "costs-0-payer": "fund",
    "costs-0-y2016": "600 000",
    "costs-0-y2017": "600 000",
    "effects-TOTAL_FORMS": "2",
    "effects-INITIAL_FORMS": "0",
    "effects-MIN_NUM_FORMS": "0",
    "effects-MAX_NUM_FORMS": "40",
    "effects-0-label": "Färre placeringsdygn",
    "effects-0-beneficiary": "SN",
    "effects-0-cashable": "yes",
    "effects-0-unit_value": "3201",
    **{f"effects-0-y{year}": "300" for year in (2018, 2019, 2020, 2021)},
    "effects-0-deadweight": "0.25",
    "effects-0-displacement": "0",
    "effects-0-attribution": "0",
    "effects-1-label": "Färre elever på introduktionsprogram",
    "effects-1-beneficiary": "UN",
    "effects-1-cashable": "yes",
    "effects-1-unit_cost": "introduktionsprogram_plats_ar_2018",
    **{f"effects-1-y{year}": "2" for year in (2019, 2020, 2021)},
    "effects-1-deadweight": "0",
    "effects-1-displacement": "0",
    "effects-1-attribution": "0",
}


def post_step(client: Client, initiative: Initiative, step: str, data: dict[str, Any], *, expect: int = 302) -> Any:
    initiative.refresh_from_db()
    response = client.post(reverse("cases:guided", args=[initiative.pk, step]), {"version": initiative.version, **data})
    assert response.status_code == expect, response.content.decode()[-1500:]
    return response


def fill_application(client: Client, initiative: Initiative) -> None:
    for step, data in COMPLETE_STEPS.items():
        post_step(client, initiative, step, data)
    post_step(client, initiative, "kalkyl", CALCULATION_STEP)
