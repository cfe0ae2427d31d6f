"""The summary that stays beside the calculator's inputs: the few figures a person decides by.

Its verdict on the repayment is the screening's finding for the calculation as typed, the
same finding the screening panel shows, so the two can never disagree. An empty
calculation (no cost or no effect) has no verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from socialfund.cases.guided.calc_grid import CalculatorState

REPAYMENT_RULE = "repayment"


@dataclass(frozen=True)
class BoardSaving:
    name: str
    pv_savings: float
    cashable_total: float


@dataclass(frozen=True)
class PlanRow:
    year: int
    board: str
    amount: int


@dataclass(frozen=True)
class Summary:
    npv_municipal: float | None
    savings: tuple[BoardSaving, ...]
    plan: tuple[PlanRow, ...]
    amount_due: int | None
    verdict: Any | None
    """The screening's finding on the repayment (status, message), or None when there is nothing to judge."""
    chance_repaid: float | None


def repayment_finding(screening: Any) -> Any | None:
    if screening is None:
        return None
    return next((finding for finding in screening.findings if finding.rule == REPAYMENT_RULE), None)


def calculation_summary(state: CalculatorState, screening: Any, names: Mapping[str, str]) -> Summary | None:
    result = state.result
    if result is None:
        return None
    savings = tuple(
        BoardSaving(names.get(party.name, party.name), party.pv_benefits_received, sum(party.cashable_savings.values()))
        for party in result.parties
        if party.sector == "municipal" and party.pv_benefits_received
    )
    plan = tuple(
        PlanRow(year, names.get(board, board), amount)
        for year, boards in sorted(result.repayment.plan.items())
        for board, amount in boards.items()
    )
    has_lines = state.has_lines
    chance = state.simulation.probability_repaid_in_time if state.simulation is not None and has_lines else None
    return Summary(
        npv_municipal=result.totals.npv_municipal,
        savings=savings,
        plan=plan if has_lines else (),
        amount_due=result.repayment.amount_due if has_lines else None,
        verdict=repayment_finding(screening) if has_lines else None,
        chance_repaid=chance,
    )
