"""Reading the cost lines and effect lines of a calculation file."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.fields import (
    Issues,
    as_amount,
    as_bool,
    as_fraction,
    as_int,
    as_mapping,
    as_number,
    as_text,
    as_year,
    check_keys,
    child,
)
from socialfund.core.calc.model import FUND, SECTORS, CostLine, EffectLine, Sector, Uncertainty
from socialfund.core.calc.unitcosts import UnitCost, UnitCostLibrary

COST_REQUIRED = ("label", "payer", "amounts")
COST_OPTIONAL = ("optimism_bias", "uncertainty", "sector", "note", "price_year")
EFFECT_REQUIRED = ("label", "beneficiary", "sector", "quantity")
EFFECT_OPTIONAL = (
    "cashable",
    "unit_value",
    "unit_cost",
    "first_year",
    "duration",
    "drop_off",
    "deadweight",
    "displacement",
    "attribution",
    "uncertainty",
    "note",
    "price_year",
)
GENERATED_QUANTITY_KEYS = ("first_year", "duration", "drop_off")
MAX_UNCERTAINTY = 100.0
MAX_OPTIMISM_BIAS = 5.0  # the Green Book's highest table value is 200 %; 500 % is surely a typo


@dataclass(frozen=True)
class Period:
    """The years a calculation counts, for checking year keys."""

    first: int
    last: int


def parse_cost_line(issues: Issues, raw: object, path: str, period: Period) -> CostLine | None:
    line = as_mapping(issues, raw, path)
    if line is None:
        return None
    before = len(issues.errors)
    check_keys(issues, line, path, required=COST_REQUIRED, optional=COST_OPTIONAL)
    label = _text_if_present(issues, line, path, "label")
    payer = _text_if_present(issues, line, path, "payer")
    amounts = _year_amounts(issues, line.get("amounts"), child(path, "amounts"), period) if "amounts" in line else None
    optimism_bias = 0.0
    if "optimism_bias" in line:
        bias = as_number(issues, line["optimism_bias"], child(path, "optimism_bias"), low=0.0, high=MAX_OPTIMISM_BIAS)
        optimism_bias = bias if bias is not None else 0.0
    uncertainty = (
        parse_uncertainty(issues, line["uncertainty"], child(path, "uncertainty")) if "uncertainty" in line else None
    )
    sector = _sector(issues, line["sector"], child(path, "sector")) if "sector" in line else None
    if sector is not None and payer == FUND:
        issues.add(child(path, "sector"), "fonden har ingen sektor; ta bort nyckeln")
    note = _text_if_present(issues, line, path, "note")
    price_year = _price_year(issues, line, path)
    if len(issues.errors) > before or label is None or payer is None or amounts is None:
        return None
    return CostLine(label, payer, amounts, optimism_bias, uncertainty, sector, note, price_year)


def parse_effect_line(
    issues: Issues, raw: object, path: str, period: Period, unit_costs: Callable[[], UnitCostLibrary]
) -> EffectLine | None:
    line = as_mapping(issues, raw, path)
    if line is None:
        return None
    before = len(issues.errors)
    check_keys(issues, line, path, required=EFFECT_REQUIRED, optional=EFFECT_OPTIONAL)
    label = _text_if_present(issues, line, path, "label")
    beneficiary = _text_if_present(issues, line, path, "beneficiary")
    if beneficiary == FUND:
        issues.add(child(path, "beneficiary"), "fonden kan inte ta emot en effekt; ange nämnden eller parten")
    sector = _sector(issues, line["sector"], child(path, "sector")) if "sector" in line else None
    cashable = as_bool(issues, line["cashable"], child(path, "cashable")) if "cashable" in line else False
    unit_value, unit_cost = _unit_value(issues, line, path, unit_costs)
    quantity = _quantity(issues, line, path, period) if "quantity" in line else None
    shares = {key: _share(issues, line, path, key) for key in ("deadweight", "displacement", "attribution")}
    uncertainty = (
        parse_uncertainty(issues, line["uncertainty"], child(path, "uncertainty")) if "uncertainty" in line else None
    )
    note = _text_if_present(issues, line, path, "note")
    price_year = _price_year(issues, line, path)
    if price_year is not None and "unit_cost" in line:
        issues.add(
            child(path, "price_year"),
            "enhetskostnaden har sitt eget prisår; ange prisår bara med ett eget värde per enhet",
        )
    if len(issues.errors) > before:
        return None
    # No new error means every reader above returned a value: each records an error whenever it returns None.
    return EffectLine(
        label=cast(str, label),
        beneficiary=cast(str, beneficiary),
        sector=cast(Sector, sector),
        cashable=bool(cashable),
        unit_value=cast(float, unit_value),
        quantity=cast(dict[int, float], quantity),
        uncertainty=uncertainty,
        unit_cost=unit_cost,
        note=note,
        price_year=price_year,
        deadweight=shares["deadweight"],
        displacement=shares["displacement"],
        attribution=shares["attribution"],
    )


def parse_uncertainty(issues: Issues, raw: object, path: str) -> Uncertainty | None:
    """{low, high} with 0 ≤ low ≤ 1 ≤ high: the triangular distribution's ends around the mode 1."""
    spec = as_mapping(issues, raw, path)
    if spec is None:
        return None
    check_keys(issues, spec, path, required=("low", "high"))
    low = as_number(issues, spec["low"], child(path, "low"), low=0.0, high=1.0) if "low" in spec else None
    high = (
        as_number(issues, spec["high"], child(path, "high"), low=1.0, high=MAX_UNCERTAINTY) if "high" in spec else None
    )
    if low is None or high is None:
        return None
    return Uncertainty(low=low, high=high)


def _price_year(issues: Issues, line: Mapping[Any, Any], path: str) -> int | None:
    """The year whose prices the line's figures are in; converted to the calculation's with KPI."""
    if "price_year" not in line:
        return None
    return as_int(issues, line["price_year"], child(path, "price_year"), low=1900, high=2200)


def _text_if_present(issues: Issues, line: Mapping[Any, Any], path: str, key: str) -> str | None:
    return as_text(issues, line[key], child(path, key)) if key in line else None


def _sector(issues: Issues, raw: object, path: str) -> Sector | None:
    for sector in SECTORS:
        if raw == sector:
            return sector
    issues.add(path, f"måste vara en av {', '.join(SECTORS)}")
    return None


def _share(issues: Issues, line: Mapping[Any, Any], path: str, key: str) -> float:
    if key not in line:
        return 0.0
    share = as_fraction(issues, line[key], child(path, key))
    return 0.0 if share is None else share


def _year_amounts(issues: Issues, raw: object, path: str, period: Period) -> dict[int, Decimal] | None:
    by_year = as_mapping(issues, raw, path)
    if by_year is None:
        return None
    if not by_year:
        issues.add(path, "måste ha minst ett år")
        return None
    amounts: dict[int, Decimal] = {}
    for key, value in by_year.items():
        year = as_year(issues, key, child(path, key), first=period.first, last=period.last)
        amount = as_amount(issues, value, child(path, key))
        if year in amounts:
            issues.add(child(path, key), f"året {year} förekommer två gånger")
        elif year is not None and amount is not None:
            amounts[year] = amount
    return amounts


def _unit_value(
    issues: Issues, line: Mapping[Any, Any], path: str, unit_costs: Callable[[], UnitCostLibrary]
) -> tuple[float | None, UnitCost | None]:
    """The value per unit, from `unit_value` or from the library entry named by `unit_cost`."""
    if ("unit_value" in line) == ("unit_cost" in line):
        issues.add(
            child(path, "unit_value"), "ange antingen ett värde per enhet eller en enhetskostnad ur listan (inte båda)"
        )
        return None, None
    if "unit_value" in line:
        return as_number(issues, line["unit_value"], child(path, "unit_value"), low=0.0), None
    cost_id = as_text(issues, line["unit_cost"], child(path, "unit_cost"))
    if cost_id is None:
        return None, None
    try:
        library = unit_costs()
    except CalculationInputError as exc:
        for error in exc.errors:
            issues.add(*error)
        return None, None
    if cost_id not in library:
        issues.add(child(path, "unit_cost"), f"okänd enhetskostnad ”{cost_id}”; välj en ur listan över enhetskostnader")
        return None, None
    return library[cost_id].value, library[cost_id]


def _quantity(issues: Issues, line: Mapping[Any, Any], path: str, period: Period) -> dict[int, float] | None:
    """Quantities by year, given ({year: q}) or generated (q, first_year, duration, drop_off)."""
    raw = line["quantity"]
    qpath = child(path, "quantity")
    if isinstance(raw, Mapping):
        for key in GENERATED_QUANTITY_KEYS:
            if key in line:
                issues.add(child(path, key), "får bara anges när antalet är ett enda tal (inte ett antal per år)")
        return _year_quantities(issues, raw, qpath, period)
    quantity = as_number(issues, raw, qpath, low=0.0)
    return _generated_quantities(issues, line, path, period, quantity)


def _year_quantities(issues: Issues, raw: Mapping[Any, Any], path: str, period: Period) -> dict[int, float] | None:
    if not raw:
        issues.add(path, "måste ha minst ett år")
        return None
    quantities: dict[int, float] = {}
    for key, value in raw.items():
        year = as_year(issues, key, child(path, key), first=period.first, last=period.last)
        quantity = as_number(issues, value, child(path, key), low=0.0)
        if year in quantities:
            issues.add(child(path, key), f"året {year} förekommer två gånger")
        elif year is not None and quantity is not None:
            quantities[year] = quantity
    return quantities


def _generated_quantities(
    issues: Issues, line: Mapping[Any, Any], path: str, period: Period, quantity: float | None
) -> dict[int, float] | None:
    """q × (1 − drop_off)^(y − first_year) for y in first_year .. first_year + duration − 1."""
    for key in ("first_year", "duration"):
        if key not in line:
            issues.add(child(path, key), "saknas (krävs när antalet är ett enda tal)")
    first_year = (
        as_year(issues, line["first_year"], child(path, "first_year"), first=period.first, last=period.last)
        if "first_year" in line
        else None
    )
    duration = (
        as_int(issues, line["duration"], child(path, "duration"), low=1, high=1000) if "duration" in line else None
    )
    drop_off = _share(issues, line, path, "drop_off")
    if quantity is None or first_year is None or duration is None:
        return None
    last_year = first_year + duration - 1
    if last_year > period.last:
        issues.add(
            child(path, "duration"), f"effekten varar till {last_year}, efter kalkylperiodens sista år {period.last}"
        )
        return None
    return {first_year + k: quantity * (1.0 - drop_off) ** k for k in range(duration)}
