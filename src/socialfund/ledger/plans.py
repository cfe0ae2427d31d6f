"""Repayment plans before they are booked: from the calculation's proposal, scaled to the grant, checked.

No database here. A plan is {year: {board code: kronor}}. The calculation engine proposes
one in whole kronor for the fund's cost in the calculation; the grant kommunstyrelsen
decided may differ, so the proposal's shape is kept and its amounts split anew over the
granted total with `allocate_sek` (largest remainder): the plan then adds up to the grant
to the öre.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

from socialfund.core.application import Application
from socialfund.core.calc import CalculationInputError, evaluate, parse_calculation
from socialfund.core.calc.labels import in_words
from socialfund.core.calc.repayment import timing_violations
from socialfund.core.formatting import format_sek
from socialfund.core.money import allocate_sek
from socialfund.core.repayment_rules import RepaymentRules

Plan = dict[int, dict[str, Decimal]]


class PlanError(ValueError):
    """A plan that cannot be adopted; `messages` are Swedish, one per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


def plan_from_calculation(
    application: Application, rules: RepaymentRules, excepted: frozenset[str] = frozenset()
) -> dict[int, dict[str, int]]:
    """The calculation engine's proposal for the application's calculation, under the fund's rules.

    `excepted` are the limits kommunstyrelsen granted an exception from (cases.RepaymentException): a
    departure from those does not stop the proposal, the others still do."""
    document = application.calculation
    if not document:
        raise PlanError([_("Ansökan har ingen socioekonomisk kalkyl att ta återföringsplanen från; ange planen.")])
    try:
        result = evaluate(parse_calculation(document), rules=rules)
    except CalculationInputError as exc:
        raise PlanError(
            [
                _("Kalkylen går inte att räkna: %(path)s: %(message)s") % {"path": in_words(path), "message": message}
                for path, message in exc.errors
            ]
        ) from exc
    repayment = result.repayment
    violations = [v for v in repayment.violations if v.rule not in excepted]
    if violations:
        raise PlanError([v.message for v in violations] + [_("Ange en överenskommen plan i stället.")])
    if not repayment.plan:
        raise PlanError([_("Kalkylen föreslår ingen återföring; ange en överenskommen plan.")])
    return repayment.plan


def scale_plan(plan: Mapping[int, Mapping[str, int | Decimal]], total: Decimal) -> Plan:
    """The plan's shape kept, its amounts split anew over `total`, exact to the öre."""
    cells = [(year, board, Decimal(amount)) for year in sorted(plan) for board, amount in sorted(plan[year].items())]
    parts = allocate_sek(total, [amount for _year, _board, amount in cells])
    scaled: Plan = {}
    for (year, board, _amount), part in zip(cells, parts, strict=True):
        if part > 0:
            scaled.setdefault(year, {})[board] = part
    return scaled


def plan_total(plan: Plan) -> Decimal:
    return sum((amount for by_board in plan.values() for amount in by_board.values()), Decimal(0))


def plan_violations(
    plan: Plan, *, start_year: int, rules: RepaymentRules, due: Decimal, excepted: frozenset[str] = frozenset()
) -> list[str]:
    """The policy's time limits (less those kommunstyrelsen excepted), and that the plan repays exactly what
    was granted: an exception changes when or out of what the boards repay, not what was granted."""
    if not plan:
        return [_("Planen är tom: ange minst ett år och en nämnd.")]
    messages = [v.message for v in timing_violations(plan, start_year, rules) if v.rule not in excepted]
    for year, by_board in plan.items():
        for board, amount in by_board.items():
            if amount <= 0:
                messages.append(
                    _("%(year)s %(board)s: beloppet måste vara större än noll.") % {"year": year, "board": board}
                )
    total = plan_total(plan)
    if total != due:
        messages.append(
            _(
                "Planen återför %(total)s men insatsen har beviljats %(granted)s; "
                "planen ska återföra hela det beviljade beloppet."
            )
            % {"total": format_sek(total, 2), "granted": format_sek(due, 2)}
        )
    return messages
