"""Realised savings against the calculation's forecast, and whether the repayment still works out.
Pure functions over the calculation engine; no Django.

Deriving a saving from an indicator goes through the calculation's effect line the
indicator measures, with the engine's own adjustments (docs/followup.md):

    change    = baseline − measured value      (lower is better)
              = measured value − baseline      (higher is better)
    quantity  = change × quantity_per_unit     (the effect line's units per indicator unit)
    per unit  = unit_value × (1 − deadweight) × (1 − displacement) × (1 − attribution)
    saving    = quantity × per unit, rounded half up to whole kronor

A worse value than the baseline gives a negative saving: the project cost the board.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from socialfund.core.calc.arrays import FloatArray, build_arrays, municipal_cashable_savings_by_board
from socialfund.core.calc.engine import evaluate
from socialfund.core.calc.model import Calculation, EffectLine
from socialfund.core.calc.repayment import (
    Plan,
    amount_due,
    duty_start_year,
    propose_plan,
    resolve_rules,
    savings_violations,
    timing_violations,
)
from socialfund.core.calc.results import Violation
from socialfund.core.formatting import format_sek
from socialfund.core.repayment_rules import RepaymentRules

KRONA = Decimal(1)


def _exact(value: float) -> Decimal:
    """A float from the calculation file as the decimal the file wrote (0.25 stays 0.25, 3201.0 is 3201)."""
    exact = Decimal(repr(value))
    return exact.to_integral_value() if exact == exact.to_integral_value() else exact.normalize()


@dataclass(frozen=True)
class DerivedSaving:
    change: Decimal
    quantity: Decimal
    value_per_unit: Decimal
    amount: Decimal

    def as_data(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items()}


def effect_value_per_unit(effect: EffectLine) -> Decimal:
    """unit_value × (1 − deadweight) × (1 − displacement) × (1 − attribution), exact in decimals.

    An adjustment of 0 is left out rather than multiplied in as 1.0, so that the stored
    figure reads as the file wrote it (2400.75, not 2400.75000).
    """
    value = _exact(effect.unit_value)
    for share in (effect.deadweight, effect.displacement, effect.attribution):
        if share:
            value *= Decimal(1) - _exact(share)
    return value


def derive_saving(
    *, baseline: Decimal, value: Decimal, lower_is_better: bool, quantity_per_unit: Decimal, effect: EffectLine
) -> DerivedSaving:
    change = baseline - value if lower_is_better else value - baseline
    quantity = change * quantity_per_unit
    per_unit = effect_value_per_unit(effect)
    amount = (quantity * per_unit).quantize(KRONA, rounding=ROUND_HALF_UP)
    return DerivedSaving(change=change, quantity=quantity, value_per_unit=per_unit, amount=amount)


# -- outcome against forecast -----------------------------------------------------------------------


@dataclass(frozen=True)
class SavingRow:
    board: str
    year: int
    forecast: Decimal
    realised: Decimal | None
    basis: str = ""

    @property
    def difference(self) -> Decimal | None:
        return None if self.realised is None else self.realised - self.forecast

    @property
    def falls_short(self) -> bool:
        return self.realised is not None and self.realised < self.forecast


@dataclass(frozen=True)
class Feasibility:
    """The repayment recomputed with realised savings where there are any and the forecast elsewhere."""

    due: int
    plan: Plan
    planned: int
    violations: list[Violation]
    decided_plan: Plan
    decided_plan_problems: list[Violation]

    @property
    def fully_repaid(self) -> bool:
        return self.planned >= self.due

    @property
    def repaid_by(self) -> int | None:
        return max(self.plan) if self.plan and self.fully_repaid else None

    @property
    def feasible(self) -> bool:
        return self.fully_repaid and not self.violations


@dataclass(frozen=True)
class Outcome:
    rows: list[SavingRow]
    feasibility: Feasibility | None

    @property
    def realised_rows(self) -> list[SavingRow]:
        return [row for row in self.rows if row.realised is not None]

    @property
    def realised_total(self) -> Decimal:
        return sum((row.realised for row in self.rows if row.realised is not None), Decimal(0))

    @property
    def forecast_for_realised(self) -> Decimal:
        """The forecast for the same boards and years as the realised figures: the fair comparison."""
        return sum((row.forecast for row in self.realised_rows), Decimal(0))

    @property
    def shortfall(self) -> Decimal:
        return max(self.forecast_for_realised - self.realised_total, Decimal(0))

    @property
    def falls_short(self) -> bool:
        """The flag: the realised savings so far are below what the calculation forecast for them."""
        return bool(self.realised_rows) and self.realised_total < self.forecast_for_realised

    @property
    def forecast_total(self) -> Decimal:
        return sum((row.forecast for row in self.rows), Decimal(0))


def forecast_by_board(calc: Calculation) -> dict[str, dict[int, Decimal]]:
    """Each board's forecast municipal cashable saving per year, in whole kronor (what repayment rests on)."""
    arrays = build_arrays(calc)
    return {
        board: {
            year: Decimal(float(by_year[t])).quantize(KRONA, rounding=ROUND_HALF_UP)
            for t, year in enumerate(calc.years)
            if by_year[t] != 0
        }
        for board, by_year in municipal_cashable_savings_by_board(calc, arrays).items()
    }


def outcome_against_forecast(
    calc: Calculation,
    *,
    realised: Mapping[tuple[str, int], tuple[Decimal, str]],
    rules: RepaymentRules | None,
    decided_plan: Plan | None = None,
) -> Outcome:
    """Rows per board and year (forecast, realised) and the recomputed repayment.

    `realised` maps (board code, year) to (amount, basis). `decided_plan` is the plan
    on the books (the ledger's adopted plan) or None for the calculation's own plan.
    """
    forecast = forecast_by_board(calc)
    keys = {(board, year) for board, years in forecast.items() for year in years} | set(realised)
    rows = [
        SavingRow(
            board=board,
            year=year,
            forecast=forecast.get(board, {}).get(year, Decimal(0)),
            realised=realised[(board, year)][0] if (board, year) in realised else None,
            basis=realised[(board, year)][1] if (board, year) in realised else "",
        )
        for board, year in sorted(keys, key=lambda k: (k[1], k[0]))
    ]
    return Outcome(rows=rows, feasibility=_feasibility(calc, rows, rules, decided_plan))


def _feasibility(
    calc: Calculation, rows: list[SavingRow], rules: RepaymentRules | None, decided_plan: Plan | None
) -> Feasibility | None:
    resolved = resolve_rules(rules)
    due = amount_due(calc)
    if resolved.mode == "none" or due == 0:
        return None
    mixed = _mixed_savings(calc, rows)
    plan = propose_plan(due, mixed, calc.years, duty_start_year(calc, resolved))
    planned = sum(sum(by_board.values()) for by_board in plan.values())
    violations = timing_violations(plan, calc.start_year, resolved)
    if planned < due:
        violations.append(
            Violation(
                "repayment_incomplete",
                f"Med de realiserade besparingarna räcker återföringen till {format_sek(planned)} av "
                f"{format_sek(due)}; {format_sek(due - planned)} återstår vid kalkylperiodens slut {calc.end_year}.",
            )
        )
    if decided_plan is None:
        decided_plan = evaluate(calc, rules=resolved).repayment.plan
    problems = savings_violations(calc, decided_plan, mixed)
    return Feasibility(due, plan, planned, violations, decided_plan, problems)


def _mixed_savings(calc: Calculation, rows: list[SavingRow]) -> dict[str, FloatArray]:
    """Per board and year of the calculation: the realised saving where recorded, else the forecast."""
    index = {year: t for t, year in enumerate(calc.years)}
    mixed: dict[str, FloatArray] = {}
    for row in rows:
        if row.year not in index:
            continue
        line = mixed.setdefault(row.board, np.zeros(calc.horizon, dtype=np.float64))
        line[index[row.year]] = float(row.realised if row.realised is not None else row.forecast)
    return mixed
