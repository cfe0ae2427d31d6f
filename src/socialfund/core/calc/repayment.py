"""Repayment (återföring): the amount due, a proposed plan, and the checks against the fund's limits.

The amount due is what the fund pays out: the sum of the fund's nominal cost
amounts, without optimism bias, rounded half up to whole kronor. Only the boards
whose municipal costs fall (sector municipal, cashable) can repay, because savings
outside the municipality (the ACT case: at Försäkringskassan) never reach its budget.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from socialfund.core.calc.lines import savings_by_board
from socialfund.core.calc.model import FUND, Calculation
from socialfund.core.calc.results import RepaymentResult, Violation
from socialfund.core.formatting import format_sek
from socialfund.core.money import allocate, sek_from_estimate
from socialfund.core.repayment_rules import SODERTALJE_DEFAULT, RepaymentRules

if TYPE_CHECKING:
    from socialfund.core.calc.lines import LineTotals, YearValues

Plan = dict[int, dict[str, int]]
# Float sums of savings may land a hair under a whole krona (2 035 274.9999999998); this much is forgiven.
KRONA_TOLERANCE = 1e-6


def resolve_rules(rules: RepaymentRules | None) -> RepaymentRules:
    """No rules given: Södertälje's guidelines (the issue's default)."""
    return SODERTALJE_DEFAULT if rules is None else rules


def amount_due(calc: Calculation) -> int:
    """The fund's nominal cost amounts (no optimism bias), rounded half up to whole kronor."""
    total = sum((amount for line in calc.costs if line.payer == FUND for amount in line.amounts.values()), Decimal(0))
    return int(sek_from_estimate(total))


def duty_start_year(calc: Calculation, rules: RepaymentRules) -> int:
    """The first year the boards must repay: after the grace period, which is their right, not a ban."""
    return calc.start_year + (rules.grace_years or 0)


def municipal_boards(calc: Calculation) -> set[str]:
    """The parties that may repay: beneficiaries of at least one municipal effect line."""
    return {effect.beneficiary for effect in calc.effects if effect.is_municipal}


def propose_plan(due: int, savings: Mapping[str, YearValues], years: range, first_allowed: int) -> Plan:
    """From the first allowed year, each year the boards repay out of that year's savings, in proportion, until done.

    A year pays min(what is left, its total savings rounded down to whole kronor),
    split over the boards with `allocate` (largest remainder), so every year's parts
    and the whole plan add up exactly.
    """
    plan: Plan = {}
    remaining = due
    for index, year in enumerate(years):
        if year < first_allowed or remaining <= 0:
            continue
        shares = [(board, float(by_year[index])) for board, by_year in savings.items() if by_year[index] > 0]
        available = math.floor(sum(s for _, s in shares) + KRONA_TOLERANCE)
        payment = min(remaining, available)
        if payment <= 0:
            continue
        parts = allocate(payment, [s for _, s in shares])
        plan[year] = {board: part for (board, _), part in zip(shares, parts, strict=True) if part > 0}
        remaining -= payment
    return plan


@dataclass(frozen=True)
class RepaymentCheck:
    """The repayment figures and the warnings the check gave."""

    result: RepaymentResult
    warnings: list[str]


def evaluate_repayment(calc: Calculation, lines: LineTotals, rules: RepaymentRules | None) -> RepaymentCheck:
    """Take the file's schedule or propose one, and check it against the rules."""
    rules = resolve_rules(rules)
    due = amount_due(calc)
    if rules.mode == "none":
        return RepaymentCheck(RepaymentResult(due, {}, None, None, due == 0, [], False, False), [])
    savings = savings_by_board(calc, lines)
    proposed = calc.repayment_schedule is None
    if calc.repayment_schedule is None:
        plan = propose_plan(due, savings, calc.years, duty_start_year(calc, rules)) if due > 0 else {}
    else:
        plan = {year: dict(boards) for year, boards in calc.repayment_schedule.items()}
    planned = sum(sum(boards.values()) for boards in plan.values())
    violations = timing_violations(plan, calc.start_year, rules)
    violations += completeness_violations(calc, plan, due, planned, proposed)
    warnings: list[str] = []
    if not proposed:
        violations += non_municipal_violations(plan, municipal_boards(calc), calc.party_names)
        violations += savings_violations(calc, plan, savings)
        if planned > due:
            warnings.append(f"Planen återför {format_sek(planned)}, mer än fondens utbetalning {format_sek(due)}.")
    first, last = (min(plan), max(plan)) if plan else (None, None)
    result = RepaymentResult(due, plan, first, last, planned >= due, violations, True, proposed)
    return RepaymentCheck(result, warnings)


def timing_violations(plan: Mapping[int, object], start_year: int, rules: RepaymentRules) -> list[Violation]:
    """The two time limits, each inclusive: the latest start (from start_year) and the latest end (from the first
    repayment year). The grace period is not a limit: a board that repays before it ends breaks no rule."""
    if not plan:
        return []
    first, last = min(plan), max(plan)
    found: list[Violation] = []
    if rules.latest_start_offset_years is not None and first > start_year + rules.latest_start_offset_years:
        latest = start_year + rules.latest_start_offset_years
        found.append(
            Violation(
                "repayment_start_too_late",
                f"Återföringen börjar {first} men ska börja senast {latest} "
                f"({rules.latest_start_offset_years} år från projektstart {start_year}).",
            )
        )
    # Repaying during the grace period must not shorten the time the board has: the period is counted from
    # the first repayment year or the end of the grace period, whichever is later.
    counted_from = max(first, start_year + (rules.grace_years or 0))
    if rules.max_years_after_first is not None and last > counted_from + rules.max_years_after_first:
        latest_end = counted_from + rules.max_years_after_first
        found.append(
            Violation(
                "repayment_too_long",
                f"Återföringen pågår till {last} men ska vara klar senast {latest_end} "
                f"({rules.max_years_after_first} år efter första återföringsåret {counted_from}).",
            )
        )
    return found


def completeness_violations(calc: Calculation, plan: Plan, due: int, planned: int, proposed: bool) -> list[Violation]:
    if planned >= due:
        return []
    if proposed and not plan:
        message = (
            f"Det finns inga kommunala kassamässiga besparingar att återföra {format_sek(due)} ur "
            f"under kalkylperioden ({calc.start_year}–{calc.end_year})."
        )
    elif proposed:
        message = (
            f"Besparingarna räcker till {format_sek(planned)} av {format_sek(due)}; "
            f"{format_sek(due - planned)} återstår vid kalkylperiodens slut {calc.end_year}."
        )
    else:
        message = f"Planen återför {format_sek(planned)} av {format_sek(due)}; {format_sek(due - planned)} saknas."
    return [Violation("repayment_incomplete", message)]


def non_municipal_violations(plan: Plan, boards: set[str], names: Mapping[str, str] | None = None) -> list[Violation]:
    repayers = sorted({board for by_board in plan.values() for board in by_board})
    return [
        Violation(
            "repayment_non_municipal",
            f"{(names or {}).get(board, board)} har inga kommunala besparingar i kalkylen och kan inte återföra; "
            "besparingar utanför kommunen kan inte finansiera återföring.",
        )
        for board in repayers
        if board not in boards
    ]


def savings_violations(calc: Calculation, plan: Plan, savings: Mapping[str, YearValues]) -> list[Violation]:
    """A board may not repay, by any year, more than its cumulative cashable municipal savings up to that year."""
    found: list[Violation] = []
    repayers = sorted({board for by_board in plan.values() for board in by_board})
    for board in repayers:
        by_year = savings.get(board)
        if by_year is None:
            continue  # reported as repayment_non_municipal
        repaid, saved = 0, 0.0
        for index, year in enumerate(calc.years):
            repaid += plan.get(year, {}).get(board, 0)
            saved += float(by_year[index])
            if repaid > saved + KRONA_TOLERANCE:
                found.append(
                    Violation(
                        "repayment_incomplete",
                        f"{calc.name_of(board)} ska ha återfört {format_sek(repaid)} till och med {year} men har då bara "
                        f"{format_sek(math.floor(saved + KRONA_TOLERANCE))} i kassamässiga besparingar.",
                    )
                )
                break
    return found
