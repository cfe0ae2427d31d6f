"""The one exception for bad calculation input, carrying every error found."""

from __future__ import annotations

from collections.abc import Iterable


class CalculationInputError(ValueError):
    """Input that cannot be calculated: every problem, each with its field path.

    `errors` is a list of (field path, Swedish message), e.g.
    ("effects[1].deadweight", "måste vara mellan 0 och 1"). `str(err)` gives one
    line per error with the field in words ("Effekt 2, dödvikt: måste vara mellan 0 och 1"), so a page or
    a CLI can show it as it is; the paths stay in `errors` for programs.
    """

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        self.errors: list[tuple[str, str]] = list(errors)
        super().__init__(self._lines())

    def _lines(self) -> str:
        from socialfund.core.calc.labels import in_words

        return "\n".join(f"{in_words(path)}: {message}" for path, message in self.errors)

    def __str__(self) -> str:
        return self._lines()
