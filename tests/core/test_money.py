"""Money: exact to the öre, never a float, splits that add back to the whole."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialfund.core.money import MoneyError, allocate, allocate_sek, parse_amount, sek, sek_from_estimate


def test_sek_is_exact_to_the_ore():
    assert sek("1200.50") == Decimal("1200.50")
    assert sek(24_000_000) == Decimal("24000000.00")


@pytest.mark.parametrize("bad", [0.1, 1.0, True, "abc", "NaN", "Infinity", None, "1e400", "99999999999999999999"])
def test_sek_refuses_what_is_not_money(bad):
    with pytest.raises(MoneyError):
        sek(bad)


def test_sek_refuses_fractions_of_an_ore():
    with pytest.raises(MoneyError, match="fler decimaler än öre"):
        sek("0.005")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 234 567,50", "1234567.50"), ("1\u00a0234\u00a0567 kr", "1234567.00"), ("271964", "271964.00")],
)
def test_parse_amount_reads_swedish_writing(text, expected):
    assert parse_amount(text) == Decimal(expected)


def test_parse_amount_refuses_garbage():
    with pytest.raises(MoneyError):
        parse_amount("1.234.567")


def test_estimates_round_half_up_to_whole_kronor():
    assert sek_from_estimate(3065.5) == Decimal("3066")
    assert sek_from_estimate(Decimal("-0.5")) == Decimal("-1")


def test_allocate_largest_remainder():
    # 100 over three equal weights: 33.33 each, the single unit left goes to the first.
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    # 3 600 000 over savings of 2:1 in SN and UN.
    assert allocate(3_600_000, [Decimal("2"), Decimal("1")]) == [2_400_000, 1_200_000]


def test_allocate_sek_to_the_ore():
    parts = allocate_sek(Decimal("1000.00"), [1, 1, 1])
    assert parts == [Decimal("333.34"), Decimal("333.33"), Decimal("333.33")]
    assert sum(parts) == Decimal("1000.00")


@pytest.mark.parametrize("weights", [[], [0, 0], [1, -1]])
def test_allocate_refuses_impossible_weights(weights):
    with pytest.raises(ValueError):
        allocate(10, weights)


@given(
    total=st.integers(min_value=-(10**12), max_value=10**12),
    weights=st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=12).filter(lambda w: sum(w) > 0),
)
def test_allocate_always_sums_exactly(total, weights):
    parts = allocate(total, weights)
    assert sum(parts) == total
    assert len(parts) == len(weights)
    # A zero weight never gets anything; every part is within one unit of its exact share.
    for part, weight in zip(parts, weights, strict=True):
        exact = Decimal(total) * weight / sum(weights)
        assert abs(Decimal(part) - exact) < 1
        if weight == 0:
            assert part == 0
