"""Typical cases (typfall): a few typical participants instead of effect lines.

An official who cannot say "730 fewer care days in 2016" can often say "a tenth of
the 40 pupils are like Anna, who without the project would spend 60 days a year in
residential care for three years". The file says so:

    target_group: 40                   # people in the target group
    typical_cases:
      - name: Anna, 15 år, hög skolfrånvaro
        share: 0.10                    # the share of the target group like her
        first_year: 2016
        avoids:
          - label: Placeringsdygn på HVB
            beneficiary: SN
            sector: municipal
            cashable: true
            unit_cost: helsingborg_vardygn_ungdom_2015
            per_year: 60               # per person and year
            years: 3                   # for how long
            deadweight: 0.25

Each avoided item becomes an ordinary effect line with
quantity = target_group × share × per_year in each of `years` years from `first_year`
(falling by `drop_off` a year if given), labelled "… (från typfall ”Anna …”)". The
rest (deadweight, unit cost, price year …) is read exactly as for an effect line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from socialfund.core.calc.fields import (
    Issues,
    as_fraction,
    as_int,
    as_list,
    as_mapping,
    as_number,
    as_text,
    check_keys,
    child,
    item,
)
from socialfund.core.calc.model import EffectLine
from socialfund.core.calc.parse_lines import Period, parse_effect_line
from socialfund.core.calc.unitcosts import UnitCostLibrary
from socialfund.core.formatting import format_percent

CASE_REQUIRED = ("name", "share", "first_year", "avoids")
CASE_OPTIONAL = ("note",)
AVOID_REQUIRED = ("label", "beneficiary", "sector", "per_year", "years")
AVOID_OPTIONAL = (
    "cashable",
    "unit_value",
    "unit_cost",
    "price_year",
    "drop_off",
    "deadweight",
    "displacement",
    "attribution",
    "uncertainty",
    "note",
)
# The effect line's keys as the typical case's: errors are reported under the key the user wrote.
RENAMED = {".quantity": ".per_year", ".duration": ".years"}
MAX_TARGET_GROUP = 10_000_000


def typical_case_label(label: str, case_name: str) -> str:
    return f"{label} (från typfall ”{case_name}”)"


def parse_typical_cases(
    issues: Issues, root: Mapping[str, Any], period: Period, unit_costs: Callable[[], UnitCostLibrary]
) -> list[tuple[str, EffectLine | None]]:
    """The effect lines the typical cases make, each with the path of the item it came from."""
    if "typical_cases" not in root:
        if "target_group" in root:
            issues.add("target_group", "anges bara tillsammans med typfall")
        return []
    size = _target_group(issues, root)
    cases = as_list(issues, root["typical_cases"], "typical_cases")
    if cases is None:
        return []
    lines: list[tuple[str, EffectLine | None]] = []
    total_share = 0.0
    for index, raw in enumerate(cases):
        path = item("typical_cases", index)
        case = as_mapping(issues, raw, path)
        if case is None:
            continue
        check_keys(issues, case, path, required=CASE_REQUIRED, optional=CASE_OPTIONAL)
        name = as_text(issues, case["name"], child(path, "name")) if "name" in case else None
        share = as_fraction(issues, case["share"], child(path, "share")) if "share" in case else None
        total_share += share or 0.0
        first_year = case.get("first_year")
        avoids = as_list(issues, case["avoids"], child(path, "avoids")) if "avoids" in case else None
        if avoids is not None and not avoids:
            issues.add(child(path, "avoids"), "måste ha minst en sak som typfallet undviker")
        for position, raw_avoid in enumerate(avoids or []):
            avoid_path = item(child(path, "avoids"), position)
            line = _effect_of(issues, raw_avoid, avoid_path, first_year, size, share, period, unit_costs)
            if line is not None and name is not None:
                line = _named(line, name)
            lines.append((avoid_path, line))
    if total_share > 1.0 + 1e-9:
        issues.add(
            "typical_cases", f"andelarna av målgruppen summerar till {format_percent(total_share)}, mer än 100 %"
        )
    return lines


def _target_group(issues: Issues, root: Mapping[str, Any]) -> int | None:
    if "target_group" not in root:
        issues.add("target_group", "saknas (antalet personer i målgruppen; krävs med typfall)")
        return None
    return as_int(issues, root["target_group"], "target_group", low=1, high=MAX_TARGET_GROUP)


def _effect_of(
    issues: Issues,
    raw: object,
    path: str,
    first_year: object,
    size: int | None,
    share: float | None,
    period: Period,
    unit_costs: Callable[[], UnitCostLibrary],
) -> EffectLine | None:
    avoid = as_mapping(issues, raw, path)
    if avoid is None:
        return None
    check_keys(issues, avoid, path, required=AVOID_REQUIRED, optional=AVOID_OPTIONAL)
    per_year = as_number(issues, avoid["per_year"], child(path, "per_year"), low=0.0) if "per_year" in avoid else None
    if size is None or share is None or per_year is None or first_year is None or "years" not in avoid:
        return None
    effect = {key: value for key, value in avoid.items() if key in AVOID_OPTIONAL or key in AVOID_REQUIRED}
    effect.pop("per_year")
    effect["duration"] = effect.pop("years")
    effect["quantity"] = size * share * per_year
    effect["first_year"] = first_year
    own = Issues()
    line = parse_effect_line(own, effect, path, period, unit_costs)
    for where, message in own.errors:
        for effect_key, case_key in RENAMED.items():
            where = where.replace(effect_key, case_key)
        if where == child(path, "first_year"):
            where = child(path.rsplit(".avoids", 1)[0], "first_year")
        issues.add(where, message)
    return line


def _named(line: EffectLine, name: str) -> EffectLine:
    return replace(line, label=typical_case_label(line.label, name), typical_case=name)
