"""Errors with field paths and Swedish messages, and the translation of pydantic's errors into them.

Every error a user sees names where in the file it is (`partners[0].type`) and says
in Swedish what is wrong, so a policy author or an applicant fixes a file in one
round. The same translation serves policies and initiative files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError

ROOT = "<fil>"
"""The path used for an error that concerns the whole file."""


class InputError(ValueError):
    """Bad input: every problem found, each as (field path, Swedish message)."""

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        self.errors: list[tuple[str, str]] = list(errors)
        super().__init__(self._lines())

    def _lines(self) -> str:
        return "\n".join(f"{path}: {message}" for path, message in self.errors)

    def __str__(self) -> str:
        return self._lines()


class NestedErrors(ValueError):
    """Raised inside a pydantic validator to report several problems, each with its own path below the model."""

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        self.errors: list[tuple[str, str]] = list(errors)
        super().__init__("; ".join(f"{path}: {message}" for path, message in self.errors))


class PolicyError(InputError):
    """A policy that cannot be loaded: unknown name, bad YAML, or a file that breaks the schema."""


def format_path(location: Sequence[int | str]) -> str:
    """('partners', 0, 'type') -> 'partners[0].type'; ('requested', 2015) -> 'requested[2015]'."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif text:
            text += f".{part}"
        else:
            text = str(part)
    return text or ROOT


def join_path(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if path == ROOT:
        return prefix
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


_QUOTED = re.compile(r"'([^']*)'")


def _allowed(expected: str) -> str:
    values = _QUOTED.findall(expected)
    return ", ".join(values) if values else expected


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, dict):
        return "en mappning"
    if isinstance(value, list):
        return "en lista"
    return repr(value)


_SIMPLE: dict[str, str] = {
    "missing": "saknas",
    "extra_forbidden": "okänt fält",
    "string_type": "måste vara text",
    "bool_type": "måste vara true eller false",
    "bool_parsing": "måste vara true eller false",
    "int_type": "måste vara ett heltal",
    "int_parsing": "måste vara ett heltal",
    "int_from_float": "måste vara ett heltal",
    "float_type": "måste vara ett tal",
    "float_parsing": "måste vara ett tal",
    "decimal_type": "måste vara ett tal",
    "decimal_parsing": "måste vara ett tal",
    "finite_number": "måste vara ett ändligt tal",
    "list_type": "måste vara en lista",
    "tuple_type": "måste vara en lista",
    "set_type": "måste vara en lista",
    "dict_type": "måste vara en mappning (nyckel: värde)",
    "model_type": "måste vara en mappning (nyckel: värde)",
    "model_attributes_type": "måste vara en mappning (nyckel: värde)",
    "date_type": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_inexact": "måste vara ett datum utan klockslag",
    "datetime_type": "måste vara datum och tid (ÅÅÅÅ-MM-DD TT:MM)",
    "datetime_parsing": "måste vara datum och tid (ÅÅÅÅ-MM-DD TT:MM)",
    "union_tag_invalid": "okänd variant",
}


def _message(error: Any) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    value = error.get("input")
    location = error.get("loc") or ()
    if kind in ("literal_error", "enum"):
        noun = "okänd typ" if location and location[-1] == "type" else "okänt värde"
        return f"{noun} {_shown(value)}; tillåtna: {_allowed(str(ctx.get('expected', '')))}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {
            "greater_than_equal": ("ge", "minst"),
            "greater_than": ("gt", "större än"),
            "less_than_equal": ("le", "högst"),
            "less_than": ("lt", "mindre än"),
        }[kind]
        return f"måste vara {words[1]} {ctx.get(words[0])}"
    if kind in ("too_short", "string_too_short"):
        return "får inte vara tom"
    if kind == "string_pattern_mismatch":
        return f"ogiltigt format {_shown(value)}"
    if kind in ("value_error", "assertion_error"):
        reason = ctx.get("error")
        return str(reason) if reason is not None else str(error.get("msg", "ogiltigt värde"))
    if kind in _SIMPLE:
        suffix = f" (fick {_shown(value)})" if kind not in ("missing", "extra_forbidden") and value is not None else ""
        return _SIMPLE[kind] + suffix
    return str(error.get("msg", "ogiltigt värde"))


def _location(error: Any) -> tuple[int | str, ...]:
    """The error's path without pydantic's internal union/function tags (e.g. 'function-after[...]')."""
    parts: list[int | str] = []
    for part in error.get("loc") or ():
        if isinstance(part, str) and ("[" in part and part.endswith("]") or part in ("str", "int", "list[...]")):
            continue
        parts.append(part)
    return tuple(parts)


def translate(exc: ValidationError, *, prefix: str = "") -> list[tuple[str, str]]:
    """pydantic's errors as (field path, Swedish message), duplicates dropped, in pydantic's order."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    for error in exc.errors():
        base = join_path(prefix, format_path(_location(error)))
        nested = (error.get("ctx") or {}).get("error")
        if isinstance(nested, NestedErrors):
            items = [(join_path("" if base == ROOT else base, path), message) for path, message in nested.errors]
        else:
            items = [(base, _message(error))]
        for item in items:
            if item not in seen:
                seen.add(item)
                out.append(item)
    return out
