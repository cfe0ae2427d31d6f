"""The calculation's messages and warnings name fields in Swedish words (issue 17, point 4): no field path
(`effects[0].unit_cost`), no key (`unit_value`, `typical_cases`) and no sector code reaches a person, the
same words on the page, in the CLI and in a screening finding."""

from __future__ import annotations

import re

import pytest

from socialfund.core.calc import CalculationInputError, parse_calculation
from socialfund.core.screening.checks.economics import _errors_text
from tests.core.calc.builders import document, effect

CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\w+\[\d+\]")

BAD = [
    document(discount_schedule="green_book"),
    document(effects=[effect(unit_cost="helsingborg_vardygn_ungdom_2015")]),
    document(effects=[effect(unit_cost="finns_inte", unit_value=None)]),
    document(effects=[effect(price_year=2010, unit_cost="helsingborg_vardygn_ungdom_2015", unit_value=None)]),
    document(effects=[effect(quantity=5)]),
    document(effects=[effect(drop_off=0.2)]),
    document(target_group=100),
    document(
        effects=[
            effect(beneficiary="Försäkringskassan", sector="state"),
            effect(beneficiary="Försäkringskassan", sector="region"),
        ]
    ),
]


def _messages(doc) -> list[tuple[str, str]]:
    doc = {key: value for key, value in doc.items() if value is not None}
    for line in doc.get("effects", []):
        for key in [k for k, v in line.items() if v is None]:
            del line[key]
    with pytest.raises(CalculationInputError) as caught:
        parse_calculation(doc)
    return caught.value.errors


@pytest.mark.parametrize("doc", BAD)
def test_messages_and_their_places_are_words(doc):
    errors = _messages(doc)
    # The message itself carries no code; the place, as str() and a screening finding show it, neither.
    for _path, message in errors:
        assert CODE.findall(message.replace("finns_inte", "")) == [], message  # the name the user typed
    exc = CalculationInputError(errors)
    assert CODE.findall(str(exc).replace("finns_inte", "")) == [], str(exc)
    assert CODE.findall(_errors_text(tuple(errors)).replace("finns_inte", "")) == []
