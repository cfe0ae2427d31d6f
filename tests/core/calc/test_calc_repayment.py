"""Repayment (återföring): amount due, the proposed plan, and each rule of the guidelines with its id."""

from __future__ import annotations

import pytest

from socialfund.core.calc import evaluate, parse_calculation
from socialfund.core.repayment_rules import SODERTALJE_DEFAULT, RepaymentRules

from .builders import cost, document, effect


def repayment_of(rules=None, **overrides):
    return evaluate(parse_calculation(document(**overrides)), rules=rules).repayment


def rules_of(repayment):
    return [v.rule for v in repayment.violations]


def test_amount_due_is_the_funds_nominal_amounts_without_optimism_bias_rounded_half_up():
    costs = [
        cost(amounts={2015: 100_000.25, 2016: 200_000.25}, optimism_bias=0.5),
        cost(payer="UN", amounts={2015: 999_999}),
    ]
    assert repayment_of(costs=costs).amount_due == 300_001  # 300 000.50 → 300 001
    assert repayment_of(costs=[cost(amounts={2015: 100.49})]).amount_due == 100


def test_proposal_splits_in_proportion_to_savings_from_the_earliest_year():
    effects = [
        effect(beneficiary="SN", quantity={2016: 900, 2017: 300, 2018: 300}),
        effect(beneficiary="UN", quantity={2017: 100, 2018: 100}),
    ]
    repayment = repayment_of(costs=[cost(amounts={2015: 500_000})], effects=effects)
    # 2016 is before 2015 + 2 and does not count; 2017: 400 000 saved, 3:1; 2018: the 100 000 left, 3:1.
    assert repayment.plan == {2017: {"SN": 300_000, "UN": 100_000}, 2018: {"SN": 75_000, "UN": 25_000}}
    assert (repayment.start_year, repayment.end_year, repayment.fully_repaid) == (2017, 2018, True)
    assert repayment.violations == [] and repayment.proposed and repayment.required


def test_proposal_parts_add_up_exactly_with_uneven_shares():
    effects = [
        effect(beneficiary="SN", quantity={2017: 1}, unit_value=1),
        effect(beneficiary="UN", quantity={2017: 1}, unit_value=1),
        effect(beneficiary="KFN", quantity={2017: 1}, unit_value=1),
        effect(beneficiary="SN", quantity={2018: 1000}),
    ]
    repayment = repayment_of(costs=[cost(amounts={2015: 100_000})], effects=effects)
    assert repayment.plan[2017] == {"SN": 1, "UN": 1, "KFN": 1}
    assert sum(sum(boards.values()) for boards in repayment.plan.values()) == 100_000


def test_repaying_during_the_grace_period_breaks_no_rule():
    """ "Kan arbeta i minst två år … innan återföring ska ske" is the board's right, not a ban (DOMAIN.md rule 8)."""
    repayment = repayment_of(repayment={"schedule": {2016: {"SN": 1_000_000}}}, effects=[effect(quantity={2016: 1000})])
    assert repayment.violations == []
    assert repayment.fully_repaid


def test_repaying_early_does_not_shorten_the_repayment_period():
    """Five years after repayment began are counted from the end of the grace period at the earliest."""
    effects = [effect(quantity={2016: 100, 2022: 900})]
    plan = {2016: {"SN": 100_000}, 2022: {"SN": 900_000}}
    assert repayment_of(effects=effects, repayment={"schedule": plan}).violations == []


def test_a_plan_starting_after_the_latest_start_is_still_a_finding():
    effects = [effect(quantity={2021: 1000})]
    repayment = repayment_of(effects=effects, repayment={"schedule": {2021: {"SN": 1_000_000}}})
    assert rules_of(repayment) == ["repayment_start_too_late"]


def test_bounds_are_inclusive():
    """First repayment at start + 2 and at start + 5, last at first + 5: all allowed."""
    effects = [effect(quantity={2017: 1000, 2020: 1000, 2025 - 1: 0})]
    on_the_bounds = {2017: {"SN": 100_000}, 2022: {"SN": 900_000}}
    assert repayment_of(effects=effects, repayment={"schedule": on_the_bounds}).violations == []
    start_at_latest = {2020: {"SN": 1_000_000}}
    assert repayment_of(effects=effects, repayment={"schedule": start_at_latest}).violations == []


def test_repayment_start_too_late_when_savings_come_late():
    repayment = repayment_of(effects=[effect(quantity={2021: 2000})])
    assert repayment.plan == {2021: {"SN": 1_000_000}}
    assert rules_of(repayment) == ["repayment_start_too_late"]
    assert repayment.violations[0].message == (
        "Återföringen börjar 2021 men ska börja senast 2020 (5 år från projektstart 2015)."
    )


def test_repayment_too_long_when_savings_are_thin():
    effects = [effect(quantity={year: 150 for year in range(2017, 2025)})]
    repayment = repayment_of(effects=effects)
    assert list(repayment.plan) == [2017, 2018, 2019, 2020, 2021, 2022, 2023]
    assert repayment.plan[2023] == {"SN": 100_000}
    assert rules_of(repayment) == ["repayment_too_long"]
    assert repayment.violations[0].message == (
        "Återföringen pågår till 2023 men ska vara klar senast 2022 (5 år efter första återföringsåret 2017)."
    )
    assert repayment.fully_repaid


def test_repayment_incomplete_when_savings_are_insufficient():
    repayment = repayment_of(effects=[effect(quantity={2017: 300, 2018: 300})])
    assert rules_of(repayment) == ["repayment_incomplete"]
    assert repayment.violations[0].message == (
        "Besparingarna räcker till 600\u00a0000\u00a0kr av 1\u00a0000\u00a0000\u00a0kr; "
        "400\u00a0000\u00a0kr återstår vid kalkylperiodens slut 2024."
    )
    assert not repayment.fully_repaid


def test_act_case_savings_outside_the_municipality_never_repay():
    """The seed's ACT: the savings land at Försäkringskassan, so nothing can be repaid into the fund."""
    act = [effect(beneficiary="Försäkringskassan", sector="state", quantity={2017: 5000})]
    repayment = repayment_of(effects=act)
    assert repayment.plan == {}
    assert rules_of(repayment) == ["repayment_incomplete"]
    assert "inga kommunala kassamässiga besparingar" in repayment.violations[0].message

    given = repayment_of(effects=act, repayment={"schedule": {2017: {"Försäkringskassan": 1_000_000}}})
    assert rules_of(given) == ["repayment_non_municipal"]


def test_non_cashable_municipal_savings_do_not_repay():
    repayment = repayment_of(effects=[effect(cashable=False, quantity={2017: 5000})])
    assert repayment.plan == {} and rules_of(repayment) == ["repayment_incomplete"]


def test_given_schedule_beyond_a_boards_savings():
    repayment = repayment_of(
        effects=[effect(quantity={2017: 300, 2018: 800})],
        repayment={"schedule": {2017: {"SN": 500_000}, 2018: {"SN": 500_000}}},
    )
    assert rules_of(repayment) == ["repayment_incomplete"]
    assert repayment.violations[0].message == (
        "SN ska ha återfört 500\u00a0000\u00a0kr till och med 2017 men har då bara 300\u00a0000\u00a0kr "
        "i kassamässiga besparingar."
    )
    assert not repayment.proposed and repayment.fully_repaid


def test_given_schedule_short_of_the_amount_and_over_it():
    short = repayment_of(repayment={"schedule": {2017: {"SN": 400_000}}})
    assert rules_of(short) == ["repayment_incomplete"] and not short.fully_repaid
    over = document(effects=[effect(quantity={2017: 2000})], repayment={"schedule": {2017: {"SN": 1_000_001}}})
    result = evaluate(parse_calculation(over))
    assert result.repayment.violations == []
    assert result.warnings == [
        "Planen återför 1\u00a0000\u00a0001\u00a0kr, mer än fondens utbetalning 1\u00a0000\u00a0000\u00a0kr."
    ]


def test_mode_none_has_no_duty():
    repayment = repayment_of(rules=RepaymentRules(mode="none"), effects=[effect(quantity={2021: 2000})])
    assert repayment.amount_due == 1_000_000
    assert (repayment.plan, repayment.violations, repayment.required) == ({}, [], False)


def test_rules_none_are_sodertaljes_defaults():
    doc = document(effects=[effect(quantity={year: 150 for year in range(2016, 2025)})])
    assert (
        evaluate(parse_calculation(doc)).repayment
        == evaluate(parse_calculation(doc), rules=SODERTALJE_DEFAULT).repayment
    )


def test_rules_without_limits_repay_from_the_start_year():
    open_rules = RepaymentRules(grace_years=None, latest_start_offset_years=None, max_years_after_first=None)
    repayment = repayment_of(rules=open_rules, effects=[effect(quantity={2015: 400, 2016: 400, 2024: 400})])
    assert repayment.plan == {2015: {"SN": 400_000}, 2016: {"SN": 400_000}, 2024: {"SN": 200_000}}
    assert repayment.violations == []


def test_stricter_policy_limits():
    strict = RepaymentRules(grace_years=3, latest_start_offset_years=3, max_years_after_first=1)
    repayment = repayment_of(rules=strict, effects=[effect(quantity={year: 300 for year in range(2017, 2025)})])
    assert list(repayment.plan) == [2018, 2019, 2020, 2021]
    assert rules_of(repayment) == ["repayment_too_long"]


def test_nothing_due_when_the_fund_pays_nothing():
    repayment = repayment_of(costs=[cost(payer="UN")])
    assert (repayment.amount_due, repayment.plan, repayment.fully_repaid, repayment.violations) == (0, {}, True, [])


@pytest.mark.parametrize("year", [2017, 2018])
def test_repayment_years_inside_the_horizon_only(year):
    repayment = repayment_of(horizon=year - 2015 + 1, effects=[effect(quantity={2016: 100})])
    assert repayment.plan == {} and rules_of(repayment) == ["repayment_incomplete"]
