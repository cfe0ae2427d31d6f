"""Money as exact decimals, and splits that add back to the whole.

Public money is kept in `Decimal` quantised to öre. A float never becomes money:
`sek(0.1)` raises, because 0.1 has no exact binary form and the error would reach
the ledger. Analytics (present values, simulations) may use floats; they become
money only through `sek_from_estimate`, which rounds explicitly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ORE = Decimal("0.01")
KRONA = Decimal("1")
# Larger than any public budget (10 000 mdkr); it also keeps quantize() within Decimal's precision.
MAX_AMOUNT = Decimal("1e13")


class MoneyError(ValueError):
    """An amount that cannot be money (a float, not a number, infinite)."""


def sek(value: Decimal | int | str) -> Decimal:
    """An amount in kronor, exact to the öre.

    Accepts `Decimal`, `int` or a decimal string ("1200.50", "1 200,50" is not
    accepted: parse user input with `parse_amount`). Refuses `float` and `bool`.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise MoneyError(f"belopp får inte vara flyttal: {value!r}")
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise MoneyError(f"ogiltigt belopp: {value!r}") from exc
    if not amount.is_finite():
        raise MoneyError(f"ogiltigt belopp: {value!r}")
    if abs(amount) >= MAX_AMOUNT:
        raise MoneyError(f"beloppet är orimligt stort: {value!r}")
    quantised = amount.quantize(ORE, rounding=ROUND_HALF_UP)
    if quantised != amount:
        raise MoneyError(f"beloppet har fler decimaler än öre: {value!r}")
    return quantised


def sek_from_estimate(value: float | Decimal, *, places: Decimal = KRONA) -> Decimal:
    """Round an estimate (e.g. a present value) to whole kronor, half up."""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise MoneyError(f"ogiltigt belopp: {value!r}")
        value = Decimal(repr(value))
    return value.quantize(places, rounding=ROUND_HALF_UP)


# Swedish notation only: ASCII digits, spaces (also no-break and thin) between them, one decimal
# comma (or point), an optional minus (also the typographic U+2212) and "kr". Python's Decimal would
# also take "1_000", "1e6" and other scripts' digits ("١٠٠٠"); none of those is an amount a person
# in a Swedish municipality means to book.
AMOUNT_TEXT = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


def parse_amount(text: str) -> Decimal:
    """Parse an amount as a Swedish official writes it: '1 234 567,50', '1234567.5', '24 000 000 kr'."""
    cleaned = text.strip().removesuffix("kr").strip().replace("\u2212", "-")
    for space in (" ", "\u00a0", "\u202f"):
        cleaned = cleaned.replace(space, "")
    if not AMOUNT_TEXT.fullmatch(cleaned):
        raise MoneyError(f"ogiltigt belopp: {text!r}")
    return sek(cleaned.replace(",", "."))


def to_ore(amount: Decimal) -> int:
    """The amount as a whole number of öre."""
    return int(sek(amount) * 100)


def from_ore(ore: int) -> Decimal:
    return (Decimal(ore) / 100).quantize(ORE)


def allocate(total: int, weights: Sequence[Decimal | int | float]) -> list[int]:
    """Split a whole number of units over weights so that the parts sum exactly to `total`.

    Largest-remainder method: each part gets the floor of its exact share, and the
    units left over go one each to the largest remainders (ties to the earlier
    weight). Works in any unit: öre for the ledger, kronor for a repayment plan.
    """
    if not weights:
        raise ValueError("inga vikter att fördela på")
    if any(w < 0 for w in weights):
        raise ValueError("vikterna får inte vara negativa")
    exact = [Decimal(repr(w)) if isinstance(w, float) else Decimal(w) for w in weights]
    weight_sum = sum(exact, Decimal(0))
    if weight_sum == 0:
        raise ValueError("vikterna summerar till noll")
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    shares = [magnitude * w / weight_sum for w in exact]
    parts = [int(s) for s in shares]  # floor: shares are non-negative
    leftover = magnitude - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - parts[i]), i))
    for i in by_remainder[:leftover]:
        parts[i] += 1
    return [sign * p for p in parts]


def allocate_sek(total: Decimal, weights: Sequence[Decimal | int | float]) -> list[Decimal]:
    """Split an amount in kronor over weights, exact to the öre."""
    return [from_ore(p) for p in allocate(to_ore(total), weights)]
