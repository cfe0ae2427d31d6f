"""Reading an initiative file (YAML) or mapping (from the web form) into a `ScreeningInput`, with every problem
reported at once, each with its field path and a Swedish message."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from socialfund.core.policy.errors import ROOT, InputError, join_path, translate
from socialfund.core.policy.yamlio import YamlReadError, read_yaml_file
from socialfund.core.screening.calculation_check import calculation_errors
from socialfund.core.screening.screening_input import ScreeningInput


class ScreeningInputError(InputError):
    """An initiative that cannot be screened: `errors` holds (field path, Swedish message) pairs."""


def _calculation_document(value: Any, base_dir: Path | None) -> tuple[Any, str | None, list[tuple[str, str]]]:
    """The calculation as a mapping, the file it came from, and any error reading it."""
    if value is None or isinstance(value, dict):
        return value, None, []
    if not isinstance(value, str):
        return None, None, [("calculation", "måste vara ett filnamn eller en beräkning (mappning)")]
    location = Path(value) if base_dir is None or Path(value).is_absolute() else base_dir / value
    try:
        document = read_yaml_file(location)
    except YamlReadError as exc:
        return None, value, [("calculation", exc.problem)]
    if not isinstance(document, dict):
        return None, value, [("calculation", f"filen {value} måste innehålla en beräkning (mappning)")]
    return document, value, []


def parse_initiative(data: Mapping[str, Any], *, base_dir: Path | None = None) -> ScreeningInput:
    """Validate an initiative document; a `calculation` given as a file name is read relative to `base_dir`."""
    if not isinstance(data, Mapping):
        raise ScreeningInputError([(ROOT, "initiativet måste vara en mappning (nyckel: värde) på översta nivån")])
    document = dict(data)
    calculation, calculation_file, errors = _calculation_document(document.get("calculation"), base_dir)
    if "calculation" in document:
        document["calculation"] = calculation
        document["calculation_file"] = calculation_file
    initiative: ScreeningInput | None = None
    try:
        initiative = ScreeningInput.model_validate(document)
    except ValidationError as exc:
        errors += translate(exc)
    if calculation is not None:
        where = f" (i {calculation_file})" if calculation_file else ""
        errors += [
            (join_path("calculation", path), message + where) for path, message in calculation_errors(calculation)
        ]
    if errors or initiative is None:
        raise ScreeningInputError(errors)
    return initiative


def load_initiative_file(path: str | Path) -> ScreeningInput:
    """Read an initiative YAML file; a calculation file it names is read relative to it."""
    location = Path(path)
    try:
        data = read_yaml_file(location)
    except YamlReadError as exc:
        raise ScreeningInputError([(ROOT, exc.problem)]) from exc
    if not isinstance(data, dict):
        raise ScreeningInputError([(ROOT, f"{location} måste innehålla en mappning (nyckel: värde) på översta nivån")])
    return parse_initiative(data, base_dir=location.parent)
