"""Turning a calculation document (a mapping from YAML, JSON or a web form) into a `Calculation`.

Every problem is collected with its field path and raised together as one
`CalculationInputError`, so a user fixes a file in one round, not one error at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from socialfund.core.calc.discount import NAMED_SCHEDULES, DiscountSchedule, constant_rate
from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.fields import (
    Issues,
    as_amount,
    as_int,
    as_list,
    as_mapping,
    as_number,
    as_text,
    as_year,
    check_keys,
    child,
    item,
)
from socialfund.core.calc.labels import SECTOR_WORDS, in_words
from socialfund.core.calc.model import FUND, Calculation, CostLine, EffectLine, Sector
from socialfund.core.calc.parse_lines import Period, parse_cost_line, parse_effect_line
from socialfund.core.calc.price_level import to_one_price_level
from socialfund.core.calc.prices import PriceIndex, load_price_index
from socialfund.core.calc.typical_cases import parse_typical_cases
from socialfund.core.calc.unitcosts import UnitCostLibrary, load_unit_costs

ROOT = "<fil>"
TOP_REQUIRED = ("title", "start_year", "horizon")
TOP_OPTIONAL = (
    "description",
    "price_year",
    "discount_rate",
    "discount_schedule",
    "costs",
    "effects",
    "target_group",
    "typical_cases",
    "repayment",
    "boards",
)
FIRST_YEAR, LAST_YEAR = 1900, 2200
MAX_HORIZON = 500


def parse_calculation(
    data: Mapping[str, Any], *, unit_costs: UnitCostLibrary | None = None, price_index: PriceIndex | None = None
) -> Calculation:
    """Validate a calculation document and build the `Calculation`; raise `CalculationInputError` with all errors.

    Lines priced in another year than the calculation's are converted with KPI (`price_index`, by
    default the shipped one, read only when needed).
    """
    issues = Issues()
    root = as_mapping(issues, data, ROOT)
    if root is None:
        raise CalculationInputError(issues.errors)
    check_keys(issues, root, "", required=TOP_REQUIRED, optional=TOP_OPTIONAL)
    title = as_text(issues, root["title"], "title") if "title" in root else None
    description = as_text(issues, root["description"], "description") if "description" in root else None
    start_year = (
        as_int(issues, root["start_year"], "start_year", low=FIRST_YEAR, high=LAST_YEAR)
        if "start_year" in root
        else None
    )
    horizon = as_int(issues, root["horizon"], "horizon", low=1, high=MAX_HORIZON) if "horizon" in root else None
    # Without a valid period the year keys are still checked to be years, so their other errors show too.
    period = Period(FIRST_YEAR, LAST_YEAR + MAX_HORIZON)
    if start_year is not None and horizon is not None:
        period = Period(start_year, start_year + horizon - 1)
    discount = _discount(issues, root)
    library = _library_getter(unit_costs)
    costs = _lines(issues, root, "costs", lambda raw, path: parse_cost_line(issues, raw, path, period))
    effects = _lines(issues, root, "effects", lambda raw, path: parse_effect_line(issues, raw, path, period, library))
    effects += parse_typical_cases(issues, root, period, library)
    price_year = (
        as_int(issues, root["price_year"], "price_year", low=FIRST_YEAR, high=LAST_YEAR)
        if "price_year" in root
        else None
    )
    sectors = _party_sectors(issues, costs, effects)
    schedule = _repayment_schedule(issues, root["repayment"], period) if "repayment" in root else None
    names = _board_names(issues, root["boards"]) if "boards" in root else {}
    issues.raise_if_any()
    assert title is not None and start_year is not None and horizon is not None and discount is not None
    level = to_one_price_level(
        issues,
        start_year=start_year,
        explicit=price_year,
        costs=costs,
        effects=effects,
        index=(lambda: price_index) if price_index is not None else load_price_index,
    )
    issues.raise_if_any()
    costs, effects = level.costs, level.effects
    return Calculation(
        title=title,
        start_year=start_year,
        horizon=horizon,
        discount=discount,
        costs=tuple(line for _, line in costs if line is not None),
        effects=tuple(line for _, line in effects if line is not None),
        repayment_schedule=schedule,
        description=description,
        party_sectors=sectors,
        price_year=level.price_year,
        price_conversions=level.conversions,
        price_notes=level.notes,
        party_names=names,
    )


def _board_names(issues: Issues, raw: object) -> dict[str, str]:
    """`boards: {SN: Socialnämnden, UN: Utbildningsnämnden}`: the name each board code in the lines stands for."""
    mapping = as_mapping(issues, raw, "boards")
    names: dict[str, str] = {}
    for code, name in (mapping or {}).items():
        path = child("boards", str(code))
        key = as_text(issues, code, path)
        text = as_text(issues, name, path)
        if key is not None and text is not None:
            names[key] = text
    return names


def _library_getter(given: UnitCostLibrary | None) -> Callable[[], UnitCostLibrary]:
    """Load the shipped library only when a line names a unit cost."""
    return (lambda: given) if given is not None else load_unit_costs


def _lines[T](
    issues: Issues, root: Mapping[str, Any], key: str, parse: Callable[[object, str], T | None]
) -> list[tuple[str, T | None]]:
    if key not in root:
        return []
    raw_lines = as_list(issues, root[key], key)
    if raw_lines is None:
        return []
    return [(item(key, index), parse(raw, item(key, index))) for index, raw in enumerate(raw_lines)]


def _discount(issues: Issues, root: Mapping[str, Any]) -> DiscountSchedule | None:
    """A constant `discount_rate` or a `discount_schedule` (a name such as green_book, or a list of steps)."""
    has_rate, has_schedule = "discount_rate" in root, "discount_schedule" in root
    if has_rate == has_schedule:
        issues.add("discount_rate", "ange antingen en diskonteringsränta eller ett diskonteringsschema (inte båda)")
        return None
    if has_rate:
        rate = as_number(issues, root["discount_rate"], "discount_rate", low=0.0, high=1.0)
        return None if rate is None else constant_rate(rate)
    raw = root["discount_schedule"]
    if isinstance(raw, str):
        if raw in NAMED_SCHEDULES:
            return NAMED_SCHEDULES[raw]
        issues.add("discount_schedule", f"okänt schema {raw!r}; finns: {', '.join(NAMED_SCHEDULES)}")
        return None
    return _custom_schedule(issues, raw)


def _custom_schedule(issues: Issues, raw: object) -> DiscountSchedule | None:
    """A list of {from: t, rate: r}: r applies from year t (t ≥ 1) until the next step."""
    steps = as_list(issues, raw, "discount_schedule")
    if steps is None:
        return None
    bands: list[tuple[int, float]] = []
    for index, raw_step in enumerate(steps):
        path = item("discount_schedule", index)
        step = as_mapping(issues, raw_step, path)
        if step is None:
            continue
        check_keys(issues, step, path, required=("from", "rate"))
        first = as_int(issues, step.get("from"), child(path, "from"), low=1, high=10_000) if "from" in step else None
        rate = as_number(issues, step.get("rate"), child(path, "rate"), low=0.0, high=1.0) if "rate" in step else None
        if first is not None and rate is not None:
            if bands and first <= bands[-1][0]:
                issues.add(child(path, "from"), "stegen måste komma i stigande ordning")
            bands.append((first, rate))
    if not bands or bands[0][0] != 1:
        issues.add("discount_schedule", "första steget måste gälla från år 1")
        return None
    return DiscountSchedule(name="custom", bands=tuple(bands))


def _party_sectors(
    issues: Issues, costs: list[tuple[str, CostLine | None]], effects: list[tuple[str, EffectLine | None]]
) -> dict[str, Sector]:
    """One sector per party: a party given two different sectors is an error (the ACT case needs them right)."""
    sectors: dict[str, Sector] = {}
    first_seen: dict[str, str] = {}
    declared: list[tuple[str, str, Sector | None]] = [(p, line.payer, line.sector) for p, line in costs if line]
    declared += [(p, line.beneficiary, line.sector) for p, line in effects if line]
    for path, party, sector in declared:
        if sector is None:
            continue
        if party in sectors and sectors[party] != sector:
            where, already = in_words(first_seen[party]), SECTOR_WORDS.get(sectors[party], sectors[party])
            issues.add(child(path, "sector"), f"{party} har redan sektorn {already} i {where}")
            continue
        sectors.setdefault(party, sector)
        first_seen.setdefault(party, path)
    return sectors


def _repayment_schedule(issues: Issues, raw: object, period: Period) -> dict[int, dict[str, int]] | None:
    """repayment.schedule: {year: {board: whole kronor}}, years inside the calculation period."""
    section = as_mapping(issues, raw, "repayment")
    if section is None:
        return None
    check_keys(issues, section, "repayment", required=("schedule",))
    if "schedule" not in section:
        return None
    by_year = as_mapping(issues, section["schedule"], "repayment.schedule")
    if by_year is None:
        return None
    schedule: dict[int, dict[str, int]] = {}
    for year_key, raw_boards in by_year.items():
        path = child("repayment.schedule", year_key)
        year = as_year(issues, year_key, path, first=period.first, last=period.last)
        boards = as_mapping(issues, raw_boards, path)
        if boards is None:
            continue
        amounts = {board: _whole_kronor(issues, value, child(path, board)) for board, value in boards.items()}
        for board in boards:
            if isinstance(board, bool):
                issues.add(child(path, board), "nämndkoden lästes som true/false; sätt citattecken runt den")
            elif not isinstance(board, str) or board == FUND:
                issues.add(child(path, board), "måste vara en nämnd (fonden återför inte till sig själv)")
        if year in schedule:
            issues.add(path, f"året {year} förekommer två gånger")
        elif year is not None:
            schedule[year] = {str(b): a for b, a in amounts.items() if a}
    return {year: boards for year, boards in sorted(schedule.items()) if boards}


def _whole_kronor(issues: Issues, value: object, path: str) -> int | None:
    amount = as_amount(issues, value, path)
    if amount is None:
        return None
    if amount != amount.to_integral_value():
        issues.add(path, "måste vara hela kronor")
        return None
    return int(amount)
