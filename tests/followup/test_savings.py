"""Realised savings derived through the calculation's effect line, compared with the forecast, and the repayment
recomputed. The calculation is the test application's (Mobilt team skola: SN saves HVB days, UN pupils)."""

from __future__ import annotations

from decimal import Decimal

from socialfund.core.calc import parse_calculation
from socialfund.followup.savings import derive_saving, forecast_by_board, outcome_against_forecast
from tests.cases.application_content import CALCULATION

CALC = parse_calculation(CALCULATION)
HVB, PUPILS = CALC.effects  # 3 201 kr a day, 25 % deadweight; 111 148 kr a pupil


def test_a_lower_is_better_indicator_through_the_hvb_line():
    derived = derive_saving(
        baseline=Decimal(2000), value=Decimal(1800), lower_is_better=True, quantity_per_unit=Decimal(1), effect=HVB
    )
    # 200 days × 3 201 kr × (1 − 0.25) = 480 150 kr
    assert (derived.change, derived.value_per_unit, derived.amount) == (
        Decimal(200),
        Decimal("2400.75"),
        Decimal(480150),
    )


def test_a_share_indicator_scaled_to_pupils():
    derived = derive_saving(
        baseline=Decimal("70.0"),
        value=Decimal("72.5"),
        lower_is_better=False,
        quantity_per_unit=Decimal(4),  # four pupils per percentage point
        effect=PUPILS,
    )
    # 2.5 points × 4 = 10 pupils × 111 148 kr = 1 111 480 kr
    assert (derived.quantity, derived.amount) == (Decimal("10.0"), Decimal(1111480))


def test_a_worse_value_is_a_negative_saving():
    derived = derive_saving(
        baseline=Decimal(2000), value=Decimal(2100), lower_is_better=True, quantity_per_unit=Decimal(1), effect=HVB
    )
    assert derived.amount == Decimal(-240075)


def test_the_forecast_per_board_and_year():
    assert forecast_by_board(CALC) == {
        "SN": {2018: Decimal(720225), 2019: Decimal(720225), 2020: Decimal(720225), 2021: Decimal(720225)},
        "UN": {2019: Decimal(222296), 2020: Decimal(222296), 2021: Decimal(222296)},
    }


def test_a_shortfall_is_flagged_and_the_repayment_recomputed():
    outcome = outcome_against_forecast(CALC, realised={("SN", 2018): (Decimal(480150), "derived")}, rules=None)
    assert outcome.falls_short
    assert (outcome.realised_total, outcome.forecast_for_realised, outcome.shortfall) == (
        Decimal(480150),
        Decimal(720225),
        Decimal(240075),
    )
    f = outcome.feasibility
    assert f is not None
    # 2018: SN repays what it saved; 2019: the 719 850 kr left, split 720 225 : 222 296 (largest remainder).
    assert f.plan == {2018: {"SN": 480150}, 2019: {"SN": 550072, "UN": 169778}}
    assert (f.due, f.planned, f.repaid_by, f.feasible) == (1200000, 1200000, 2019, True)
    # The decided plan (the calculation's) had SN repay 720 225 kr in 2018: the realised savings cannot carry it.
    assert f.decided_plan == {2018: {"SN": 720225}, 2019: {"SN": 366619, "UN": 113156}}
    assert [v.message for v in f.decided_plan_problems] == [
        "SN ska ha återfört 720\xa0225\xa0kr till och med 2018 men har då bara 480\xa0150\xa0kr i kassamässiga besparingar."
    ]


def test_no_savings_at_sn_leave_the_repayment_short():
    realised = {("SN", year): (Decimal(0), "entered") for year in range(2018, 2022)}
    f = outcome_against_forecast(CALC, realised=realised, rules=None).feasibility
    assert f is not None
    assert f.plan == {2019: {"UN": 222296}, 2020: {"UN": 222296}, 2021: {"UN": 222296}}
    assert (f.planned, f.feasible, f.repaid_by) == (666888, False, None)
    assert [v.rule for v in f.violations] == ["repayment_incomplete"]
    assert "533\xa0112\xa0kr återstår" in f.violations[0].message


def test_savings_above_the_forecast_are_not_a_shortfall():
    outcome = outcome_against_forecast(CALC, realised={("SN", 2018): (Decimal(800000), "entered")}, rules=None)
    assert not outcome.falls_short and outcome.shortfall == 0
