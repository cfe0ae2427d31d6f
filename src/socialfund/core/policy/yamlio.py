"""Reading YAML files strictly: a key given twice is an error, and every error is Swedish with a line number.

Plain PyYAML silently keeps the last of two equal keys; in a guideline or an
application that hides a mistake, so this loader refuses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from socialfund.core.policy.errors import ROOT


class YamlReadError(ValueError):
    """A file that cannot be read as YAML; `problem` is a Swedish sentence."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
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
    """The YAML document in `text`; raises YamlReadError with the line and the problem."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" på rad {mark.line + 1}, kolumn {mark.column + 1}" if mark is not None else ""
        raise YamlReadError(f"ogiltig YAML{where}: {exc.problem or exc.context}") from exc
    except yaml.YAMLError as exc:
        raise YamlReadError(f"ogiltig YAML: {exc}") from exc


def read_yaml_file(path: Path) -> Any:
    """Read and parse a YAML file; missing, unreadable or non-UTF-8 files raise YamlReadError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise YamlReadError(f"filen {path} finns inte") from exc
    except IsADirectoryError as exc:
        raise YamlReadError(f"{path} är en katalog, inte en fil") from exc
    except UnicodeDecodeError as exc:
        raise YamlReadError(f"filen {path} är inte UTF-8-kodad") from exc
    except OSError as exc:
        raise YamlReadError(f"filen {path} kan inte läsas: {exc.strerror or exc}") from exc
    return parse_yaml(text)


__all__ = ["ROOT", "YamlReadError", "parse_yaml", "read_yaml_file"]
