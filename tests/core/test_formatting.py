"""Swedish formats: 1 234 567 kr, 24 mnkr, 2015-10-26."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from socialfund.core.formatting import (
    MINUS,
    NBSP,
    format_date,
    format_mnkr,
    format_number,
    format_percent,
    format_sek,
    format_tkr,
)


def test_amount_in_kronor_with_non_breaking_spaces():
    assert format_sek(1234567) == f"1{NBSP}234{NBSP}567{NBSP}kr"
    assert format_sek(Decimal("271964")) == f"271{NBSP}964{NBSP}kr"
    assert format_sek(999) == f"999{NBSP}kr"


def test_decimals_take_a_comma():
    assert format_number(Decimal("1234567.5"), 2) == f"1{NBSP}234{NBSP}567,50"
    assert format_sek(Decimal("0.5"), 2) == f"0,50{NBSP}kr"


def test_rounding_is_half_up_not_bankers():
    assert format_number(Decimal("2.5")) == "3"
    assert format_number(Decimal("3.5")) == "4"


def test_negative_amounts_take_a_minus_sign():
    assert format_sek(-1200000) == f"{MINUS}1{NBSP}200{NBSP}000{NBSP}kr"
    assert format_number(Decimal("-0.4")) == "0"


def test_thousands_and_millions_as_the_seed_writes_them():
    assert format_mnkr(24_000_000) == f"24{NBSP}mnkr"
    assert format_mnkr(1_500_000) == f"1,5{NBSP}mnkr"
    assert format_tkr(700_000) == f"700{NBSP}tkr"


def test_percent_and_date():
    assert format_percent(Decimal("0.25")) == f"25{NBSP}%"
    assert format_date(dt.date(2015, 10, 26)) == "2015-10-26"
