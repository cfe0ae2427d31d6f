"""Reading a calculation file (YAML or JSON) from disk, with errors a person can act on."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.model import Calculation
from socialfund.core.calc.parse import ROOT, parse_calculation
from socialfund.core.calc.unitcosts import UnitCostLibrary


@functools.cache
def strict_loader() -> type:
    """A safe YAML loader that refuses a key given twice (plain YAML keeps the last one silently).

    libyaml's C parser (yaml.CSafeLoader) where PyYAML was built with it, the pure-Python one otherwise;
    built on first use, so that reading a JSON file, or importing this module, does not import YAML.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def construct_mapping_without_duplicates(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
        loader.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool | None):
                raise yaml.constructor.ConstructorError(
                    None, None, "en nyckel måste vara text eller ett tal", key_node.start_mark
                )
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"nyckeln {key!r} förekommer två gånger", key_node.start_mark
                )
            mapping[key] = loader.construct_object(value_node, deep=True)
        return mapping

    loader: type = type("StrictLoader", (base,), {})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping_without_duplicates)  # type: ignore[attr-defined]
    return loader


def load_calculation_file(path: str | Path, *, unit_costs: UnitCostLibrary | None = None) -> Calculation:
    """Read and validate a calculation file; `.json` is read as JSON, anything else as YAML."""
    location = Path(path)
    try:
        text = location.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CalculationInputError([(ROOT, f"filen {location} finns inte")]) from exc
    except UnicodeDecodeError as exc:
        raise CalculationInputError([(ROOT, f"filen {location} är inte UTF-8-kodad")]) from exc
    except OSError as exc:
        raise CalculationInputError([(ROOT, f"filen {location} kan inte läsas: {exc.strerror or exc}")]) from exc
    data = parse_json_text(text) if location.suffix.lower() == ".json" else parse_yaml_text(text)
    return parse_calculation(data, unit_costs=unit_costs)


def parse_yaml_text(text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=strict_loader())  # noqa: S506 - a (C)SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" på rad {mark.line + 1}, kolumn {mark.column + 1}" if mark is not None else ""
        raise CalculationInputError([(ROOT, f"ogiltig YAML{where}: {exc.problem or exc.context}")]) from exc
    except yaml.YAMLError as exc:
        raise CalculationInputError([(ROOT, f"ogiltig YAML: {exc}")]) from exc


def parse_json_text(text: str) -> Any:
    import json  # here, not at the top: a YAML file (the usual) needs none of it

    try:
        return json.loads(text, object_pairs_hook=_object_without_duplicates)
    except json.JSONDecodeError as exc:
        raise CalculationInputError(
            [(ROOT, f"ogiltig JSON på rad {exc.lineno}, kolumn {exc.colno}: {exc.msg}")]
        ) from exc


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise CalculationInputError([(ROOT, f"ogiltig JSON: nyckeln {key!r} förekommer två gånger")])
        mapping[key] = value
    return mapping
