"""The pure-Python engine (`socialfund calc` without numpy, issue 22) gives the numpy engine's figures exactly.

Not "close": every float of the result is compared with `==`, so the two engines agree to the öre and to
the last bit on every figure (present values, per-year rows, parties, actors, payback, the repayment plan,
switching values) for generated calculations of every shape: 0 to 12 lines (numpy sums more than eight
values pairwise), 1 to 40 years, constant rates and stepped schedules, every sector.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialfund.core.calc import parse_calculation, result_to_dict
from socialfund.core.calc.engine import evaluate, evaluate_plain
from socialfund.core.calc.plain import down_columns, numpy_order_sum
from socialfund.core.calc.text import format_text
from socialfund.core.repayment_rules import RepaymentRules

START = 2015
# A party keeps one sector in a calculation (parse.py refuses two), so each name has its own.
PAYERS = {"fund": None, "SN": "municipal", "UN": "municipal", "FK": "state", "AF": "state", "Regionen": "region"}
BENEFICIARIES = {**{k: v for k, v in PAYERS.items() if v}, "Individen": "individual", "Övriga": "other"}

money = st.one_of(
    st.integers(min_value=0, max_value=50_000_000),
    st.floats(min_value=0, max_value=5e7, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False).map(float),
)
share = st.one_of(st.sampled_from([0, 0.1, 0.25, 0.5]), st.floats(min_value=0, max_value=0.95))


@st.composite
def calculations(draw: st.DrawFn) -> dict[str, Any]:
    horizon = draw(st.one_of(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=40)))
    years = st.integers(min_value=START, max_value=START + horizon - 1)
    costs = [
        {
            "label": f"Kostnad {index}",
            "payer": payer,
            **({"sector": PAYERS[payer]} if PAYERS[payer] else {}),
            "amounts": draw(st.dictionaries(years, money, min_size=1, max_size=horizon)),
            "optimism_bias": draw(st.sampled_from([0, 0.1, 0.2, 0.005])),
        }
        for index, payer in enumerate(draw(st.lists(st.sampled_from(list(PAYERS)), min_size=1, max_size=12)))
    ]
    effects = [
        {
            "label": f"Effekt {index}",
            "beneficiary": beneficiary,
            "sector": BENEFICIARIES[beneficiary],
            "cashable": draw(st.booleans()),
            "unit_value": draw(money.filter(lambda value: value > 0)),
            "quantity": draw(
                st.dictionaries(years, st.floats(min_value=0, max_value=10_000), min_size=1, max_size=horizon)
            ),
            "deadweight": draw(share),
            "attribution": draw(share),
        }
        for index, beneficiary in enumerate(draw(st.lists(st.sampled_from(list(BENEFICIARIES)), max_size=12)))
    ]
    document: dict[str, Any] = {
        "title": "Genererad kalkyl",
        "start_year": START,
        "horizon": horizon,
        "costs": costs,
        "effects": effects,
    }
    if draw(st.booleans()):
        document["discount_rate"] = draw(st.one_of(st.sampled_from([0, 0.035, 0.04]), st.floats(0, 0.2)))
    else:
        document["discount_schedule"] = "green_book"
    return document


RULES = st.sampled_from(
    [
        None,
        RepaymentRules(mode="none"),
        RepaymentRules(grace_years=1, max_years_after_first=3, latest_start_offset_years=2),
    ]
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(document=calculations(), rules=RULES)
def test_the_pure_python_engine_gives_the_numpy_engines_figures_exactly(document, rules):
    calc = parse_calculation(document)
    on_numpy = evaluate(calc, rules=rules)
    plain = evaluate_plain(calc, rules=rules)
    assert plain == on_numpy  # every dataclass field, floats with ==
    assert result_to_dict(plain) == result_to_dict(on_numpy)
    assert format_text(plain) == format_text(on_numpy)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.floats(min_value=-1e12, max_value=1e12), max_size=400))
def test_numpy_order_sum_is_numpys_sum_to_the_last_bit(values):
    import numpy as np

    assert numpy_order_sum(values) == float(np.array(values, dtype=np.float64).sum())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.integers(min_value=1, max_value=30).flatmap(
        lambda years: st.lists(
            st.lists(st.floats(min_value=-1e9, max_value=1e9), min_size=years, max_size=years), max_size=30
        ).map(lambda table: (years, table))
    ),
    st.data(),
)
def test_sums_down_the_years_are_numpys_to_the_last_bit(shape, data):
    import numpy as np

    years, table = shape
    rows = data.draw(st.lists(st.integers(min_value=0, max_value=len(table) - 1))) if table else []
    expected = np.array(table, dtype=np.float64).reshape(len(table), years)[rows].sum(axis=0).tolist()
    assert down_columns(table, rows, years) == expected


@pytest.mark.parametrize("horizon", [1, 9, 40])
def test_many_lines_over_one_year_and_more_agree(horizon):
    """Twelve lines of each kind, values of every size: numpy sums the lines pairwise, and with a single year
    it sums down the column pairwise too (a sum line after line would differ in the last bits)."""
    import random

    from tests.core.calc.builders import cost, document, effect

    draw = random.Random(horizon)
    costs = [cost(amounts={START: draw.uniform(1, 1e7)}, optimism_bias=0.1) for _ in range(12)]
    effects = [effect(quantity={START: draw.uniform(0, 500)}, unit_value=draw.uniform(1, 1e5)) for _ in range(12)]
    calc = parse_calculation(document(horizon=horizon, costs=costs, effects=effects))
    assert evaluate_plain(calc) == evaluate(calc)


def test_one_year_sums_down_the_column_as_numpy_does():
    import random

    import numpy as np

    draw = random.Random(1)
    for _ in range(50):
        table = [[draw.uniform(-1e9, 1e9)] for _ in range(draw.randint(9, 40))]
        rows = list(range(len(table)))
        assert down_columns(table, rows, 1) == np.array(table).sum(axis=0).tolist()
