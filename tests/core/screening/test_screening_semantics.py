"""How findings become a verdict: precedence, recorded assessments, severities, stages and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialfund.core.policy import load_policy
from socialfund.core.screening import ScreeningInputError, parse_initiative, screen
from socialfund.core.screening.checks.procurement import contract_value
from socialfund.core.screening.result import Finding, decide_verdict
from socialfund.core.screening.screening_input import ProcurementPlan

from .conftest import build, screen_data


def _finding(status: str) -> Finding:
    return Finding("r", status, "m", "c", "t", "block", "auto", "s")  # type: ignore[arg-type]


@given(st.lists(st.sampled_from(["pass", "fail", "warn", "missing", "assess"]), max_size=12))
def test_verdict_precedence(statuses):
    verdict = decide_verdict([_finding(status) for status in statuses])
    if "fail" in statuses:
        assert verdict == "not_eligible"
    elif "missing" in statuses:
        assert verdict == "incomplete"
    elif "assess" in statuses:
        assert verdict == "needs_assessment"
    else:
        assert verdict == "eligible"


def test_a_recorded_judgment_settles_an_open_assessment():
    data = build(beneficiaries="selected_individuals")
    assert screen_data(data, "sodertalje-2013").status_of("equal_treatment") == "assess"
    assert screen_data(data, "sodertalje-2013").verdict == "needs_assessment"
    judged = build(
        beneficiaries="selected_individuals",
        assessments={"equal_treatment": {"verdict": "pass", "note": "Urvalet grundas på behov."}},
    )
    finding = screen_data(judged, "sodertalje-2013").finding("equal_treatment")
    assert finding.status == "pass" and finding.assessed and "Urvalet grundas på behov." in finding.message


def test_a_judgment_can_be_stricter_than_the_data_but_cannot_cure_a_failure():
    stricter = build(assessments={"purpose": {"verdict": "fail", "note": "Ingen metodutveckling."}})
    assert screen_data(stricter, "sodertalje-2013").status_of("purpose") == "fail"
    lenient = build(
        purpose="existing_operations", assessments={"purpose": {"verdict": "pass", "note": "Vi tycker att det går."}}
    )
    finding = screen_data(lenient, "sodertalje-2013").finding("purpose")
    assert finding.status == "fail" and not finding.assessed
    assert "ändrar inte detta" in finding.message


def test_a_rule_that_only_warns_never_blocks():
    # Södertälje's partnership rule is a warning: an initiative of one board alone is still eligible.
    result = screen_data(build(partners=[]), "sodertalje-2013")
    assert result.status_of("partnership") == "warn"
    assert result.verdict == "eligible"


def test_interest_stage_checks_four_rules_application_all():
    interest = screen_data(build(stage="interest"), "sodertalje-2013")
    assert [f.rule for f in interest.findings] == ["target_group", "purpose", "equal_treatment", "applicant"]
    application = screen_data(build(), "sodertalje-2013")
    assert len(application.findings) == len(load_policy("sodertalje-2013").rules)


def test_anchoring_demands_grow_with_the_stage():
    unanchored = {"office_head": None, "board": None}
    idea = screen_data(build(stage="idea", anchoring=unanchored), "sodertalje-2013").finding("anchoring")
    assert idea.status == "missing" and "kontorschefen" in idea.message and "nämnden" not in idea.message
    office_only = {"office_head": "2015-01-01"}
    assert screen_data(build(stage="idea", anchoring=office_only), "sodertalje-2013").status_of("anchoring") == "pass"
    application = screen_data(build(anchoring=office_only), "sodertalje-2013").finding("anchoring")
    assert application.status == "missing" and "nämnden" in application.message


def test_an_outside_idea_is_welcome_early_but_a_board_must_apply():
    idea = screen_data(build(stage="idea", applicant={"name": "Föreningen", "type": "association"}), "sodertalje-2013")
    assert idea.status_of("applicant") == "pass"
    application = screen_data(build(applicant={"name": "Föreningen", "type": "association"}), "sodertalje-2013")
    assert application.status_of("applicant") == "fail"


def test_an_office_must_name_its_board():
    office = {"name": "Utbildningskontoret", "type": "office"}
    assert screen_data(build(applicant=office), "sodertalje-2013").status_of("applicant") == "missing"
    assert screen_data(build(applicant=office, lead_board="UN"), "sodertalje-2013").status_of("applicant") == "pass"


def test_unknown_stage_for_the_policy_is_an_input_error():
    with pytest.raises(ScreeningInputError) as caught:
        screen_data(build(stage="needs_analysis"), "sodertalje-2013")
    path, message = caught.value.errors[0]
    assert path == "stage" and "okänt steg 'needs_analysis'" in message and "interest, idea, application" in message


def test_assessments_of_rules_that_do_not_apply_are_reported():
    data = build(
        stage="interest",
        assessments={"goals": {"verdict": "pass", "note": "ok"}, "x": {"verdict": "pass", "note": "?"}},
    )
    notes = screen_data(data, "sodertalje-2013").notes
    assert any("'goals'" in note and "prövas inte i steget 'interest'" in note for note in notes)
    assert any("'x'" in note and "ingen sådan regel" in note for note in notes)


# --- procurement -----------------------------------------------------------------------------------------


def _with_supplier(value: int, **plan) -> dict:
    return build(procurement={"supplier": "Konsult AB", "contract_value": value, **plan})


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (dt.date(2014, 6, 30), "fail"),  # 300 000 > 271 964
        (dt.date(2014, 7, 1), "pass"),  # 300 000 < 505 800
    ],
)
def test_the_threshold_in_force_on_the_screening_day_decides(on, status):
    assert screen_data(_with_supplier(300000), "sodertalje-2013", on_date=on).status_of("procurement") == status


def test_the_screening_day_defaults_to_the_submission_date():
    result = screen_data(
        build(submitted="2014-03-01", procurement={"supplier": "Konsult AB", "contract_value": 300000}),
        "sodertalje-2013",
    )
    assert result.on_date == dt.date(2014, 3, 1)
    assert result.status_of("procurement") == "fail"


def test_above_the_threshold_in_open_competition_passes():
    finding = screen_data(
        _with_supplier(900000, open_competition=True), "sodertalje-2013", on_date=dt.date(2023, 1, 1)
    ).finding("procurement")
    assert finding.status == "pass" and "öppen konkurrens" in finding.message


def test_near_the_threshold_warns_against_splitting():
    finding = screen_data(_with_supplier(650000), "sodertalje-2013", on_date=dt.date(2023, 1, 1)).finding("procurement")
    assert finding.status == "warn" and "får inte delas upp" in finding.message


def test_before_2014_the_threshold_is_unknown_and_a_human_checks():
    finding = screen_data(_with_supplier(100000), "sodertalje-2013", on_date=dt.date(2013, 6, 1)).finding("procurement")
    assert finding.status == "assess" and "2013-06-01" in finding.message


def test_contract_value_counts_the_whole_period():
    assert contract_value(ProcurementPlan(value_per_year=200000, contract_months=36)) == 600000
    # An open-ended service contract counts 48 months (LOU 5 kap. 13 §).
    assert contract_value(ProcurementPlan(value_per_year=100000)) == 400000
    assert contract_value(ProcurementPlan(contract_value=123, value_per_year=100000)) == 123
    assert contract_value(ProcurementPlan()) is None


def test_a_yearly_value_over_three_years_crosses_the_threshold():
    data = build(procurement={"supplier": "Konsult AB", "value_per_year": 200000, "contract_months": 36})
    finding = screen_data(data, "sodertalje-2013", on_date=dt.date(2015, 1, 1)).finding("procurement")
    assert finding.status == "fail" and "600\u00a0000" in finding.message


# --- calculation ------------------------------------------------------------------------------------------


def test_a_missing_calculation_makes_an_application_incomplete():
    result = screen_data(build(calculation=None), "sodertalje-2013")
    assert result.status_of("calculation") == "missing"
    assert result.status_of("repayment") == "missing"
    assert result.verdict == "incomplete"


def test_savings_that_never_come_cannot_repay_the_fund():
    calc = build()["calculation"]
    calc["effects"][0]["quantity"] = {2017: 1}
    finding = screen_data(build(calculation=calc), "sodertalje-2013").finding("repayment")
    assert (
        finding.status == "assess"
        and "räcker till 400\u00a0000\u00a0kr av 1\u00a0000\u00a0000\u00a0kr" in finding.message
    )
    assert finding.departures == ("repayment_incomplete",)


def test_a_repayment_shortfall_is_a_finding_the_preparation_group_settles():
    """ "Ska inte vara ett hinder" / "under särskilda omständigheter": the shortfall is assessed and carried on,
    and the departure stays on record for the decision body."""
    calc = build()["calculation"]
    calc["effects"][0]["quantity"] = {2017: 1}
    assessment = {"verdict": "warn", "note": "Effekterna kan visas; föreslår undantag."}
    result = screen_data(build(calculation=calc, assessments={"repayment": assessment}), "sodertalje-2013")
    finding = result.finding("repayment")
    assert finding.status == "warn" and finding.assessed
    assert finding.departures == ("repayment_incomplete",)
    assert "räcker till" in finding.message and "föreslår undantag" in finding.message
    assert result.verdict == "eligible"


def test_parse_initiative_accepts_the_web_forms_mapping():
    initiative = parse_initiative(build())
    result = screen(initiative, load_policy("sodertalje-2013"))
    assert result.verdict == "eligible"
    assert initiative.funding.total_requested == 1000000
