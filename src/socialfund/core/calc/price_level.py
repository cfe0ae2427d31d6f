"""Moving a parsed calculation's lines to one price level (see `prices`), recording every conversion."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.fields import Issues, child
from socialfund.core.calc.model import CostLine, EffectLine
from socialfund.core.calc.prices import (
    UPDATE_HINT,
    PriceConversion,
    PriceIndex,
    scale_amount,
    scale_value,
    target_price_year,
)


@dataclass(frozen=True)
class PriceLevel:
    """The lines converted to one price year, with the conversions and notes made."""

    price_year: int
    costs: list[tuple[str, CostLine | None]]
    effects: list[tuple[str, EffectLine | None]]
    conversions: tuple[PriceConversion, ...] = ()
    notes: tuple[str, ...] = ()


def effect_price_year(line: EffectLine) -> int | None:
    """The year whose prices an effect's value per unit is in: the line's own, or its unit cost's."""
    if line.price_year is not None:
        return line.price_year
    return line.unit_cost.price_year if line.unit_cost is not None else None


def to_one_price_level(
    issues: Issues,
    *,
    start_year: int,
    explicit: int | None,
    costs: list[tuple[str, CostLine | None]],
    effects: list[tuple[str, EffectLine | None]],
    index: Callable[[], PriceIndex],
) -> PriceLevel:
    """Convert every cost line and effect priced in another year; the index is loaded only when one is."""
    priced = [line.price_year for _, line in costs if line] + [effect_price_year(line) for _, line in effects if line]
    if all(year is None or year == (explicit or start_year) for year in priced):
        return PriceLevel(explicit or start_year, costs, effects)
    try:
        kpi = index()
    except CalculationInputError as exc:
        for error in exc.errors:
            issues.add(*error)
        return PriceLevel(explicit or start_year, costs, effects)
    target, note = target_price_year(start_year, explicit, kpi)
    if target not in kpi.values:
        issues.add("price_year", _missing(target, kpi))
        return PriceLevel(target, costs, effects)
    conversions: list[PriceConversion] = []
    new_costs = [
        (path, _cost(issues, path, line, index_, target, kpi, conversions)) for index_, (path, line) in enumerate(costs)
    ]
    new_effects = [
        (path, _effect(issues, path, line, index_, target, kpi, conversions))
        for index_, (path, line) in enumerate(effects)
    ]
    notes = [note] if note and conversions else []
    used = sorted({c.from_year for c in conversions} | ({target} if conversions else set()))
    notes += [
        f"KPI för {year} är inte kontrollerat mot SCB:s tabell; kontrollera omräkningen eller {UPDATE_HINT}."
        for year in used
        if year in kpi.uncertain
    ]
    return PriceLevel(target, new_costs, new_effects, tuple(conversions), tuple(notes))


def _missing(year: int, kpi: PriceIndex) -> str:
    return f"KPI för {year} saknas (indexet har åren {kpi.first_year}–{kpi.last_year}); {UPDATE_HINT}"


def _cost(
    issues: Issues,
    path: str,
    line: CostLine | None,
    position: int,
    target: int,
    kpi: PriceIndex,
    conversions: list[PriceConversion],
) -> CostLine | None:
    if line is None or line.price_year is None or line.price_year == target:
        return line
    if line.price_year not in kpi.values:
        issues.add(child(path, "price_year"), _missing(line.price_year, kpi))
        return line
    factor = kpi.factor(line.price_year, target)
    amounts = {year: scale_amount(amount, factor) for year, amount in line.amounts.items()}
    conversions.append(
        PriceConversion(
            kind="cost",
            index=position,
            label=line.label,
            from_year=line.price_year,
            to_year=target,
            factor=float(factor),
            before=float(sum(line.amounts.values())),
            after=float(sum(amounts.values())),
        )
    )
    return replace(line, amounts=amounts)


def _effect(
    issues: Issues,
    path: str,
    line: EffectLine | None,
    position: int,
    target: int,
    kpi: PriceIndex,
    conversions: list[PriceConversion],
) -> EffectLine | None:
    from_year = None if line is None else effect_price_year(line)
    if line is None or from_year is None or from_year == target:
        return line
    if from_year not in kpi.values:
        where = "price_year" if line.price_year is not None else "unit_cost"
        issues.add(child(path, where), _missing(from_year, kpi))
        return line
    factor = kpi.factor(from_year, target)
    value = scale_value(line.unit_value, factor)
    conversions.append(
        PriceConversion(
            kind="effect",
            index=position,
            label=line.label,
            from_year=from_year,
            to_year=target,
            factor=float(factor),
            before=line.unit_value,
            after=value,
        )
    )
    return replace(line, unit_value=value)
