"""Reading a calculation file (YAML or JSON) from disk, with errors a person can act on."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from socialfund.core import strictread
from socialfund.core.strictread import strict_loader

__all__ = ["load_calculation_file", "parse_json_text", "parse_yaml_text", "strict_loader"]
from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.model import Calculation
from socialfund.core.calc.parse import ROOT, parse_calculation
from socialfund.core.calc.unitcosts import UnitCostLibrary

if TYPE_CHECKING:
    from pathlib import Path


def load_calculation_file(path: str | Path, *, unit_costs: UnitCostLibrary | None = None) -> Calculation:
    """Read and validate a calculation file; `.json` is read as JSON, anything else as YAML."""
    # os.path, not pathlib: a calculation run imports no pathlib (issue 22, tests/core/test_cli_imports.py).
    location = os.fspath(path)
    try:
        with open(location, encoding="utf-8") as file:
            text = file.read()
    except FileNotFoundError as exc:
        raise CalculationInputError([(ROOT, f"filen {location} finns inte")]) from exc
    except UnicodeDecodeError as exc:
        raise CalculationInputError([(ROOT, f"filen {location} är inte UTF-8-kodad")]) from exc
    except OSError as exc:
        raise CalculationInputError([(ROOT, f"filen {location} kan inte läsas: {exc.strerror or exc}")]) from exc
    data = parse_json_text(text) if location.lower().endswith(".json") else parse_yaml_text(text)
    return parse_calculation(data, unit_costs=unit_costs)


def parse_yaml_text(text: str) -> Any:

    try:
        return strictread.parse_yaml(text)
    except strictread.DocumentReadError as exc:
        raise CalculationInputError([(ROOT, exc.problem)]) from exc


def parse_json_text(text: str) -> Any:

    try:
        return strictread.parse_json(text)
    except strictread.DocumentReadError as exc:
        raise CalculationInputError([(ROOT, exc.problem)]) from exc
