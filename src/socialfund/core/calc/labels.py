"""Field paths in plain Swedish: 'effects[1].deadweight' → 'Effekt 2, dödvikt'.

The engine reports errors by the file's own paths (what a file's author needs); a page
or a spreadsheet import shows people these words instead.
"""

from __future__ import annotations

import re

FIELDS = {
    "title": "rubrik",
    "description": "beskrivning",
    "start_year": "startår",
    "horizon": "kalkylperiod (antal år)",
    "price_year": "prisår",
    "discount_rate": "diskonteringsränta",
    "discount_schedule": "diskonteringsschema",
    "target_group": "antal personer i målgruppen",
    "label": "benämning",
    "payer": "betalare",
    "beneficiary": "mottagare",
    "sector": "sektor",
    "cashable": "minskar budgeten",
    "amounts": "belopp",
    "quantity": "antal",
    "unit_value": "värde per enhet",
    "unit_cost": "enhetskostnad",
    "first_year": "första år",
    "duration": "antal år",
    "drop_off": "avtagande effekt",
    "deadweight": "dödvikt",
    "displacement": "undanträngning",
    "attribution": "attribution",
    "optimism_bias": "optimismpåslag",
    "uncertainty": "osäkerhet",
    "low": "lägst",
    "high": "högst",
    "note": "anteckning",
    "name": "namn",
    "share": "andel av målgruppen",
    "avoids": "det som undviks",
    "per_year": "antal per person och år",
    "years": "antal år",
    "repayment": "återföring",
    "schedule": "plan",
    "from": "från år",
    "rate": "ränta",
}
LISTS = {
    "costs": "Kostnad",
    "effects": "Effekt",
    "typical_cases": "Typfall",
    "avoids": "sak",
    "discount_schedule": "steg",
}
_PART = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def describe_path(path: str) -> str:
    """A field path as words; parts it does not know (a year, a board code) are kept as written."""
    if path in ("<fil>", ""):
        return "Filen"
    words: list[str] = []
    for name, index in _PART.findall(path):
        if index:
            words.append(f"{LISTS.get(name, name)} {int(index) + 1}")
        else:
            words.append(FIELDS.get(name, name))
    text = ", ".join(words)
    return text[:1].upper() + text[1:]
