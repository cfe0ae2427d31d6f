"""One field of the guideline editor: the document path it edits, its Swedish label and its kind.

A field names the document path it edits (`repayment.grace_years`), so the schema's errors, which carry
the same paths, land at the field that caused them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from socialfund.guidelines.document import Path, path_text

Kind = Literal["text", "textarea", "int", "amount", "percent", "date", "dates", "bool", "choice", "multi", "lines"]


@dataclass(frozen=True)
class FieldSpec:
    path: Path
    label: str
    kind: Kind
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    group: str = ""
    """A heading the field is shown under within its section (a stage's or a rule's name)."""
    none_is_a_choice: bool = False
    """Nothing chosen is stored as an empty list (it says 'none'; left out, the schema fills in a default)."""
    numeric: bool = False
    """A choice whose codes are numbers in the document (a month)."""

    @property
    def name(self) -> str:
        """The form field's name: the path with only letters, digits and underscores."""
        return "f_" + path_text(self.path).replace("[", "_").replace("]", "").replace(".", "__")

    @property
    def where(self) -> str:
        return path_text(self.path)


def choices_of(labels: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(labels.items())


GUIDELINE_TEXT = "Riktlinjernas text (citat eller nära återgivning)"
