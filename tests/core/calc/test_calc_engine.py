"""Totals, who pays and who benefits, payback, switching values and warnings."""

from __future__ import annotations

import json

import pytest

from socialfund.core.calc import evaluate, parse_calculation, result_to_dict

from .builders import cost, document, effect

DF1, DF2, DF3 = 1 / 1.035, 1 / 1.035**2, 1 / 1.035**3


def evaluated(**overrides):
    return evaluate(parse_calculation(document(**overrides)))


def test_optimism_bias_raises_counted_costs():
    result = evaluated(costs=[cost(amounts={2015: 100_000, 2016: 100_000}, optimism_bias=0.1)])
    assert result.per_year[1].costs == pytest.approx(110_000)
    assert result.totals.pv_costs == pytest.approx(110_000 * (1 + DF1))
    assert result.totals.pv_costs_fund == pytest.approx(110_000 * (1 + DF1))


def test_effect_value_applies_the_three_adjustments():
    line = effect(unit_value=1000, quantity={2016: 10}, deadweight=0.5, displacement=0.2, attribution=0.25)
    result = evaluated(effects=[line])
    assert result.per_year[1].benefits == pytest.approx(10 * 1000 * 0.5 * 0.8 * 0.75)


def test_totals_split_by_sector_and_cashability():
    effects = [
        effect(beneficiary="SN", quantity={2016: 100}),  # municipal, cashable: 100 000
        effect(beneficiary="UN", cashable=False, quantity={2016: 50}),  # municipal, capacity: 50 000
        effect(beneficiary="Försäkringskassan", sector="state", quantity={2016: 200}),  # outside: 200 000
    ]
    totals = evaluated(
        costs=[cost(amounts={2015: 100_000}), cost(payer="UN", amounts={2016: 10_000})], effects=effects
    ).totals
    assert totals.pv_benefits == pytest.approx(350_000 * DF1)
    assert totals.pv_benefits_municipal == pytest.approx(150_000 * DF1)
    assert totals.pv_benefits_municipal_cashable == pytest.approx(100_000 * DF1)
    assert totals.pv_costs == pytest.approx(100_000 + 10_000 * DF1)
    assert totals.pv_costs_fund == pytest.approx(100_000)
    assert totals.npv == pytest.approx(totals.pv_benefits - totals.pv_costs)
    assert totals.npv_municipal == pytest.approx(150_000 * DF1 - 100_000 - 10_000 * DF1)
    assert totals.benefit_cost_ratio == pytest.approx(totals.pv_benefits / totals.pv_costs)


def test_parties_who_pays_and_who_benefits():
    effects = [
        effect(beneficiary="SN", quantity={2016: 100, 2017: 100}),
        effect(beneficiary="SN", cashable=False, quantity={2016: 30}),
        effect(beneficiary="Försäkringskassan", sector="state", quantity={2016: 200}),
    ]
    costs = [cost(payer="UN", sector="municipal", amounts={2015: 5000}), cost(amounts={2015: 100_000})]
    result = evaluated(costs=costs, effects=effects)
    by_name = {party.name: party for party in result.parties}
    assert [party.name for party in result.parties] == ["fund", "UN", "SN", "Försäkringskassan"]
    assert [party.sector for party in result.parties] == ["fund", "municipal", "municipal", "state"]
    assert by_name["fund"].pv_costs_paid == pytest.approx(100_000)
    assert by_name["UN"].pv_costs_paid == pytest.approx(5000)
    assert by_name["SN"].pv_benefits_received == pytest.approx(130_000 * DF1 + 100_000 * DF2)
    assert by_name["SN"].cashable_savings == pytest.approx({2016: 100_000, 2017: 100_000})
    assert by_name["Försäkringskassan"].cashable_savings == pytest.approx({2016: 200_000})
    assert sum(p.pv_costs_paid for p in result.parties) == pytest.approx(result.totals.pv_costs)
    assert sum(p.pv_benefits_received for p in result.parties) == pytest.approx(result.totals.pv_benefits)


def test_payer_without_a_sector_is_unknown():
    result = evaluated(costs=[cost(payer="Region Stockholm")])
    assert {p.name: p.sector for p in result.parties} == {"Region Stockholm": None, "SN": "municipal"}


def test_payback_year_is_the_first_year_the_cumulative_turns_non_negative():
    # costs 1 000 000 in 2015; SN saves 500 000 in 2017 and 2018 and 600 000 in 2019.
    result = evaluated(effects=[effect(quantity={2017: 500, 2018: 500, 2019: 600})])
    cumulative = [row.cumulative_discounted_net_municipal_cashable for row in result.per_year]
    assert cumulative[:5] == pytest.approx(
        [-1e6, -1e6, -1e6 + 5e5 * DF2, -1e6 + 5e5 * (DF2 + DF3), -1e6 + 5e5 * (DF2 + DF3) + 6e5 / 1.035**4]
    )
    assert cumulative[3] < 0 <= cumulative[4]
    assert result.totals.payback_year == 2019


def test_payback_exactly_zero_counts():
    doc = document(discount_rate=0.0, effects=[effect(quantity={2016: 600, 2017: 400})])
    assert evaluate(parse_calculation(doc)).totals.payback_year == 2017


def test_no_payback_without_costs_or_when_never_reached():
    assert evaluated(effects=[effect(quantity={2017: 10})]).totals.payback_year is None
    free = evaluated(costs=[])
    assert (free.totals.payback_year, free.totals.benefit_cost_ratio) == (None, None)


def test_years_before_the_first_cost_are_not_payback():
    result = evaluated(costs=[cost(amounts={2017: 100_000})], effects=[effect(quantity={2019: 1000})])
    assert result.totals.payback_year == 2019


def test_non_cashable_benefits_do_not_pay_back():
    assert evaluated(effects=[effect(cashable=False, quantity={2016: 5000})]).totals.payback_year is None


def test_switching_multiplier_brings_npv_municipal_to_zero():
    effects = [
        effect(beneficiary="SN", quantity={2017: 800}),
        effect(beneficiary="UN", quantity={2018: 600}),
        effect(beneficiary="Försäkringskassan", sector="state", quantity={2018: 600}),
        effect(beneficiary="SN", quantity={2018: 0}),
    ]
    result = evaluated(effects=effects)
    rows = {row.effect: row for row in result.sensitivity}
    assert sorted(rows) == [0, 1, 3]  # only municipal lines
    assert rows[3].switching_multiplier is None  # PV 0 cannot switch anything
    npv_municipal = result.totals.npv_municipal
    for index in (0, 1):
        pv = rows[index].pv_benefits
        m = rows[index].switching_multiplier
        assert npv_municipal - pv + m * pv == pytest.approx(0, abs=1e-6)
    assert rows[0].switching_multiplier == pytest.approx(1 - npv_municipal / (800_000 * DF2))


def test_switching_multiplier_below_zero_when_the_line_is_not_needed():
    result = evaluated(effects=[effect(quantity={2016: 5000}), effect(beneficiary="UN", quantity={2016: 10})])
    un = result.sensitivity[1]
    assert un.switching_multiplier is not None and un.switching_multiplier < 0


def test_result_to_dict_is_the_json_structure():
    result = evaluated(effects=[effect(quantity={2017: 600, 2018: 600})])
    data = result_to_dict(result)
    assert {"per_year", "totals", "parties", "repayment", "sensitivity"} <= set(data)
    assert "simulation" not in data
    assert set(data["per_year"][0]) == {"year", "discount_factor", "costs", "benefits", "benefits_municipal_cashable"}
    assert set(data["totals"]) == {
        "pv_costs",
        "pv_costs_fund",
        "pv_benefits",
        "pv_benefits_municipal",
        "pv_benefits_municipal_cashable",
        "npv",
        "npv_municipal",
        "benefit_cost_ratio",
        "payback_year",
    }
    assert data["repayment"] == {
        "amount_due": 1_000_000,
        "plan": {"2017": {"SN": 600_000}, "2018": {"SN": 400_000}},
        "start_year": 2017,
        "end_year": 2018,
        "fully_repaid": True,
        "violations": [],
        "required": True,
        "proposed": True,
    }
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_result_to_dict_has_null_not_nan():
    data = result_to_dict(evaluated(costs=[], effects=[effect(quantity={2017: 0})]))
    assert data["totals"]["benefit_cost_ratio"] is None
    assert data["sensitivity"][0]["switching_multiplier"] is None
    json.dumps(data, allow_nan=False)
