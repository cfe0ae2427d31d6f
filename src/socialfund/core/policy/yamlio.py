"""Reading YAML files strictly: a key given twice is an error, and every error is Swedish with a line number.

The reading itself is `socialfund.core.strictread`, the one reader the CLI, the web import
and the API share; this module keeps the policy's names for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socialfund.core import strictread
from socialfund.core.policy.errors import ROOT
from socialfund.core.strictread import DocumentReadError

YamlReadError = DocumentReadError
"""A file that cannot be read as YAML (the strict reader's error; `problem` is a Swedish sentence)."""


def parse_yaml(text: str) -> Any:
    """The YAML document in `text`, read by the one strict reader (socialfund.core.strictread)."""
    return strictread.parse_yaml(text)


def read_yaml_file(path: Path) -> Any:
    """Read and parse a YAML file; missing, unreadable or non-UTF-8 files raise YamlReadError."""
    return strictread.parse_yaml(strictread.read_text(path))


__all__ = ["ROOT", "YamlReadError", "parse_yaml", "read_yaml_file"]
