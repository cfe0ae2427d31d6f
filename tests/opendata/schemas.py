"""The published schemas shipped in tests/opendata/schemas (see its README), ready for `jsonschema`."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "schemas"
GIVING = SCHEMAS / "360giving-1.4.3"


# 360Giving's dates are `oneOf` a date-time and a plain date: only a checker that really checks
# "date-time" tells them apart (jsonschema needs an extra package for it; RFC 3339's grammar is short).
RFC3339 = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?"
    r"([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$"
)
DATES = FormatChecker(formats=())


@DATES.checks("date-time")
def _is_date_time(instance: object) -> bool:
    return not isinstance(instance, str) or bool(RFC3339.match(instance))


@cache
def giving_validator() -> Draft202012Validator:
    """The 360Giving package schema, its grant schema resolved from the shipped file (not the web)."""
    grant = json.loads((GIVING / "360-giving-schema.json").read_text(encoding="utf-8"))
    package = json.loads((GIVING / "360-giving-package-schema.json").read_text(encoding="utf-8"))
    # The files name their dialect "http://json-schema.org/draft/2020-12/schema" (not the official URI with
    # https and a trailing #): say which one it is rather than let it be guessed.
    resource = Resource(contents=grant, specification=DRAFT202012)
    referenced = package["properties"]["grants"]["items"]["$ref"]
    registry = Registry().with_resources([(grant["$id"], resource), (referenced, resource)])
    Draft202012Validator.check_schema(package)
    return Draft202012Validator(package, registry=registry, format_checker=DATES)


def errors(validator: Draft7Validator | Draft202012Validator, instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]
