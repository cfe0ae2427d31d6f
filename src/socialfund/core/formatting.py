"""Swedish formats for numbers, amounts and dates.

Follows Myndigheternas skrivregler: a (non-breaking) space groups thousands, a
comma marks decimals, "kr", "tkr" and "mnkr" for kronor, and ISO dates
(2015-10-26). The space is U+00A0 so that an amount never breaks across lines.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"  # a true minus sign, as Swedish typesetting wants


def format_number(value: Decimal | int | float, decimals: int = 0) -> str:
    """'1 234 567' or '1 234 567,50' with non-breaking spaces; negatives with a minus sign."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    negative = number < 0
    digits = f"{abs(number):.{decimals}f}"
    whole, _, fraction = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = NBSP.join(groups)
    if fraction:
        text += "," + fraction
    if negative and number != 0:
        text = MINUS + text
    return text


def format_sek(value: Decimal | int | float, decimals: int = 0) -> str:
    """'1 234 567 kr'."""
    return f"{format_number(value, decimals)}{NBSP}kr"


def format_tkr(value: Decimal | int | float) -> str:
    """'700 tkr' for 700 000 kr."""
    return (
        f"{format_number(Decimal(repr(value)) / 1000 if isinstance(value, float) else Decimal(value) / 1000)}{NBSP}tkr"
    )


def format_mnkr(value: Decimal | int | float, decimals: int = 1) -> str:
    """'24 mnkr' for 24 000 000 kr; '1,5 mnkr' for 1 500 000 kr. Whole millions drop the decimals."""
    millions = (Decimal(repr(value)) if isinstance(value, float) else Decimal(value)) / 1_000_000
    if millions == millions.to_integral_value():
        decimals = 0
    return f"{format_number(millions, decimals)}{NBSP}mnkr"


def format_percent(share: Decimal | float, decimals: int = 0) -> str:
    """'25 %' for 0.25."""
    value = Decimal(repr(share)) if isinstance(share, float) else Decimal(share)
    return f"{format_number(value * 100, decimals)}{NBSP}%"


def format_date(value: dt.date) -> str:
    """'2015-10-26'."""
    return value.isoformat()
