"""The direct-award threshold of the procurement act (LOU) as a dated table, read from data.

The amount is set by law and changes; a contract is judged against the threshold in
force on the day of the screening. The table lives in
`socialfund/data/procurement_thresholds.yaml`, not in code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import Field, ValidationError

from socialfund.core.policy.base import Amount, FrozenModel, Text
from socialfund.core.policy.errors import PolicyError, translate
from socialfund.core.policy.yamlio import YamlReadError, read_yaml_file

THRESHOLDS_FILE = "procurement_thresholds.yaml"


class ThresholdUnknownError(LookupError):
    """No threshold is known for the date (it lies before the table's first row)."""


class Threshold(FrozenModel):
    valid_from: dt.date = Field(alias="from")
    amount: Amount
    source: Text
    note: str | None = None


class ThresholdTable(FrozenModel):
    thresholds: tuple[Threshold, ...] = Field(min_length=1)

    def in_force(self, on: dt.date) -> Threshold:
        """The row in force on a date: the latest row whose `from` is on or before it."""
        current: Threshold | None = None
        for row in self.thresholds:
            if row.valid_from <= on:
                current = row
        if current is None:
            first = self.thresholds[0].valid_from.isoformat()
            raise ThresholdUnknownError(
                f"ingen direktupphandlingsgräns känd för {on.isoformat()} (tabellen börjar {first})"
            )
        return current


def _data_dir() -> Path:
    return Path(str(resources.files("socialfund") / "data"))


def load_threshold_table(path: Path | None = None) -> ThresholdTable:
    location = path or _data_dir() / THRESHOLDS_FILE
    try:
        raw = read_yaml_file(location)
        table = ThresholdTable.model_validate(raw)
    except YamlReadError as exc:
        raise PolicyError([("<fil>", exc.problem)]) from exc
    except ValidationError as exc:
        raise PolicyError(translate(exc)) from exc
    dates = [row.valid_from for row in table.thresholds]
    if dates != sorted(dates) or len(set(dates)) != len(dates):
        raise PolicyError([("thresholds", "raderna måste stå i datumordning, ett datum per rad")])
    return table


@cache
def national_thresholds() -> ThresholdTable:
    """The shipped table, read once."""
    return load_threshold_table()


def threshold_on(on: dt.date) -> Decimal:
    """The direct-award threshold in kronor on a date; ThresholdUnknownError before 2014-01-01."""
    return national_thresholds().in_force(on).amount
