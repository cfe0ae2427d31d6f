"""Reading the KPI table as SCB's Statistikdatabasen exports it, and writing the shipped KPI file.

SCB's CSV downloads come in two shapes, both accepted: one row per year
("1980";"100.0") or the years as column headings with the values in the next row.
The delimiter is a semicolon, a comma or a tab; the decimal mark a point or a comma
(with a semicolon or a tab as delimiter). Any title or heading rows are skipped.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.prices import PriceIndex, _positive_decimal

SOURCE = "SCB, KPI, fastställda tal, årsmedeltal (1980=100)"
FIRST, LAST = 1900, 2200


def _year(cell: str) -> int | None:
    text = cell.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) == 4 and FIRST <= int(text) <= LAST else None


def _rows(text: str) -> list[list[str]]:
    sample = "\n".join(text.splitlines()[:20])
    delimiter = max((";", "\t", ","), key=sample.count)
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter) if row]


def parse_scb_csv(text: str, *, origin: str = "SCB-filen") -> dict[int, Decimal]:
    """KPI by year from an SCB download; raise CalculationInputError when no year with a value is found."""
    values: dict[int, Decimal] = {}
    rows = _rows(text.lstrip("\ufeff"))
    for position, row in enumerate(rows):
        year_columns = {column: year for column, cell in enumerate(row) if (year := _year(cell)) is not None}
        if len(year_columns) >= 2 and position + 1 < len(rows):  # the years as headings, values below
            below = rows[position + 1]
            for column, year in year_columns.items():
                value = _positive_decimal(below[column]) if column < len(below) else None
                if value is not None:
                    values[year] = value
            if values:
                break
        elif len(year_columns) == 1:  # one row per year: the value is the last number in the row
            (column, year), cells = next(iter(year_columns.items())), row
            numbers = [v for c, cell in enumerate(cells) if c != column and (v := _positive_decimal(cell)) is not None]
            if numbers:
                values[year] = numbers[-1]
    if not values:
        raise CalculationInputError([(origin, "inga år med KPI-värden hittades; ladda ned tabellen som CSV från SCB")])
    if 1980 in values and values[1980] != 100:
        raise CalculationInputError([(origin, f"KPI för 1980 är {values[1980]}, inte 100: fel tabell eller basår")])
    return dict(sorted(values.items()))


def render_index_file(values: dict[int, Decimal], *, retrieved: str, from_file: str) -> str:
    """The shipped format, with the source and when and from what it was taken."""
    lines = [
        "# Konsumentprisindex (KPI), årsmedeltal, 1980 = 100.",
        f"# Källa: {SOURCE}, Statistikdatabasen (PR0101).",
        f"# Hämtning: uppdaterad {retrieved} med socialfund kpi uppdatera ur filen {from_file}.",
        "year,kpi,status",
    ]
    lines += [f"{year},{value}," for year, value in values.items()]
    return "\n".join(lines) + "\n"


def describe_index(index: PriceIndex) -> str:
    """The index as text for `socialfund kpi visa`: the note, then one line per year."""
    rows = [f"{year}  {value}{'  (osäker)' if year in index.uncertain else ''}" for year, value in index.values.items()]
    return index.note + "\n\n" + "\n".join(rows) + "\n"
