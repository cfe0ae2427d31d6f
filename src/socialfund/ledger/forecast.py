"""The fund's forecast, computed in one place: the projection page and the April report show the same figure.

The assumptions (how many new projects a year, their size, how many repay in time, how many
of the others are waived, how far ahead, how many simulated futures) are the fund's own,
stored on the fund and edited on the projection page; the report states them in its text.
The Monte Carlo draws with a fixed seed, so the same day and assumptions give the same figure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from socialfund.core.projection import Outcomes, Pipeline, project
from socialfund.core.projection.model import ProjectionResult
from socialfund.funds.models import Fund
from socialfund.ledger.projection import projection_input, scenarios

SEED = 1


@dataclass(frozen=True)
class ForecastAssumptions:
    years: int = 20
    projects_per_year: float = 2.0
    size_low: int = 500_000
    size_mode: int = 1_500_000
    size_high: int = 3_000_000
    repay_probability: float = 0.6
    waiver_rate: float = 0.5
    runs: int = 2000

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


FIELDS = tuple(f.name for f in dataclasses.fields(ForecastAssumptions))


def assumptions_of(fund: Fund) -> ForecastAssumptions:
    """The fund's saved assumptions over the defaults (a key the fund has not set keeps its default)."""
    saved = fund.forecast_assumptions or {}
    return dataclasses.replace(ForecastAssumptions(), **{k: v for k, v in saved.items() if k in FIELDS})


def assumptions_save(fund: Fund, values: dict[str, Any]) -> ForecastAssumptions:
    fund.forecast_assumptions = {k: values[k] for k in FIELDS if k in values}
    fund.save(update_fields=["forecast_assumptions"])
    return assumptions_of(fund)


def fund_forecast(
    fund: Fund,
    *,
    on: dt.date,
    assumptions: ForecastAssumptions | None = None,
    opening_available: float | None = None,
) -> list[tuple[str, ProjectionResult]]:
    """With and without repayment, from the fund's available money on `on` (today's unless given)."""
    a = assumptions or assumptions_of(fund)
    base = projection_input(
        fund,
        today=on,
        years=a.years,
        pipeline=Pipeline(
            projects_per_year=a.projects_per_year, size_low=a.size_low, size_mode=a.size_mode, size_high=a.size_high
        ),
        outcomes=Outcomes(repay_probability=a.repay_probability, waiver_rate=a.waiver_rate),
    )
    if opening_available is not None:
        base = dataclasses.replace(base, opening_available=opening_available)
    return [(name, project(data, runs=a.runs, seed=SEED)) for name, data in scenarios(base)]
