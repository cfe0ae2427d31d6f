"""Results per actor over horizons, as Swedish socioeconomic reports present them.

The actors are the municipality, the region, the state, the individual and others,
and society in total (their sum). A cost counts for the actor whose sector its payer
has: the fund and a payer without a stated sector are the municipality (the fund is
the municipality's money). An effect counts for its beneficiary's sector. The state's
row is also shown per named party (Försäkringskassan, Arbetsförmedlingen …).

Each figure is a present value over the first 1 year, the first 5 years and the whole
calculation period (a horizon longer than the period is cut to it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from socialfund.core.calc.lines import LineTotals
from socialfund.core.calc.model import FUND, Calculation

ACTORS: tuple[tuple[str, str], ...] = (
    ("municipal", "Kommunen"),
    ("region", "Regionen"),
    ("state", "Staten"),
    ("individual", "Individen"),
    ("other", "Övriga"),
)
SOCIETY = "society"
SOCIETY_LABEL = "Samhället totalt"
HORIZONS = (1, 5)


@dataclass(frozen=True)
class HorizonFigures:
    """Present values for one actor up to one horizon."""

    years: int
    costs: float
    benefits: float

    @property
    def net(self) -> float:
        return self.benefits - self.costs


@dataclass(frozen=True)
class ActorResult:
    """One actor's present values over the horizons (a row of the actor table)."""

    key: str  # a sector, "society", or for a named state party its name
    label: str  # Swedish, what a page shows
    horizons: tuple[HorizonFigures, ...]  # 1 year, 5 years, the whole period (as many as differ)
    part_of: str | None = None  # "state" for a named state party shown under the state


def horizon_lengths(horizon: int) -> tuple[int, ...]:
    """1, 5 and the whole period, each cut to the period and without repeats: (1, 5, 10), (1, 3), (1,)."""
    lengths: list[int] = []
    for length in (*HORIZONS, horizon):
        cut = min(length, horizon)
        if cut not in lengths:
            lengths.append(cut)
    return tuple(lengths)


def _cost_sector(calc: Calculation, payer: str) -> str:
    sector = calc.sector_of(payer)
    return "municipal" if sector in (None, FUND) else str(sector)


def actor_results(calc: Calculation, lines: LineTotals) -> list[ActorResult]:
    """Every actor with a cost or a benefit, then each named state party, then society in total."""
    lengths = horizon_lengths(calc.horizon)
    cost_sectors = [_cost_sector(calc, line.payer) for line in calc.costs]
    effect_sectors = [line.sector for line in calc.effects]

    def figures(cost_rows: list[int], effect_rows: list[int]) -> tuple[HorizonFigures, ...]:
        cost_by_year = lines.cost_pv_years(cost_rows)  # present value per year
        effect_by_year = lines.effect_pv_years(effect_rows)
        return tuple(
            HorizonFigures(years=n, costs=lines.total(cost_by_year[:n]), benefits=lines.total(effect_by_year[:n]))
            for n in lengths
        )

    results: list[ActorResult] = []
    for sector, label in ACTORS:
        cost_rows = [row for row, s in enumerate(cost_sectors) if s == sector]
        effect_rows = [row for row, s in enumerate(effect_sectors) if s == sector]
        if cost_rows or effect_rows or sector == "municipal":
            results.append(ActorResult(sector, label, figures(cost_rows, effect_rows)))
        if sector == "state":
            results += _state_parties(calc, cost_sectors, figures)
    every_cost, every_effect = list(range(len(calc.costs))), list(range(len(calc.effects)))
    results.append(ActorResult(SOCIETY, SOCIETY_LABEL, figures(every_cost, every_effect)))
    return results


Figures = Callable[[list[int], list[int]], tuple[HorizonFigures, ...]]


def _state_parties(calc: Calculation, cost_sectors: list[str], figures: Figures) -> list[ActorResult]:
    """The state's named parties, each its own row under the state, when there is more than one."""
    names: list[str] = []
    for line in calc.costs:
        if _cost_sector(calc, line.payer) == "state" and line.payer not in names:
            names.append(line.payer)
    for effect in calc.effects:
        if effect.sector == "state" and effect.beneficiary not in names:
            names.append(effect.beneficiary)
    if len(names) < 2:
        return []
    rows: list[ActorResult] = []
    for name in names:
        cost_rows = [r for r, line in enumerate(calc.costs) if line.payer == name and cost_sectors[r] == "state"]
        effect_rows = [r for r, e in enumerate(calc.effects) if e.beneficiary == name and e.sector == "state"]
        rows.append(ActorResult(name, name, figures(cost_rows, effect_rows), part_of="state"))
    return rows
