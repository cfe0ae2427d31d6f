"""One price level: amounts and unit costs given in another year's prices, converted with KPI.

A calculation counts in the prices of one year, its price year (`price_year` in the
file; without it the start year). A cost line or an effect's `unit_value` may say it
is given in another year's prices (`price_year` on the line), and a unit cost from the
library carries its own price year. Each such value is multiplied by

    factor = KPI(price year of the calculation) / KPI(price year of the value)

with SCB's consumer price index, yearly averages (1980 = 100), shipped in
`socialfund/data/kpi/kpi.csv` and replaced by `socialfund kpi uppdatera FILE`. Every
conversion is recorded (`PriceConversion`) so that the result can say what was
converted, from which year, to which year and by which factor.

A start year later than the last published KPI year (an application for next year)
counts in the prices of the last published year, and the result says so.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from socialfund.core.calc.errors import CalculationInputError

if TYPE_CHECKING:
    from pathlib import Path

UNCERTAIN = "osäker"
KPI_FILE = ("data", "kpi", "kpi.csv")
UPDATE_HINT = "uppdatera KPI med kommandot socialfund kpi uppdatera"


@dataclass(frozen=True)
class PriceIndex:
    """KPI by year; `uncertain` are years whose figure has not been checked against SCB."""

    values: Mapping[int, Decimal]
    uncertain: frozenset[int] = frozenset()
    note: str = ""

    @property
    def first_year(self) -> int:
        return min(self.values)

    @property
    def last_year(self) -> int:
        return max(self.values)

    def factor(self, from_year: int, to_year: int) -> Decimal:
        """KPI(to_year) / KPI(from_year); KeyError for a year the index lacks."""
        return self.values[to_year] / self.values[from_year]


@dataclass(frozen=True)
class PriceConversion:
    """One value moved to the calculation's price level: what, from which year's prices, to which, by what factor."""

    kind: str  # "cost" (a cost line's amounts) or "effect" (an effect's value per unit)
    index: int  # the line's position among the costs or the effects, from 0
    label: str
    from_year: int
    to_year: int
    factor: float
    before: float  # a cost line's total amount, or the value per unit, before
    after: float


def load_price_index(path: str | Path | None = None) -> PriceIndex:
    """Read a KPI file in the shipped format; without a path, the file shipped with socialfund."""
    if path is None:
        return _shipped_index()
    location = os.fspath(path)
    try:
        with open(location, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CalculationInputError([(location, f"kan inte läsas: {exc}")]) from exc
    return parse_price_index(text, origin=os.path.basename(location))


# The package's own data files, found beside the code: importlib.resources would also find them in a zip,
# which the package never is, and importing it (zipfile, tempfile, shutil …) was a tenth of `socialfund
# calc`'s start-up (issue 22). Nor pathlib (with urllib.parse and ipaddress, ~5 ms): a calculation reads
# its data files by os.path; only the commands that write one (`socialfund kpi`) ask for a Path.
PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))


def package_file(*parts: str) -> str:
    """The path of one of the package's own data files (`package_file("data", "unitcosts", "sweden.csv")`)."""
    return os.path.join(PACKAGE_DIR, *parts)


def read_package_file(*parts: str) -> str:
    with open(package_file(*parts), encoding="utf-8") as file:
        return file.read()


def shipped_index_path() -> Path:
    from pathlib import Path

    return Path(package_file(*KPI_FILE))


@functools.cache
def _shipped_index() -> PriceIndex:
    return parse_price_index(read_package_file(*KPI_FILE), origin="kpi.csv")


def parse_price_index(text: str, *, origin: str = "kpi.csv") -> PriceIndex:
    """The shipped format: '#' note lines, then the columns year,kpi,status (status 'osäker' or empty)."""
    note_lines = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    import csv  # here: a calculation reads the shipped index only when it converts prices

    reader = csv.DictReader(io.StringIO(body))
    if not {"year", "kpi"} <= set(reader.fieldnames or []):
        raise CalculationInputError([(origin, "saknar kolumnerna year och kpi")])
    values: dict[int, Decimal] = {}
    uncertain: set[int] = set()
    errors: list[tuple[str, str]] = []
    for row in reader:
        where = f"{origin}:rad {reader.line_num + len(note_lines)}"
        year_text, kpi_text = (row.get("year") or "").strip(), (row.get("kpi") or "").strip()
        value = _positive_decimal(kpi_text)
        if not (year_text.isascii() and year_text.isdigit() and len(year_text) == 4):
            errors.append((where, f"{year_text!r} är inget årtal"))
        elif value is None:
            errors.append((where, f"KPI {kpi_text!r} är inget positivt tal"))
        elif int(year_text) in values:
            errors.append((where, f"året {year_text} förekommer två gånger"))
        else:
            values[int(year_text)] = value
            if (row.get("status") or "").strip() == UNCERTAIN:
                uncertain.add(int(year_text))
    if not values and not errors:
        errors.append((origin, "innehåller inga år"))
    if errors:
        raise CalculationInputError(errors)
    return PriceIndex(values=dict(sorted(values.items())), uncertain=frozenset(uncertain), note="\n".join(note_lines))


def _positive_decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value > 0 else None


def target_price_year(start_year: int, explicit: int | None, index: PriceIndex) -> tuple[int, str | None]:
    """The price year values are converted to, and a note when it is not the one the user would assume.

    An explicit `price_year` is used as given (checked against the index by the caller).
    Otherwise the start year, or the last published KPI year when the start year lies beyond it.
    """
    if explicit is not None:
        return explicit, None
    if start_year > index.last_year:
        return index.last_year, (
            f"Startåret {start_year} har ännu inget fastställt KPI; kalkylen räknas i {index.last_year} års priser, "
            "det senaste året med fastställt KPI."
        )
    return start_year, None


def scale_amount(amount: Decimal, factor: Decimal) -> Decimal:
    """An amount in kronor moved to another price level, to the öre."""
    return (amount * factor).quantize(Decimal("0.01"))


def scale_value(value: float, factor: Decimal) -> float:
    return float(Decimal(repr(value)) * factor)
