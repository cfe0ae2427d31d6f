"""Forecast meets outcome: the test application's calculation (SN saves HVB days at 2 400,75 kr net, 300 a year
2018–2021; UN two pupils a year) re-estimated from what an indicator measured."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from socialfund.core.calc import parse_calculation
from socialfund.core.calc.model import Uncertainty
from socialfund.followup.outcome_forecast import Evidence, reestimate
from tests.cases.application_content import CALCULATION

CALC = parse_calculation(CALCULATION)


def hvb_days(measured: dict[int, Decimal]) -> Evidence:
    return Evidence(
        effect_index=0,
        indicator="Placeringsdygn på HVB",
        baseline=Decimal(2000),
        lower_is_better=True,
        quantity_per_unit=Decimal(1),
        measured={year: (value, f"Källa: socialtjänstens statistik {year}") for year, value in measured.items()},
    )


def test_half_the_forecast_measured_halves_the_line_and_delays_the_repayment():
    r = reestimate(CALC, [hvb_days({2018: Decimal(1850)})], rules=None, runs=200)
    (effect,) = r.effects
    (row,) = effect.years
    # 2000 − 1850 = 150 days against 300 forecast: half. 150 × 2 400,75 = 360 112,5 → 360 113 kr.
    assert (row.forecast_quantity, row.implied_quantity) == (Decimal(300), Decimal(150))
    assert (row.forecast_saving, row.implied_saving) == (Decimal(720225), Decimal(360113))
    assert row.source == "Källa: socialtjänstens statistik 2018"
    assert effect.achievement == Decimal("0.5") and effect.achievement_percent == Decimal(50)
    # Forecast: SN 4 × 720 225 + UN 3 × 222 296. Re-estimated: SN's four years at 150 days each.
    assert r.forecast_savings == Decimal(4 * 720225 + 3 * 222296)
    assert r.reestimated_savings == Decimal(4 * 360113 + 3 * 222296)
    assert r.savings_difference < 0
    assert r.forecast_repayment.fully_repaid and r.reestimated_repayment.fully_repaid
    assert r.forecast_repayment.end_year == 2019
    assert r.reestimated_repayment.end_year is not None and r.reestimated_repayment.end_year > 2019


def test_measured_years_replace_the_forecast_and_the_rest_scale():
    # 2018: 100 days (a third), 2019: 500 days: together 600 of 600 forecast, so 2020–2021 stay as forecast.
    r = reestimate(CALC, [hvb_days({2018: Decimal(1900), 2019: Decimal(1500)})], rules=None, runs=200)
    (effect,) = r.effects
    assert effect.achievement == Decimal(1)
    assert r.reestimated_savings == r.forecast_savings  # the same days in total, in other years


def test_nothing_achieved_means_no_repayment_from_the_line():
    r = reestimate(CALC, [hvb_days({2018: Decimal(2000)})], rules=None, runs=200)
    assert r.effects[0].achievement == Decimal(0)
    assert r.reestimated_savings == Decimal(3 * 222296)  # UN's pupils only
    assert not r.reestimated_repayment.fully_repaid


def test_the_chance_of_repaying_in_time_falls_with_the_outcome():
    uncertain = dataclasses.replace(
        CALC,
        effects=tuple(dataclasses.replace(e, uncertainty=Uncertainty(low=0.2, high=1.6)) for e in CALC.effects),
    )
    r = reestimate(uncertain, [hvb_days({2018: Decimal(1880)})], rules=None, runs=2000)
    assert r.forecast_chance is not None and r.reestimated_chance is not None
    assert 0 < r.reestimated_chance < r.forecast_chance <= 1


def test_a_measurement_outside_the_calculation_period_is_not_counted():
    r = reestimate(CALC, [hvb_days({2030: Decimal(1000)})], rules=None, runs=200)
    assert r.effects[0].years == [] and r.reestimated_savings == r.forecast_savings
