"""The fund's forecast assumptions in Swedish: shown as 500 000 and 0,9, typed back the same way, refused
at the field with a Swedish message, and nothing stored when a value is refused."""

from __future__ import annotations

import re

import pytest
from django import forms

from socialfund.funds.models import Fund
from socialfund.ledger.forms import ProjectionForm

pytestmark = pytest.mark.django_db

URL = "/fond/sodertalje/prognos/"


def value_of(html: str, name: str) -> str:
    match = re.search(rf'<input [^>]*name="{name}"[^>]*>', html)
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1).replace("\xa0", " ") if value else ""


def assumptions(**changes: object) -> dict[str, object]:
    typed = {
        "years": "20",
        "projects_per_year": "2",
        "size_low": "500 000",
        "size_mode": "1 500 000",
        "size_high": "3 000 000",
        "repay_probability": "0,6",
        "waiver_rate": "0,5",
        "runs": "2 000",
    }
    return typed | changes


def test_the_saved_assumptions_are_shown_in_swedish_in_text_fields(demo, login):
    fund = Fund.objects.get(slug="sodertalje")
    fund.forecast_assumptions = {"projects_per_year": 1.0, "repay_probability": 0.9, "size_low": 500000}
    fund.save(update_fields=["forecast_assumptions"])
    html = login("ekonomi").get(URL).content.decode()
    assert value_of(html, "projects_per_year") == "1"
    assert value_of(html, "repay_probability") == "0,9"
    assert value_of(html, "size_low") == "500 000"
    assert value_of(html, "runs") == "2 000"
    assert 'type="number"' not in html  # a number field shows 500000 and 0.9, and drops a Swedish comma


def test_swedish_figures_are_read_back_and_stored(demo, login):
    response = login("ekonomi").post(
        URL, assumptions(projects_per_year="1,5", size_low="750 000", repay_probability="0,9", save="1")
    )
    assert response.status_code == 302
    saved = Fund.objects.get(slug="sodertalje").forecast_assumptions
    assert saved["projects_per_year"] == 1.5 and saved["repay_probability"] == 0.9
    assert saved["size_low"] == 750_000 and saved["runs"] == 2000


def test_a_decimal_number_takes_grouping_and_a_decimal_comma():
    from socialfund.kit.number_fields import swedish_number

    field = swedish_number(forms.FloatField(label="Tal"), example="1 234,5")
    assert field.clean("1 234,5") == 1234.5
    assert field.clean("1\xa0234,5") == 1234.5
    assert field.clean("0,9") == 0.9


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("repay_probability", "nio", "Skriv ett tal, t.ex. 0,9."),
        ("repay_probability", "1,5", "Skriv ett tal från 0 till 1, t.ex. 0,9."),
        ("size_low", "500 000,50", "Skriv ett heltal, t.ex. 500 000."),
        ("runs", "50", "Skriv ett heltal från 100 till 2 000, t.ex. 2 000."),
    ],
)
def test_a_wrong_figure_is_refused_at_its_field_and_nothing_is_stored(demo, login, name, typed, message):
    response = login("ekonomi").post(URL, assumptions(**{name: typed}, save="1"))
    assert response.status_code == 200
    html = response.content.decode().replace("\xa0", " ")
    error = re.search(rf'<p class="field-error" id="{name}-error">([^<]*)</p>', html)
    assert error, html[:300]
    assert error.group(1).strip() == message
    assert value_of(html, name) == typed  # what was typed stays for correcting
    assert "<details open" in html  # the assumptions with their messages are shown, not folded away
    assert Fund.objects.get(slug="sodertalje").forecast_assumptions == {}


def test_the_form_has_no_english_number_widgets():
    form = ProjectionForm(initial={"repay_probability": 0.6, "size_low": 500_000})
    assert 'value="0,6"' in str(form["repay_probability"])
    assert 'value="500\xa0000"' in str(form["size_low"])
