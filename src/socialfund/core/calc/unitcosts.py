"""The unit-cost library (enhetskostnader): published Swedish costs per unit, each with its source.

A calculation line may say `unit_cost: <id>` instead of a `unit_value`; the value,
its price year and its source then come from the library, so that a reader can
check where a number came from. The shipped library is
`socialfund/data/unitcosts/sweden.csv`; a municipality can keep its own file with
the same columns.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.fields import Issues

if TYPE_CHECKING:
    from pathlib import Path

COLUMNS = ("id", "label_sv", "unit", "value", "price_year", "bearer", "source", "confidence")
CONFIDENCE_LEVELS = ("high", "medium", "low")


@dataclass(frozen=True)
class UnitCost:
    """A unit cost from the library: its value, price year and source."""

    id: str
    label_sv: str
    unit: str
    value: float
    price_year: int | None
    bearer: str
    source: str
    confidence: str


@dataclass(frozen=True)
class UnitCostLibrary(Mapping[str, UnitCost]):
    """Unit costs by id, in the order of the file."""

    costs: Mapping[str, UnitCost]
    origin: str = ""

    def __getitem__(self, key: str) -> UnitCost:
        return self.costs[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.costs)

    def __len__(self) -> int:
        return len(self.costs)


def load_unit_costs(path: str | Path | None = None) -> UnitCostLibrary:
    """Read a unit-cost CSV; without a path, the library shipped with socialfund."""
    if path is None:
        return _shipped_library()
    location = os.fspath(path)
    try:
        with open(location, encoding="utf-8") as file:
            text = file.read()
    except OSError as exc:
        raise CalculationInputError([(location, f"kan inte läsas: {exc.strerror or exc}")]) from exc
    except UnicodeDecodeError as exc:
        raise CalculationInputError([(location, "är inte UTF-8")]) from exc
    return parse_unit_costs(text, origin=os.path.basename(location))


@functools.cache
def _shipped_library() -> UnitCostLibrary:
    from socialfund.core.calc.prices import read_package_file

    return parse_unit_costs(read_package_file("data", "unitcosts", "sweden.csv"), origin="sweden.csv")


def parse_unit_costs(text: str, *, origin: str = "enhetskostnader") -> UnitCostLibrary:
    """Parse the CSV text; every bad cell is reported as `<origin>:rad N.<column>`."""
    import csv  # here: read only when a calculation names a unit cost

    reader = csv.DictReader(io.StringIO(text))
    issues = Issues()
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CalculationInputError([(origin, f"saknar kolumnerna {', '.join(missing)}")])
    costs: dict[str, UnitCost] = {}
    for row in reader:
        cost = _parse_row(issues, row, f"{origin}:rad {reader.line_num}")
        if cost is None:
            continue
        if cost.id in costs:
            issues.add(f"{origin}:rad {reader.line_num}.id", f"id {cost.id!r} förekommer redan")
        costs[cost.id] = cost
    issues.raise_if_any()
    return UnitCostLibrary(costs=costs, origin=origin)


def _parse_row(issues: Issues, row: Mapping[str, str | None], path: str) -> UnitCost | None:
    cells = {column: (row.get(column) or "").strip() for column in COLUMNS}
    before = len(issues.errors)
    for column in ("id", "label_sv", "unit", "value", "bearer", "source"):
        if not cells[column]:
            issues.add(f"{path}.{column}", "saknas")
    value = _cell_number(issues, cells["value"], f"{path}.value")
    price_year = None
    if cells["price_year"]:
        if cells["price_year"].isdigit():
            price_year = int(cells["price_year"])
        else:
            issues.add(f"{path}.price_year", "måste vara ett årtal eller tomt")
    if cells["confidence"] not in CONFIDENCE_LEVELS:
        issues.add(f"{path}.confidence", f"måste vara en av {', '.join(CONFIDENCE_LEVELS)}")
    if len(issues.errors) > before or value is None:
        return None
    return UnitCost(
        id=cells["id"],
        label_sv=cells["label_sv"],
        unit=cells["unit"],
        value=value,
        price_year=price_year,
        bearer=cells["bearer"],
        source=cells["source"],
        confidence=cells["confidence"],
    )


def _cell_number(issues: Issues, text: str, path: str) -> float | None:
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        issues.add(path, "måste vara ett tal (punkt som decimaltecken)")
        return None
    if not number >= 0 or number == float("inf"):
        issues.add(path, "måste vara ett ändligt tal, minst 0")
        return None
    return number
