"""The one exception for bad calculation input, carrying every error found."""

from __future__ import annotations

from collections.abc import Iterable


class CalculationInputError(ValueError):
    """Input that cannot be calculated: every problem, each with its field path.

    `errors` is a list of (field path, Swedish message), e.g.
    ("effects[1].deadweight", "måste vara mellan 0 och 1"). `str(err)` gives one
    line per error, "path: message", so a CLI can print it as it is.
    """

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        self.errors: list[tuple[str, str]] = list(errors)
        super().__init__(self._lines())

    def _lines(self) -> str:
        return "\n".join(f"{path}: {message}" for path, message in self.errors)

    def __str__(self) -> str:
        return self._lines()
