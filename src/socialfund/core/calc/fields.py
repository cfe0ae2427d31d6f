"""Reading untrusted values field by field, collecting every error with its path.

Each reader returns the value when it is valid and `None` after recording an
error, so that one pass over a file reports all its problems, not just the first.
Paths use the file's own keys: `effects[1].deadweight`, `costs[0].amounts.2015`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from socialfund.core.calc.errors import CalculationInputError

MAX_MAGNITUDE = 1e15


def child(path: str, key: object) -> str:
    """The path of a key inside a mapping."""
    return f"{path}.{key}" if path else str(key)


def item(path: str, index: int) -> str:
    """The path of an element of a list."""
    return f"{path}[{index}]"


class Issues:
    """A list of (path, message) that grows while a document is read."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.errors.append((path, message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise CalculationInputError(self.errors)


def as_mapping(issues: Issues, value: object, path: str) -> Mapping[Any, Any] | None:
    if isinstance(value, Mapping):
        return value
    issues.add(path, "måste vara en mappning (nyckel: värde)")
    return None


def as_list(issues: Issues, value: object, path: str) -> list[Any] | None:
    if isinstance(value, list):
        return value
    issues.add(path, "måste vara en lista")
    return None


def check_keys(
    issues: Issues, mapping: Mapping[Any, Any], path: str, *, required: Iterable[str], optional: Iterable[str] = ()
) -> None:
    """Record unknown keys (a typo must not be silently ignored) and missing required keys."""
    required = tuple(required)
    allowed = (*required, *optional)
    for key in mapping:
        if key not in allowed:
            issues.add(child(path, key), f"okänd nyckel; tillåtna är: {', '.join(allowed)}")
    for key in required:
        if key not in mapping:
            issues.add(child(path, key), "saknas")


def as_text(issues: Issues, value: object, path: str) -> str | None:
    if isinstance(value, bool):
        # YAML 1.1 reads NO, ON, yes… as booleans: a board code like "ON" needs quotes.
        issues.add(path, "lästes som true/false; sätt citattecken runt texten")
        return None
    if not isinstance(value, str):
        issues.add(path, "måste vara text")
        return None
    text = value.strip()
    if not text:
        issues.add(path, "får inte vara tom")
        return None
    return text


def as_bool(issues: Issues, value: object, path: str) -> bool | None:
    if isinstance(value, bool):
        return value
    issues.add(path, "måste vara true eller false")
    return None


def as_int(issues: Issues, value: object, path: str, *, low: int, high: int) -> int | None:
    # bool is an int in Python; `true` is never a count or a year.
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            issues.add(path, "måste vara ett heltal")
            return None
    if not low <= value <= high:
        issues.add(path, f"måste vara mellan {low} och {high}")
        return None
    return value


def as_number(
    issues: Issues, value: object, path: str, *, low: float | None = None, high: float | None = None
) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        issues.add(path, "måste vara ett tal")
        return None
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        issues.add(path, "måste vara ett ändligt tal")
        return None
    if abs(number) > MAX_MAGNITUDE:
        # Beyond any municipal budget; products of such numbers would overflow into infinity.
        issues.add(path, "är orimligt stort (högst 10^15)")
        return None
    if low is not None and high is not None and not low <= number <= high:
        issues.add(path, f"måste vara mellan {_plain(low)} och {_plain(high)}")
        return None
    if low is not None and number < low:
        issues.add(path, "får inte vara negativt" if low == 0 else f"måste vara minst {_plain(low)}")
        return None
    return number


def as_fraction(issues: Issues, value: object, path: str) -> float | None:
    """A share such as deadweight: a number from 0 to 1 inclusive."""
    return as_number(issues, value, path, low=0.0, high=1.0)


def as_amount(issues: Issues, value: object, path: str) -> Decimal | None:
    """A non-negative amount in kronor, kept exact (a YAML float becomes the decimal the user wrote)."""
    number = as_number(issues, value, path, low=0.0)
    if number is None:
        return None
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def as_year(issues: Issues, key: object, path: str, *, first: int, last: int) -> int | None:
    """A year key (an int in YAML, a digit string in JSON) inside the calculation period."""
    if isinstance(key, bool):
        issues.add(path, "måste vara ett årtal")
        return None
    if isinstance(key, str) and key.strip().isascii() and key.strip().isdigit():
        # isascii: '²' and other Unicode digits pass isdigit() but are no year (int() refuses them).
        key = int(key.strip())
    if not isinstance(key, int):
        issues.add(path, "måste vara ett årtal")
        return None
    if not first <= key <= last:
        issues.add(path, f"år {key} ligger utanför kalkylperioden {first}–{last}")
        return None
    return key


def _plain(number: float) -> str:
    """1.0 → '1', 0.5 → '0.5': bounds in messages as a person writes them."""
    return str(int(number)) if float(number).is_integer() else str(number)
