"""Issue 17, part 1: the calculator never loses a figure, whichever button is pressed and how often."""

from __future__ import annotations

import pytest
from django.test import Client

from socialfund.cases import services
from socialfund.cases.models import Initiative
from tests.cases.calc_page import (
    fill_cost,
    fill_effect,
    open_calculator,
    press,
    set_frame,
    shown_form,
    stored_calculation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(users) -> Client:
    client = Client()
    client.force_login(users["handlaggare"])
    return client


@pytest.fixture
def application(users, fund) -> Initiative:
    return services.initiative_create(fund=fund, user=users["handlaggare"], title="Läxhjälp", stage="application")


def one_cost_one_effect(client: Client, initiative: Initiative) -> dict[str, str]:
    form = set_frame(client, initiative, open_calculator(client, initiative))
    fill_cost(form, 0, label="Läxhjälpare", payer="fund", amounts={2016: 600_000, 2017: 600_000})
    fill_effect(
        form, 0, label="Färre placeringsdygn", beneficiary="SN", unit_value=3201, quantity={2018: 300, 2019: 300}
    )
    return form


def summary(calculation) -> tuple:
    """What a person typed, as stored: each row's label and figures."""
    assert calculation is not None
    costs = [
        (c["label"], c["payer"], {int(y): float(a) for y, a in c["amounts"].items()}) for c in calculation["costs"]
    ]
    effects = [
        (e["label"], e["beneficiary"], float(e["unit_value"]), {int(y): float(q) for y, q in e["quantity"].items()})
        for e in calculation["effects"]
    ]
    return costs, effects


def test_saving_twice_without_a_change_keeps_every_row(applicant, application):
    page = press(applicant, application, one_cost_one_effect(applicant, application), "save")
    first = summary(stored_calculation(application))
    assert len(first[0]) == 1 and len(first[1]) == 1
    press(applicant, application, shown_form(page.content.decode()), "save")
    assert summary(stored_calculation(application)) == first
    reloaded = open_calculator(applicant, application)
    assert reloaded["costs-0-label"] == "Läxhjälpare"
    assert reloaded["effects-0-label"] == "Färre placeringsdygn"


def test_save_and_continue_after_a_save_keeps_the_calculation(applicant, application):
    page = press(applicant, application, one_cost_one_effect(applicant, application), "save")
    first = summary(stored_calculation(application))
    press(applicant, application, shown_form(page.content.decode()), "next")
    assert summary(stored_calculation(application)) == first


@pytest.mark.parametrize("button", ["add_cost", "add_effect"])
def test_adding_a_row_keeps_the_rows_before_it(applicant, application, button):
    page = press(applicant, application, one_cost_one_effect(applicant, application), "save")
    first = summary(stored_calculation(application))
    page = press(applicant, application, shown_form(page.content.decode()), button)
    assert summary(stored_calculation(application)) == first
    press(applicant, application, shown_form(page.content.decode()), "save")
    assert summary(stored_calculation(application)) == first


def test_two_costs_paid_by_the_fund_both_count(applicant, application):
    page = press(applicant, application, one_cost_one_effect(applicant, application), "add_cost")
    form = shown_form(page.content.decode())
    fill_cost(form, 1, label="Utvärdering", payer="fund", amounts={2016: 100_000})
    form["costs-0-label"] = "Läxhjälpare"  # unchanged row, posted as shown
    press(applicant, application, form, "save")
    costs = stored_calculation(application)["costs"]
    assert [c["label"] for c in costs] == ["Läxhjälpare", "Utvärdering"]
    assert sum(float(a) for c in costs for a in c["amounts"].values()) == 1_300_000
