"""Forecast meets outcome: the calculation re-estimated from what the indicators measured. Pure; no Django.

For each effect line an indicator measures (docs/outcomes.md):

    implied quantity (year)  = change from the baseline × quantity_per_unit     (savings.derive_saving)
    achievement              = Σ implied quantity / Σ forecast quantity, over the measured years
    re-estimated quantity    = the implied quantity in a measured year,
                               the forecast quantity × achievement in every other year

Several indicators on one line and year are averaged. Lines nobody measures keep their
forecast. The re-estimated calculation is then run through the same engine as the
decision: the municipal cashable savings, the repayment plan, and the chance of repaying
in time (the engine's Monte Carlo over the lines' uncertainty ranges, fixed seed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from socialfund.core.calc.engine import evaluate
from socialfund.core.calc.model import Calculation
from socialfund.core.calc.results import RepaymentResult
from socialfund.core.calc.simulation import simulate
from socialfund.core.repayment_rules import RepaymentRules
from socialfund.followup.savings import _exact, derive_saving, effect_value_per_unit, forecast_by_board

SIMULATION_RUNS = 2000
SIMULATION_SEED = 20260407  # fixed: the same measurements give the same chance on every page load
QUANTITY_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Evidence:
    """One indicator's measured totals (year → value and the source line shown under it)."""

    effect_index: int
    indicator: str
    baseline: Decimal
    lower_is_better: bool
    quantity_per_unit: Decimal
    measured: Mapping[int, tuple[Decimal, str]]


@dataclass(frozen=True)
class YearComparison:
    year: int
    indicator: str
    measured_value: Decimal
    source: str
    forecast_quantity: Decimal
    implied_quantity: Decimal
    forecast_saving: Decimal
    implied_saving: Decimal


@dataclass(frozen=True)
class EffectComparison:
    index: int
    label: str
    unit_value: Decimal
    value_per_unit: Decimal  # after deadweight, displacement and attribution: what a unit saves
    years: list[YearComparison]
    achievement: Decimal | None  # implied / forecast over the measured years; None when nothing was forecast

    @property
    def achievement_percent(self) -> Decimal | None:
        return None if self.achievement is None else (self.achievement * 100).quantize(Decimal(1), ROUND_HALF_UP)


@dataclass(frozen=True)
class Reestimate:
    effects: list[EffectComparison]
    forecast_savings: Decimal  # municipal cashable, whole calculation period
    reestimated_savings: Decimal
    forecast_repayment: RepaymentResult
    reestimated_repayment: RepaymentResult
    forecast_chance: float | None  # probability of repaying in time; None when no repayment is required
    reestimated_chance: float | None

    @property
    def has_evidence(self) -> bool:
        return any(effect.years for effect in self.effects)

    @property
    def savings_difference(self) -> Decimal:
        return self.reestimated_savings - self.forecast_savings


def reestimate(
    calc: Calculation, evidence: Sequence[Evidence], *, rules: RepaymentRules | None, runs: int = SIMULATION_RUNS
) -> Reestimate:
    compared = [_compare(calc, index, [e for e in evidence if e.effect_index == index]) for index in _indices(evidence)]
    effects = [effect for effect in compared if effect is not None]
    adjusted = _adjusted(calc, effects)
    return Reestimate(
        effects=effects,
        forecast_savings=_total(calc),
        reestimated_savings=_total(adjusted),
        forecast_repayment=evaluate(calc, rules=rules).repayment,
        reestimated_repayment=evaluate(adjusted, rules=rules).repayment,
        forecast_chance=simulate(calc, runs=runs, seed=SIMULATION_SEED, rules=rules).probability_repaid_in_time,
        reestimated_chance=simulate(adjusted, runs=runs, seed=SIMULATION_SEED, rules=rules).probability_repaid_in_time,
    )


def _indices(evidence: Sequence[Evidence]) -> list[int]:
    return sorted({e.effect_index for e in evidence if e.measured})


def _compare(calc: Calculation, index: int, evidence: list[Evidence]) -> EffectComparison | None:
    if not 0 <= index < len(calc.effects):
        return None
    effect = calc.effects[index]
    years: list[YearComparison] = []
    for item in evidence:
        for year, (value, source) in sorted(item.measured.items()):
            if year not in calc.years:
                continue
            derived = derive_saving(
                baseline=item.baseline,
                value=value,
                lower_is_better=item.lower_is_better,
                quantity_per_unit=item.quantity_per_unit,
                effect=effect,
            )
            forecast_quantity = _exact(effect.quantity.get(year, 0.0))
            years.append(
                YearComparison(
                    year=year,
                    indicator=item.indicator,
                    measured_value=value,
                    source=source,
                    forecast_quantity=forecast_quantity,
                    implied_quantity=derived.quantity.quantize(QUANTITY_PLACES, ROUND_HALF_UP),
                    forecast_saving=(forecast_quantity * derived.value_per_unit).quantize(Decimal(1), ROUND_HALF_UP),
                    implied_saving=derived.amount,
                )
            )
    years.sort(key=lambda row: (row.year, row.indicator))
    forecast = sum((_exact(effect.quantity.get(y, 0.0)) for y in {row.year for row in years}), Decimal(0))
    implied = sum((_mean_by_year(years).values()), Decimal(0))
    achievement = (implied / forecast).quantize(Decimal("0.0001"), ROUND_HALF_UP) if forecast else None
    return EffectComparison(
        index=index,
        label=effect.label,
        unit_value=_exact(effect.unit_value),
        value_per_unit=effect_value_per_unit(effect),
        years=years,
        achievement=achievement,
    )


def _mean_by_year(years: list[YearComparison]) -> dict[int, Decimal]:
    grouped: dict[int, list[Decimal]] = {}
    for row in years:
        grouped.setdefault(row.year, []).append(row.implied_quantity)
    return {year: sum(values, Decimal(0)) / len(values) for year, values in grouped.items()}


def _adjusted(calc: Calculation, effects: list[EffectComparison]) -> Calculation:
    lines = list(calc.effects)
    for effect in effects:
        if not effect.years:
            continue
        measured = _mean_by_year(effect.years)
        ratio = float(effect.achievement) if effect.achievement is not None else 1.0
        line = lines[effect.index]
        quantity = {
            year: float(measured[year]) if year in measured else line.quantity.get(year, 0.0) * ratio
            for year in calc.years
            if year in measured or line.quantity.get(year, 0.0)
        }
        lines[effect.index] = dataclasses.replace(line, quantity=quantity)
    return dataclasses.replace(calc, effects=tuple(lines))


def _total(calc: Calculation) -> Decimal:
    return sum((sum(by_year.values(), Decimal(0)) for by_year in forecast_by_board(calc).values()), Decimal(0))
