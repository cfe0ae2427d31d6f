"""Typfall in the web calculator (issue 17, point 6): typed in the page, not only in a file or a spreadsheet.

A typical participant (share of the target group, what each avoids per year and for how long) is typed as a
row, saved, saved again and shown again after a reload, exactly as typed; the engine makes effect lines of it,
shown as such. A row with a gap is refused at the field, in Swedish, and what was saved stays."""

from __future__ import annotations

import pytest
from django.test import Client

from socialfund.cases import services
from socialfund.cases.models import Initiative
from tests.cases.calc_page import fill_cost, open_calculator, press, set_frame, stored_calculation

pytestmark = pytest.mark.django_db

FAMILY = {
    "name": "Familj där barnet annars placeras",
    "share": 0.1,
    "first_year": 2018,
    "avoids": [
        {
            "label": "Placeringsdygn i familjehem",
            "beneficiary": "SN",
            "sector": "municipal",
            "cashable": True,
            "per_year": 100.0,
            "years": 3,
            "deadweight": 0.5,
            "unit_value": 1000.0,
        }
    ],
}


@pytest.fixture
def applicant(users) -> Client:
    client = Client()
    client.force_login(users["handlaggare"])
    return client


@pytest.fixture
def application(users, fund) -> Initiative:
    return services.initiative_create(fund=fund, user=users["handlaggare"], title="Familjestöd", stage="application")


def fill_typfall(form: dict[str, str], row: int = 0, **overrides: str) -> None:
    prefix = f"typical-{row}-"
    assert prefix + "case_name" in form, "the page shows no typfall row"
    values = {
        "case_name": "Familj där barnet annars placeras",
        "share": "10",
        "first_year": "2018",
        "label": "Placeringsdygn i familjehem",
        "beneficiary": "SN",
        "cashable": "yes",
        "unit_value": "1000",
        "per_year": "100",
        "years": "3",
        "deadweight": "0.5",
    } | overrides
    for name, value in values.items():
        form[prefix + name] = value


def typed(client: Client, application: Initiative) -> dict[str, str]:
    form = set_frame(client, application, open_calculator(client, application))
    fill_cost(form, 0, label="Två familjebehandlare", payer="fund", amounts={2016: 800_000, 2017: 800_000})
    form["typfall-target_group"] = "50"
    fill_typfall(form)
    return form


def test_a_typfall_typed_in_the_page_is_saved_saved_again_and_shown_again(applicant, application):
    response = press(applicant, application, typed(applicant, application), "save")
    first = stored_calculation(application)
    assert first["target_group"] == 50
    assert first["typical_cases"] == [FAMILY]
    assert first["effects"] == []
    # The engine's effect lines from it, labelled as such, in the results on the page.
    assert "från typfall ”Familj där barnet annars placeras”" in response.content.decode()
    press(applicant, application, open_calculator(applicant, application), "save")
    assert stored_calculation(application) == first
    shown = open_calculator(applicant, application)
    assert shown["typfall-target_group"] == "50"
    assert shown["typical-0-case_name"] == "Familj där barnet annars placeras"
    assert shown["typical-0-per_year"].replace(",", ".").rstrip("0").rstrip(".") == "100"
    assert shown["typical-0-beneficiary"] == "SN"


def test_a_typfall_row_with_a_gap_is_refused_at_the_field_and_nothing_saved_is_touched(applicant, application):
    press(applicant, application, typed(applicant, application), "save")
    saved = stored_calculation(application)
    form = open_calculator(applicant, application)
    form["typical-0-per_year"] = ""
    form["typical-0-share"] = "tio"
    page = press(applicant, application, form, "save", expect=400).content.decode()
    assert "Typfallsrad 1, Antal per person och år: Fyll i det här." in page
    assert "Typfallsrad 1, Andel av målgruppen (%)" in page
    assert stored_calculation(application) == saved


def test_typfall_without_the_target_group_is_asked_for(applicant, application):
    form = typed(applicant, application)
    form["typfall-target_group"] = ""
    page = press(applicant, application, form, "save", expect=400).content.decode()
    assert "Ange antalet personer i målgruppen" in page
