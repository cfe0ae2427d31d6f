"""Bad initiative files: every problem with its field path and a Swedish message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialfund.core.screening import ScreeningInputError, load_initiative_file, parse_initiative

from .conftest import build


def _errors(data) -> list[tuple[str, str]]:
    with pytest.raises(ScreeningInputError) as caught:
        parse_initiative(data)
    return caught.value.errors


def test_unknown_party_type_names_the_path_and_the_allowed_types():
    errors = _errors(build(partners=[{"name": "X", "type": "firma"}]))
    assert errors == [
        (
            "partners[0].type",
            "okänd typ 'firma'; tillåtna: board, office, municipal_company, association, foundation, cooperative, "
            "company, sole_trader, public_body, region_unit, university",
        )
    ]


def test_every_problem_is_reported_at_once():
    errors = dict(_errors(build(stage="Idé!", target_groups=["teens"], colour="blå", submitted="igår")))
    assert errors["stage"].startswith("ogiltigt format 'Idé!'")
    assert errors["target_groups[0]"].startswith("okänt värde 'teens'; tillåtna: children, youth")
    assert errors["colour"] == "okänt fält"
    assert errors["submitted"].startswith("måste vara ett datum (ÅÅÅÅ-MM-DD)")


def test_missing_title_and_wrong_types():
    errors = dict(_errors(build(title=None, funding={"requested": {2015: "mycket"}, "cofinancing_share": 1.5})))
    assert errors["title"] == "saknas"
    assert errors["funding.requested[2015]"].startswith("måste vara ett tal")
    assert errors["funding.cofinancing_share"] == "måste vara högst 1"


def test_assessment_needs_a_known_verdict_and_a_note():
    errors = dict(_errors(build(assessments={"purpose": {"verdict": "kanske"}})))
    assert errors["assessments.purpose.verdict"].startswith("okänt värde 'kanske'; tillåtna: pass, fail, warn")
    assert errors["assessments.purpose.note"] == "saknas"


def test_calculation_errors_come_back_under_calculation():
    calc = build()["calculation"]
    calc["effects"][0]["deadweight"] = 2
    errors = _errors(build(calculation=calc))
    assert len(errors) == 1
    path, message = errors[0]
    assert path == "calculation.effects[0].deadweight"
    assert "mellan 0 och 1" in message


def test_a_calculation_file_is_read_relative_to_the_initiative(tmp_path: Path):
    (tmp_path / "calc.yaml").write_text(
        "title: x\nstart_year: 2015\nhorizon: 2\ndiscount_rate: 0.03\n", encoding="utf-8"
    )
    (tmp_path / "i.yaml").write_text("title: T\nstage: idea\ncalculation: calc.yaml\n", encoding="utf-8")
    initiative = load_initiative_file(tmp_path / "i.yaml")
    assert initiative.calculation == {"title": "x", "start_year": 2015, "horizon": 2, "discount_rate": 0.03}
    assert initiative.calculation_file == "calc.yaml"


def test_a_missing_calculation_file_is_reported(tmp_path: Path):
    (tmp_path / "i.yaml").write_text("title: T\nstage: idea\ncalculation: saknas.yaml\n", encoding="utf-8")
    with pytest.raises(ScreeningInputError) as caught:
        load_initiative_file(tmp_path / "i.yaml")
    path, message = caught.value.errors[0]
    assert path == "calculation" and "finns inte" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: [unclosed\n", "ogiltig YAML på rad"),
        ("title: A\ntitle: B\nstage: idea\n", "nyckeln 'title' förekommer två gånger"),
        ("- a\n- b\n", "mappning"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, expected: str):
    (tmp_path / "i.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ScreeningInputError) as caught:
        load_initiative_file(tmp_path / "i.yaml")
    assert expected in caught.value.errors[0][1]


def test_a_file_that_does_not_exist(tmp_path: Path):
    with pytest.raises(ScreeningInputError) as caught:
        load_initiative_file(tmp_path / "nope.yaml")
    assert caught.value.errors == [("<fil>", f"filen {tmp_path / 'nope.yaml'} finns inte")]
