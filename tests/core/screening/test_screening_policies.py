"""Each shipped policy, screened on a rule particular to it: one case that passes and one that fails."""

from __future__ import annotations

import pytest

from socialfund.core.policy import load_policy
from socialfund.core.screening import ScreeningInputError

from .conftest import build, screen_data

ASSOCIATION = {"name": "Föreningen Framtid", "type": "association"}
BOARD_A = {"name": "Socialnämnden", "type": "board", "area": "social"}
BOARD_B = {"name": "Barn- och utbildningsnämnden", "type": "board", "area": "education"}


def _only_state_savings() -> dict:
    calc = build()["calculation"]
    calc["effects"][0] = {**calc["effects"][0], "beneficiary": "Försäkringskassan", "sector": "state"}
    return calc


# --- Södertälje ---------------------------------------------------------------------------------------


def test_sodertalje_2013_a_board_applies_an_association_cannot():
    assert screen_data(build(), "sodertalje-2013").verdict == "eligible"
    result = screen_data(build(applicant=ASSOCIATION), "sodertalje-2013")
    assert result.status_of("applicant") == "fail"
    assert result.verdict == "not_eligible"


def test_sodertalje_2013_repayment_must_start_within_five_years():
    calc = build()["calculation"]
    calc["horizon"] = 12
    calc["effects"][0]["quantity"] = {2021: 1, 2022: 1, 2023: 1}  # first savings six years after start
    result = screen_data(build(calculation=calc), "sodertalje-2013")
    finding = result.finding("repayment")
    # A finding for the preparation group and kommunstyrelsen to weigh, not a dead end (DOMAIN.md rule 8).
    assert finding.status == "assess" and result.verdict == "needs_assessment"
    assert "repayment_start_too_late" in finding.departures
    assert "ska börja senast 2020" in finding.message
    assert "kommunstyrelsen besluta om undantag" in finding.message
    assert "särskild prövning" in finding.message


def test_sodertalje_2015_lets_a_standardised_instrument_replace_the_external_evaluator():
    data = build(evaluation={"standardized_instrument": True, "instrument": "SDQ"})
    assert screen_data(data, "sodertalje-2015").status_of("evaluation") == "pass"
    assert screen_data(data, "sodertalje-2013").status_of("evaluation") == "missing"
    assert screen_data(build(evaluation=None), "sodertalje-2015").status_of("evaluation") == "missing"


# --- Norrköping ---------------------------------------------------------------------------------------


def test_norrkoping_reduces_the_budget_frame_of_the_board_whose_costs_fall():
    policy = load_policy("norrkoping")
    assert policy.repayment_rules().mode == "frame_reduction"
    office = {"name": "Socialförvaltningen", "type": "office", "area": "social"}
    good = screen_data(build(applicant=office), "norrkoping").finding("repayment")
    assert good.status == "pass" and "Budgetramen minskas" in good.message and "SN" in good.message
    bad = screen_data(build(applicant=office, calculation=_only_state_savings()), "norrkoping").finding("repayment")
    assert bad.status == "fail" and "ingen budgetram" in bad.message


def test_norrkoping_accepts_proven_practice_where_sodertalje_wants_research():
    method = {"description": "Beprövad modell.", "proven_practice": ["Erfarenheter från Linköping 2009"]}
    data = build(method=method, applicant={"name": "Socialförvaltningen", "type": "office"})
    assert screen_data(data, "norrkoping").status_of("evidence") == "pass"
    assert screen_data(data, "sodertalje-2013").status_of("evidence") == "missing"


# --- Örebro -------------------------------------------------------------------------------------------


def test_orebro_civil_actor_with_a_board_or_two_boards_of_different_areas():
    assert screen_data(build(partners=[ASSOCIATION]), "orebro").status_of("partnership") == "pass"
    assert screen_data(build(partners=[BOARD_A]), "orebro").status_of("partnership") == "pass"
    same_area = {**BOARD_A, "area": "education"}
    finding = screen_data(build(partners=[same_area]), "orebro").finding("partnership")
    assert finding.status == "fail" and "olika verksamhetsområden" in finding.message


def test_orebro_excludes_profit_making_firms_even_as_partners():
    firm = {"name": "Konsult AB", "type": "company"}
    result = screen_data(build(partners=[ASSOCIATION, firm]), "orebro")
    finding = result.finding("applicant")
    assert finding.status == "fail" and "Konsult AB (företag) får inte delta" in finding.message
    assert result.verdict == "not_eligible"
    assert screen_data(build(partners=[ASSOCIATION]), "orebro").status_of("applicant") == "pass"


def test_orebro_took_no_new_applications_from_2023():
    assert screen_data(build(submitted="2022-12-31"), "orebro").status_of("deadline") == "pass"
    finding = screen_data(build(submitted="2023-02-01"), "orebro").finding("deadline")
    assert finding.status == "fail" and "2023-01-01" in finding.message


# --- Trelleborg, Ale, Nynäshamn -------------------------------------------------------------------------


def test_trelleborg_takes_adults_in_exclusion_which_sodertalje_does_not():
    data = build(target_groups=["adults_at_risk"])
    assert screen_data(data, "trelleborg").status_of("target_group") == "pass"
    assert screen_data(data, "sodertalje-2013").status_of("target_group") == "fail"


def test_ale_lets_the_municipal_sectors_apply():
    sector = {"name": "Sektor utbildning, kultur och fritid", "type": "office", "area": "education"}
    assert screen_data(build(applicant=sector), "ale").status_of("applicant") == "pass"
    finding = screen_data(build(applicant=ASSOCIATION), "ale").finding("applicant")
    assert finding.status == "fail" and "förvaltning/kontor" in finding.message


def test_nynashamn_lets_associations_apply_directly_without_a_calculation():
    data = build(applicant=ASSOCIATION, partners=[], calculation=None, method={"description": "Läxhjälp."})
    result = screen_data(data, "nynashamn")
    assert result.verdict == "needs_assessment"  # only the human implementation judgment is open
    assert {f.rule for f in result.findings}.isdisjoint({"calculation", "repayment", "evidence"})
    assert result.status_of("applicant") == "pass"
    # The association receives a grant; nothing is procured.
    assert result.status_of("procurement") == "pass"
    strict = screen_data(data, "sodertalje-2013")
    assert strict.status_of("applicant") == "fail" and strict.status_of("calculation") == "missing"
    assert load_policy("nynashamn").repayment_rules().mode == "none"


# --- Luleå --------------------------------------------------------------------------------------------


def _lulea(**funding):
    base = {"requested": {2024: 1000000, 2025: 1000000}, "duration_months": 24, "cofinancing_share": 0.3}
    return build(submitted="2024-03-20", funding={**base, **funding}, economic_reasoning="Färre placeringar.")


def test_lulea_si_track_pays_at_most_70_percent_and_1_msek_a_year():
    ok = screen_data(_lulea(track="si"), "lulea")
    assert ok.track == "si"
    assert ok.status_of("cofinancing") == "pass" and ok.status_of("amount_cap") == "pass"
    share = screen_data(_lulea(track="si", cofinancing_share=0.25), "lulea").finding("cofinancing")
    assert share.status == "fail" and "högst 70\u00a0%" in share.message and "75\u00a0%" in share.message
    cap = screen_data(_lulea(track="si", requested={2024: 1200000}), "lulea").finding("amount_cap")
    assert cap.status == "fail" and "1\u00a0000\u00a0000\u00a0kr per år" in cap.message


def test_lulea_without_a_track_asks_for_one_and_has_no_repayment():
    result = screen_data(_lulea(), "lulea")
    assert result.track is None
    for rule in ("amount_cap", "cofinancing", "duration", "partnership", "applicant", "calculation", "deadline"):
        finding = result.finding(rule)
        assert "Välj spår (funding.track: si, fhi, kff)" in finding.message
        # The deadline rule only warns in Luleå (calls are handled monthly); the others block.
        assert finding.status == ("warn" if rule == "deadline" else "missing")
    assert result.verdict == "incomplete"
    assert "repayment" not in {f.rule for f in result.findings}
    assert load_policy("lulea").repayment_rules().mode == "none"


def test_lulea_fhi_track_caps_the_project_at_100_000_kr():
    fhi = {"track": "fhi", "requested": {2024: 100000}, "duration_months": 12, "cofinancing_share": 0.15}
    offices = {
        "applicant": {"name": "Socialförvaltningen", "type": "office"},
        "partners": [{"name": "Kulturförvaltningen", "type": "office"}],
    }
    ok = screen_data({**_lulea(**fhi), **offices}, "lulea")
    assert ok.status_of("amount_cap") == "pass" and ok.status_of("partnership") == "pass"
    over = screen_data({**_lulea(**{**fhi, "requested": {2024: 100001}}), **offices}, "lulea")
    assert over.status_of("amount_cap") == "fail"
    long = screen_data({**_lulea(**{**fhi, "duration_months": 18}), **offices}, "lulea")
    assert long.status_of("duration") == "fail"


def test_lulea_unknown_track_is_an_input_error():
    with pytest.raises(ScreeningInputError) as caught:
        screen_data(_lulea(track="xyz"), "lulea")
    assert caught.value.errors == [("funding.track", "okänt spår 'xyz' i policyn lulea; tillåtna: si, fhi, kff")]


# --- Region Gävleborg ---------------------------------------------------------------------------------


def _gavleborg(**changes):
    data = build(
        stage="joint_design",
        submitted="2024-05-15",
        applicant={
            "name": "Region Gävleborg, barn- och ungdomspsykiatrin",
            "type": "region_unit",
            "signed_off": "2024-09-01",
        },
        partners=[{"name": "Gävle kommun, socialtjänsten", "type": "office", "signed_off": "2024-09-02"}],
        funding={"requested": {2025: 500000, 2026: 500000}, "duration_months": 24, "cofinancing_share": 0.5},
        economic_reasoning="Färre placeringar och vårdtillfällen.",
        method={"description": "Ny modell.", "causal_logic": "Tidigt stöd minskar behovet av placering."},
    )
    data.update(changes)
    return data


def test_gavleborg_two_actors_apply_jointly():
    assert screen_data(_gavleborg(), "region-gavleborg").status_of("partnership") == "pass"
    alone = screen_data(_gavleborg(partners=[]), "region-gavleborg").finding("partnership")
    assert alone.status == "fail" and "minst två aktörer" in alone.message


def test_gavleborg_region_pays_at_most_half():
    assert screen_data(_gavleborg(), "region-gavleborg").status_of("cofinancing") == "pass"
    funding = {"requested": {2025: 500000}, "duration_months": 12, "cofinancing_share": 0.4}
    finding = screen_data(_gavleborg(funding=funding), "region-gavleborg").finding("cofinancing")
    assert finding.status == "fail" and "högst 50\u00a0%" in finding.message


def test_gavleborg_every_party_signs_before_the_amount_decision():
    assert screen_data(_gavleborg(), "region-gavleborg").status_of("anchoring") == "pass"
    unsigned = [{"name": "Gävle kommun, socialtjänsten", "type": "office"}]
    finding = screen_data(_gavleborg(partners=unsigned), "region-gavleborg").finding("anchoring")
    assert finding.status == "missing" and "Gävle kommun, socialtjänsten" in finding.message


def test_gavleborg_an_idea_after_1_june_waits_for_next_years_round():
    late = screen_data(_gavleborg(stage="idea", submitted="2024-06-02"), "region-gavleborg").finding("deadline")
    assert late.status == "warn" and "2025-06-01" in late.message
    assert screen_data(_gavleborg(stage="idea"), "region-gavleborg").status_of("deadline") == "pass"


def test_gavleborg_2024_stages_and_no_repayment():
    policy = load_policy("region-gavleborg")
    assert policy.stage_codes == ("idea", "priority_decision", "joint_design", "amount_decision")
    assert policy.repayment_rules() is None
    assert policy.required_signoffs == {"joint_design": ("all_parties",)}


# --- Region Skåne -------------------------------------------------------------------------------------


def _skane(**changes):
    data = build(
        submitted="2018-10-01",
        applicant={"name": "Region Skåne, Habiliteringen", "type": "region_unit", "signed_off": "2018-09-20"},
        partners=[{"name": "Malmö stad", "type": "office", "signed_off": "2018-09-21"}],
        funding={"requested": {2019: 700000}, "duration_months": 12, "cofinancing_share": 0.3},
        economic_reasoning="Kostnadsminskningen beräknad som färre vårdtillfällen × kostnad per tillfälle.",
        calculation=None,
    )
    data.update(changes)
    return data


def test_skane_applicants_cofinance_at_least_30_percent():
    assert screen_data(_skane(), "region-skane").status_of("cofinancing") == "pass"
    funding = {"requested": {2019: 700000}, "duration_months": 12, "cofinancing_share": 0.25}
    finding = screen_data(_skane(funding=funding), "region-skane").finding("cofinancing")
    assert finding.status == "fail" and "minst 30\u00a0%" in finding.message


def test_skane_region_unit_leads_and_the_2018_call_closed_on_15_october():
    assert screen_data(_skane(), "region-skane").status_of("applicant") == "pass"
    assert screen_data(_skane(applicant=BOARD_A), "region-skane").status_of("applicant") == "fail"
    assert screen_data(_skane(submitted="2018-10-16"), "region-skane").status_of("deadline") == "fail"


def test_skane_environmental_certificate_is_a_human_check():
    finding = screen_data(_skane(), "region-skane").finding("environmental_certificate")
    assert finding.status == "assess" and finding.check == "human" and finding.severity == "warn"


# --- Klippan ------------------------------------------------------------------------------------------


def test_klippan_needs_analysis_comes_before_the_idea_test():
    office = {"name": "Socialförvaltningen", "type": "office"}
    without = screen_data(build(stage="idea_test", applicant=office), "klippan")
    assert without.status_of("needs_analysis") == "missing"
    assert without.verdict == "incomplete"
    analysis = {"description": "Hög skolfrånvaro i åk 7–9.", "data": ["Skolverket, frånvarostatistik 2017"]}
    judged = {
        "idea_test": {"verdict": "pass", "note": "Genomförbar, verkligt behov, ny metod, två nämnder."},
        "target_group": {"verdict": "pass", "note": "Riktar sig dit behovet är störst."},
    }
    done = screen_data(
        build(stage="idea_test", applicant=office, needs_analysis=analysis, assessments=judged), "klippan"
    )
    assert done.status_of("needs_analysis") == "pass"
    assert done.verdict == "eligible"
    assert load_policy("klippan").stage_codes[:2] == ("needs_analysis", "idea_test")


def test_klippan_without_the_groups_idea_test_waits_for_assessment():
    office = {"name": "Socialförvaltningen", "type": "office"}
    analysis = {"description": "Behov.", "data": ["SCB"]}
    result = screen_data(build(stage="idea_test", applicant=office, needs_analysis=analysis), "klippan")
    assert result.status_of("idea_test") == "assess"
    assert result.verdict == "needs_assessment"


# --- Malmö --------------------------------------------------------------------------------------------


def test_malmo_two_boards_or_two_units_of_one_board():
    two_boards = build(
        applicant={**BOARD_A, "board": "SN"}, partners=[{**BOARD_B, "board": "BUN"}], target_groups=["homeless"]
    )
    assert screen_data(two_boards, "malmo").status_of("partnership") == "pass"
    units = [
        {"name": "Stadsområde Öster", "type": "office", "board": "SON"},
        {"name": "Boendeenheten", "type": "office", "board": "SON"},
    ]
    same_board = build(applicant=units[0], partners=[units[1]], target_groups=["homeless"])
    assert screen_data(same_board, "malmo").status_of("partnership") == "pass"
    alone = screen_data(build(applicant={**BOARD_A, "board": "SN"}, partners=[], target_groups=["homeless"]), "malmo")
    finding = alone.finding("partnership")
    assert finding.status == "fail" and "två verksamheter inom samma nämnd" in finding.message


def test_malmo_fund_is_for_homelessness():
    assert screen_data(build(target_groups=["homeless"]), "malmo").status_of("target_group") == "pass"
    assert screen_data(build(target_groups=["youth"]), "malmo").status_of("target_group") == "fail"
    assert load_policy("malmo").repayment_rules().waivable is True
