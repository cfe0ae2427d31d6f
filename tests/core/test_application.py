"""The application's content as a typed value: parsed once, every bad field named by its Swedish label."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from socialfund.core.application import (
    Application,
    ApplicationInputError,
    parse_application,
    read_application,
    read_application_file,
)
from socialfund.core.strictread import DocumentReadError
from tests.cases.application_content import application_content


def _errors(content: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ApplicationInputError) as caught:
        parse_application(content)
    return caught.value.errors


def test_a_complete_application_parses_into_typed_steps():
    application = parse_application(application_content())
    assert isinstance(application, Application)
    assert application.target_groups == ("children", "youth")
    assert application.method is not None and application.method.research_references
    assert [goal.indicator for goal in application.goals] == ["Andel elever med hög frånvaro", "Placeringsdygn på HVB"]
    assert application.funding.duration_months == 24
    assert str(application.funding.total_requested) == "1200000"
    assert application.has_calculation


def test_empty_content_is_an_empty_application():
    assert parse_application({}) == parse_application(None) == Application()


@pytest.mark.parametrize(
    ("change", "label", "message"),
    [
        (lambda c: c["method"].update(description=3), "Metod, beskrivning", "måste vara text"),
        (lambda c: c["goals"][1].update(indicator=""), "Mål, mål 2, indikator", "får inte vara tom"),
        (lambda c: c["goals"][0].update(baseline="mycket"), "Mål, mål 1, utgångsvärde", "tal"),
        (lambda c: c["funding"].update(duration_months=0), "Finansiering, projekttid i månader", "1"),
        (lambda c: c.update(target_groups=["martians"]), "Målgrupper, målgrupp 1", "okänt värde"),
        (lambda c: c["evaluation"].update(standardized_instrument="kanske"), "Utvärdering, standardiserat", ""),
        (lambda c: c["procurement"].update(contract_months=-2), "Upphandling, avtalstid i månader", ""),
        (lambda c: c.update(implementation_plan=["a"]), "Genomförandeplan", "måste vara text"),
        (lambda c: c["calculation"].update(horizon="tio"), "Kalkyl", "Antal år som räknas"),
        (lambda c: c.update(needs_analysis={"description": ""}), "Behovsanalys, beskrivning", "får inte vara tom"),
        (lambda c: c.update(partners=[{"name": "Förening"}]), "Samarbetsparter, part 1, typ", ""),
    ],
)
def test_each_bad_field_is_named_by_its_swedish_label(change, label, message):
    content = copy.deepcopy(application_content())
    change(content)
    errors = _errors(content)
    assert len(errors) == 1, errors
    where, text = errors[0]
    assert where.startswith(label), errors
    assert message in text, errors
    for code in ("goals", "method", "funding", "calculation", "[", "_"):
        assert code not in where


def test_unknown_keys_are_refused_and_named():
    content = application_content() | {"budgett": 5}
    assert _errors(content) == [("Ansökan", "okänt fält 'budgett'")]
    assert _errors([1, 2]) == [("Ansökan", "måste vara en mappning (nyckel: värde)")]  # type: ignore[arg-type]


def test_every_problem_is_reported_at_once():
    content = copy.deepcopy(application_content())
    content["goals"][0]["indicator"] = ""
    content["purpose"] = "okänt"
    content["extra"] = 1
    labels = [label for label, _message in _errors(content)]
    assert labels[0] == "Ansökan" and "Syfte" in labels and "Mål, mål 1, indikator" in labels


def test_an_invalid_stored_application_is_read_leniently_with_its_problems():
    content = copy.deepcopy(application_content())
    content["goals"] = [{"indicator": ""}]
    content["old_key"] = "kvar"
    reading = read_application(content)
    assert reading.problems == ("Ansökan: okänt fält 'old_key'", "Mål, mål 1, indikator: får inte vara tom")
    assert reading.rejected == {"goals", "old_key"}
    assert reading.application.goals == ()  # the bad step is left out of the value, the good ones kept
    assert reading.application.method is not None and reading.application.has_calculation
    assert content["goals"] == [{"indicator": ""}]  # the stored data itself is untouched
    assert read_application(application_content()).problems == ()


def test_a_file_is_read_strictly(tmp_path):
    good = tmp_path / "ansokan.json"
    good.write_text(json.dumps(application_content()), encoding="utf-8")
    assert read_application_file(good).purpose == "new_method"
    twice = tmp_path / "dubbel.yaml"
    twice.write_text("purpose: new_method\npurpose: test_method\n", encoding="utf-8")
    with pytest.raises(DocumentReadError, match="förekommer två gånger"):
        read_application_file(twice)
