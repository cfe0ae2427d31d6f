"""The fund's registry numbers ('KS 26-3'): one series per fund and year, shared by everything numbered.

An outside idea's receipt, a case's first registered document and a filed April report all take their
number here. The series' row is locked while a number is taken, so two transactions never give the same
number (a count of the numbers already given could: two at once count the same). A number a registrar types
by hand that fits the series moves the series past it.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction

from socialfund.cases.models import Initiative, RegistrySerial
from socialfund.funds.models import Fund

DEFAULT_PATTERN = "{yyyy}-{n}"


def _pattern(fund: Fund) -> str:
    return fund.registry_number_pattern or DEFAULT_PATTERN


def registry_number_format(fund: Fund, year: int, serial: int) -> str:
    """The fund's pattern filled in: 'KS {yy}-{n}', 2026, 3 -> 'KS 26-3'."""
    return (
        _pattern(fund).replace("{yyyy}", f"{year:04d}").replace("{yy}", f"{year % 100:02d}").replace("{n}", str(serial))
    )


def serial_of(fund: Fund, year: int, number: str) -> int | None:
    """The serial in `number` when it is one of the fund's numbers for `year` ('KS 26-3' -> 3), else None."""
    parts = re.split(r"(\{n\})", _year_pattern(fund, year))
    regex = "".join(r"(\d+)" if part == "{n}" else re.escape(part) for part in parts)
    found = re.fullmatch(regex, number.strip())
    return int(found.group(1)) if found else None


def _year_pattern(fund: Fund, year: int) -> str:
    return _pattern(fund).replace("{yyyy}", f"{year:04d}").replace("{yy}", f"{year % 100:02d}")


def _highest_given(fund: Fund, year: int) -> int:
    """The highest serial of the year among the numbers cases already carry (given before the series existed,
    or typed by hand)."""
    numbers = Initiative.objects.filter(fund=fund).exclude(registry_number="").values_list("registry_number", flat=True)
    return max((serial_of(fund, year, number) or 0 for number in numbers), default=0)


def _locked_serial(fund: Fund, year: int) -> RegistrySerial:
    """The series' row, locked until the transaction ends (made on first use, from the numbers given so far).

    The fund's row is locked first, as every writer of a fund's numbered documents (the diarium, the report
    texts) locks it: one order of locks, so two transactions never wait for each other in a circle. FOR NO
    KEY UPDATE, because a row just inserted for the fund (the idea's case) holds a key-share lock on it."""
    Fund.objects.select_for_update(no_key=True).filter(pk=fund.pk).first()
    try:
        with transaction.atomic():
            RegistrySerial.objects.get_or_create(fund=fund, year=year, defaults={"last": _highest_given(fund, year)})
    except IntegrityError:  # another transaction made it first: lock theirs
        pass
    return RegistrySerial.objects.select_for_update().get(fund=fund, year=year)


def registry_number_take(*, fund: Fund, on: dt.date) -> str:
    """The fund's next registry number for the year of `on`, given once and never again."""
    with transaction.atomic():
        serial = _locked_serial(fund, on.year)
        serial.last += 1
        serial.save(update_fields=["last"])
        return registry_number_format(fund, on.year, serial.last)


def registry_number_peek(*, fund: Fund, on: dt.date) -> str:
    """The number the next `registry_number_take` would give, to suggest in a form (not reserved)."""
    serial = RegistrySerial.objects.filter(fund=fund, year=on.year).values_list("last", flat=True).first()
    last = serial if serial is not None else _highest_given(fund, on.year)
    return registry_number_format(fund, on.year, last + 1)


def registry_number_note(*, fund: Fund, on: dt.date, number: str) -> None:
    """A number given by hand: when it fits the year's series, the series continues after it."""
    given = serial_of(fund, on.year, number)
    if given is None:
        return
    with transaction.atomic():
        serial = _locked_serial(fund, on.year)
        if given > serial.last:
            serial.last = given
            serial.save(update_fields=["last"])
