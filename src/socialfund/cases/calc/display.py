"""The saved calculation of a case, evaluated and ready for a page: results, chart, names of the parties.

Read-only: nothing here writes. The calculator step shows what is typed; these show
what is saved, to everyone who may read the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from socialfund.cases.content import stored_calculation
from socialfund.cases.guided.calc_grid import CalculatorState, run_calculation
from socialfund.cases.models import Initiative
from socialfund.cases.workflow import policy_for
from socialfund.core.calc import FUND, CalculationResult
from socialfund.kit.charts import Bar, costs_and_savings_svg
from socialfund.organisation.models import Board


def party_names(organisation_id: int | None) -> dict[str, str]:
    """Board code → the board's name, and the fund; a party not in the list is shown as written."""
    names = {FUND: gettext("Fonden")}
    if organisation_id is not None:
        for code, name in Board.objects.filter(organisation_id=organisation_id).values_list("code", "name"):
            names[code] = name or code
    return names


def results_chart(result: CalculationResult) -> SafeString:
    bars = [Bar(str(row.year), row.benefits_municipal_cashable, row.costs) for row in result.per_year]
    return mark_safe(  # noqa: S308 - built from numbers and escaped text in kit.charts
        costs_and_savings_svg(
            bars,
            title=gettext("Kostnader och kommunens kassamässiga besparingar per år"),
            up_name=gettext("besparingar"),
            down_name=gettext("kostnader"),
        )
    )


@dataclass(frozen=True)
class SavedCalculation:
    document: dict[str, Any] | None
    state: CalculatorState
    chart: SafeString
    names: dict[str, str]

    @property
    def result(self) -> CalculationResult | None:
        return self.state.result

    def board_savings(self) -> list[dict[str, Any]]:
        """Each municipal board's cashable savings (nominal, whole period), by name, largest first."""
        if self.result is None:
            return []
        rows = [
            {"name": self.names.get(p.name, p.name), "total": sum(p.cashable_savings.values())}
            for p in self.result.parties
            if p.sector == "municipal" and p.cashable_savings
        ]
        return sorted(rows, key=lambda row: -row["total"])

    def repayment_rows(self) -> list[dict[str, Any]]:
        """The repayment plan as (year, board name, amount) rows."""
        if self.result is None:
            return []
        return [
            {"year": year, "board": self.names.get(board, board), "amount": amount}
            for year, boards in self.result.repayment.plan.items()
            for board, amount in boards.items()
        ]


def saved_calculation(initiative: Initiative) -> SavedCalculation:
    """The case's saved calculation evaluated under its guidelines' repayment rules (no simulation for an empty one)."""
    document = stored_calculation(initiative)
    names = party_names(initiative.fund.organisation_id)
    state = run_calculation(document, policy_for(initiative).repayment_rules(), [], names)
    chart = results_chart(state.result) if state.result is not None else mark_safe("")  # noqa: S308 - empty
    return SavedCalculation(document, state, chart, party_names(initiative.fund.organisation_id))
