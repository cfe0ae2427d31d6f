"""The one strict reader of YAML and JSON documents: the CLI, the web import and the API all read through it.

Plain PyYAML and `json` silently keep the last of two equal keys; in an application or a
calculation that hides a mistake (two `amounts` for one cost, the second one winning), so
a key given twice is refused here, with a Swedish message and, for YAML, the line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from pathlib import Path

# libyaml's C parser where PyYAML was built with it (a CLI run is mostly start-up and reading; issue 22).
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DocumentReadError(ValueError):
    """A document that cannot be read; `problem` is a Swedish sentence."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


class _StrictLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """A safe loader that refuses duplicate keys."""


def _mapping_without_duplicates(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
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


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def parse_yaml(text: str) -> Any:
    """The YAML document in `text`; raises DocumentReadError with the line and the problem."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" på rad {mark.line + 1}, kolumn {mark.column + 1}" if mark is not None else ""
        problem = str(exc.problem or exc.context)
        if "nesting depth" in problem:  # libyaml's own limit, in English: said in Swedish
            problem = "filen är nästlad för djupt"
        raise DocumentReadError(f"ogiltig YAML{where}: {problem}") from exc
    except yaml.YAMLError as exc:
        raise DocumentReadError(f"ogiltig YAML: {exc}") from exc


class _DuplicateKey(ValueError):
    pass


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise _DuplicateKey(key)
        mapping[key] = value
    return mapping


def parse_json(text: str | bytes) -> Any:
    """The JSON document in `text`; raises DocumentReadError (a key twice, or not JSON)."""
    import json  # here, not at the top: a YAML file (the usual) needs none of it

    try:
        return json.loads(text, object_pairs_hook=_object_without_duplicates)
    except _DuplicateKey as exc:
        raise DocumentReadError(f"ogiltig JSON: nyckeln {str(exc)!r} förekommer två gånger") from exc
    except json.JSONDecodeError as exc:
        raise DocumentReadError(f"ogiltig JSON på rad {exc.lineno}, kolumn {exc.colno}: {exc.msg}") from exc
    except UnicodeDecodeError as exc:
        raise DocumentReadError("ogiltig JSON: texten är inte UTF-8-kodad") from exc


def read_text(path: Path) -> str:
    """A file's text; missing, unreadable or non-UTF-8 files raise DocumentReadError."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DocumentReadError(f"filen {path} finns inte") from exc
    except IsADirectoryError as exc:
        raise DocumentReadError(f"{path} är en katalog, inte en fil") from exc
    except UnicodeDecodeError as exc:
        raise DocumentReadError(f"filen {path} är inte UTF-8-kodad") from exc
    except OSError as exc:
        raise DocumentReadError(f"filen {path} kan inte läsas: {exc.strerror or exc}") from exc


def read_document(path: Path) -> Any:
    """A `.json` file as JSON, anything else as YAML."""
    text = read_text(path)
    return parse_json(text) if path.suffix.lower() == ".json" else parse_yaml(text)


def strict_loader() -> type:
    """The loader `parse_yaml` reads with (for a test that it is the C one where there is one)."""
    return _StrictLoader
