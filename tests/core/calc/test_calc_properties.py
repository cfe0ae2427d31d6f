"""Properties that hold for every input (hypothesis)."""

from __future__ import annotations

import copy
import json
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from socialfund.core.calc import (
    CalculationInputError,
    constant_rate,
    evaluate,
    parse_calculation,
    result_to_dict,
    simulate,
)
from socialfund.core.calc.repayment import propose_plan

from .builders import cost, document, effect

YEARS = range(2015, 2025)
shares = st.floats(min_value=0, max_value=1)
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
yearly_savings = st.lists(st.floats(min_value=0, max_value=5e6), min_size=len(YEARS), max_size=len(YEARS))


@settings(max_examples=200, deadline=None)
@given(
    due=st.integers(min_value=0, max_value=50_000_000),
    savings=st.dictionaries(st.sampled_from(["SN", "UN", "KFN", "ÄON"]), yearly_savings, min_size=1),
    first_allowed=st.sampled_from(list(YEARS)),
)
def test_repayment_splits_sum_exactly(due, savings, first_allowed):
    arrays = {board: np.array(values) for board, values in savings.items()}
    plan = propose_plan(due, arrays, YEARS, first_allowed)
    paid = sum(sum(parts.values()) for parts in plan.values())
    payable = sum(
        math.floor(sum(v[i] for v in savings.values()) + 1e-6) for i, y in enumerate(YEARS) if y >= first_allowed
    )
    assert paid == min(due, payable)
    for year, parts in plan.items():
        assert year >= first_allowed
        assert all(isinstance(p, int) and p > 0 for p in parts.values())
        index = YEARS.index(year)
        assert sum(parts.values()) <= math.floor(sum(v[index] for v in savings.values()) + 1e-6)


@settings(max_examples=100, deadline=None)
@given(quantity=positive, unit_value=positive, k=st.floats(min_value=0, max_value=1000), dw=shares, att=shares)
def test_value_is_linear_in_quantity_and_unit_value(quantity, unit_value, k, dw, att):
    def pv(q, u):
        line = effect(quantity={2016: q, 2019: q / 2}, unit_value=u, deadweight=dw, attribution=att)
        return evaluate(parse_calculation(document(effects=[line]))).totals.pv_benefits

    base = pv(quantity, unit_value)
    assert math.isclose(pv(quantity * k, unit_value), k * base, rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(pv(quantity, unit_value * k), k * base, rel_tol=1e-9, abs_tol=1e-6)


@settings(max_examples=100, deadline=None)
@given(low=shares, high=shares, displacement=shares, attribution=shares, quantity=positive)
def test_more_deadweight_never_raises_the_present_value(low, high, displacement, attribution, quantity):
    low, high = min(low, high), max(low, high)

    def pv(deadweight):
        line = effect(quantity=quantity, first_year=2016, duration=4, drop_off=0.1, deadweight=deadweight)
        line.update(displacement=displacement, attribution=attribution)
        return evaluate(parse_calculation(document(effects=[line]))).totals.pv_benefits

    assert pv(high) <= pv(low)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), runs=st.integers(min_value=1, max_value=500))
def test_same_seed_gives_the_same_simulation(seed, runs):
    doc = document(
        costs=[cost(uncertainty={"low": 0.8, "high": 1.5})],
        effects=[
            effect(uncertainty={"low": 0.1, "high": 1.2}),
            effect(beneficiary="UN", uncertainty={"low": 0.5, "high": 1}),
        ],
    )
    calc = parse_calculation(doc)
    assert simulate(calc, runs=runs, seed=seed) == simulate(calc, runs=runs, seed=seed)


@settings(max_examples=50, deadline=None)
@given(rate=st.floats(min_value=0, max_value=1), horizon=st.integers(min_value=1, max_value=120))
def test_discount_factors_start_at_one_and_never_rise(rate, horizon):
    factors = constant_rate(rate).factors(horizon)
    assert factors[0] == 1.0
    assert np.all(np.diff(factors) <= 0)


@settings(max_examples=60, deadline=None)
@given(sn=yearly_savings, un=yearly_savings, fund=st.integers(min_value=1, max_value=20_000_000))
def test_switching_multiplier_zeroes_npv_and_simulation_agrees_with_engine(sn, un, fund):
    effects = [
        effect(beneficiary="SN", unit_value=1, quantity=dict(zip(YEARS, sn, strict=True))),
        effect(beneficiary="UN", unit_value=1, quantity=dict(zip(YEARS, un, strict=True))),
    ]
    calc = parse_calculation(document(costs=[cost(amounts={2015: fund})], effects=effects))
    result = evaluate(calc)
    for row in result.sensitivity:
        if row.switching_multiplier is not None:
            shifted = result.totals.npv_municipal + (row.switching_multiplier - 1) * row.pv_benefits
            assert math.isclose(shifted, 0, abs_tol=1e-6 * max(1.0, abs(row.pv_benefits)))
    # Without uncertainty every draw is the deterministic case: in time exactly when there is no violation.
    in_time = simulate(calc, runs=3, seed=0).probability_repaid_in_time
    assert in_time == (0.0 if result.repayment.violations else 1.0)


junk = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4) | st.integers(2010, 2030), inner, max_size=3)
    ),
    max_leaves=8,
)
BASE_DOC = document(
    costs=[cost(uncertainty={"low": 0.5, "high": 1.5})],
    effects=[effect(), effect(quantity=5, first_year=2016, duration=3, drop_off=0.1, beneficiary="UN")],
    repayment={"schedule": {2018: {"SN": 500_000}}},
)
PLACES = [
    ("title",),
    ("start_year",),
    ("horizon",),
    ("discount_rate",),
    ("costs", 0, "amounts"),
    ("costs", 0, "payer"),
    ("costs", 0, "uncertainty"),
    ("effects", 0, "quantity"),
    ("effects", 0, "sector"),
    ("effects", 1, "drop_off"),
    ("effects", 1, "duration"),
    ("repayment", "schedule"),
]


@settings(max_examples=300, deadline=None)
@given(changes=st.lists(st.tuples(st.sampled_from(PLACES), junk), min_size=1, max_size=3))
def test_any_document_is_either_calculated_or_refused_with_field_errors(changes):
    """Never an exception other than CalculationInputError, and a parsed document always evaluates."""
    doc = copy.deepcopy(BASE_DOC)
    for place, value in changes:
        target = doc
        for key in place[:-1]:
            target = target[key]
        target[place[-1]] = value
    try:
        calc = parse_calculation(doc)
    except CalculationInputError as exc:
        assert exc.errors and all(path and message for path, message in exc.errors)
        return
    json.dumps(result_to_dict(evaluate(calc), simulate(calc, runs=5, seed=0)), allow_nan=False)
