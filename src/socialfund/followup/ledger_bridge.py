"""The one place follow-up touches the fund's books (socialfund.ledger).

Follow-up never books anything itself: a waiver after special review goes through the
ledger's own `waiver_decide`, in the caller's transaction, so a refused booking leaves
the special review undecided too. The ledger's errors come back as the case errors the
follow-up views already show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.core.calc.repayment import Plan
from socialfund.followup.errors import (
    FollowupError,
    FollowupPermissionDenied,
    FollowupStateError,
    FollowupValidationError,
)
from socialfund.followup.models import Project
from socialfund.ledger import errors as ledger_errors
from socialfund.ledger import selectors as ledger_selectors
from socialfund.ledger import services as ledger_services
from socialfund.ledger.codes import TransactionKind
from socialfund.ledger.duty import ProjectDuty, project_duty
from socialfund.ledger.models import Transaction, Waiver
from socialfund.organisation.models import Board, DecisionBody


@dataclass(frozen=True)
class WaiverBooking:
    amount: Decimal
    reference: str
    waiver: Waiver | None


def _as_followup_error(exc: ledger_errors.LedgerError) -> FollowupError:
    if isinstance(exc, ledger_errors.LedgerPermissionDenied):
        return FollowupPermissionDenied(exc.message)
    if isinstance(exc, ledger_errors.LedgerValidationError):
        return FollowupValidationError(exc.message, field=exc.field)
    return FollowupStateError(f"Fondens bokföring: {exc.message}")


def obligation_waive(
    *,
    project: Project,
    user: User,
    body: DecisionBody,
    decided_on: dt.date,
    paragraph: str,
    motivation: str,
    evaluation: str,
    effects: str,
    board: Board | None = None,
) -> WaiverBooking:
    """Write off what remains of the project's repayment duty: one board's, or every board's (ledger.waiver_decide)."""
    try:
        transaction = ledger_services.waiver_decide(
            initiative=project.initiative,
            user=user,
            body=body,
            decided_on=decided_on,
            paragraph=paragraph,
            motivation=motivation,
            evaluation=evaluation,
            method_followed=True,
            effects=effects,
            board=board,
        )
    except ledger_errors.LedgerError as exc:
        raise _as_followup_error(exc) from exc
    waiver = transaction.waiver
    amount = waiver.amount if waiver is not None else Decimal(0)
    return WaiverBooking(amount=amount, reference=f"verifikation {transaction.number}", waiver=waiver)


def boards_owing(project: Project) -> QuerySet[Board]:
    """The boards with something left of their repayment duty for the project: those a waiver can name."""
    codes = {a.board_id for a in ledger_selectors.outstanding_duties(project.initiative) if a.board_id is not None}
    return Board.objects.filter(pk__in=codes).order_by("code")


def repayment_status(project: Project, on: dt.date | None = None) -> ProjectDuty:
    """The project in the books: granted, paid, what the boards owe and have settled (ledger.duty)."""
    return project_duty(project.initiative, on or timezone.localdate())


def _whole_kronor(plan: dict[str, dict[str, str]]) -> Plan:
    return {
        int(year): {
            board: int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            for board, amount in by_board.items()
        }
        for year, by_board in plan.items()
    }


def adopted_plans(initiative_ids: Iterable[int]) -> dict[int, Plan]:
    """The repayment plans on the books (not reversed), by initiative id, in whole kronor; one query."""
    booked = (
        Transaction.objects.booked()
        .filter(initiative_id__in=list(initiative_ids), kind=TransactionKind.REPAYMENT_PLAN, reversed_by__isnull=True)
        .select_related("repayment_plan")
        .order_by("number")
    )
    plans: dict[int, Plan] = {}
    for transaction in booked:  # the latest booked plan of an initiative wins
        if transaction.initiative_id is not None and transaction.repayment_plan is not None:
            plans[transaction.initiative_id] = _whole_kronor(transaction.repayment_plan.plan)
    return plans


def adopted_plan(project: Project) -> Plan | None:
    """The project's repayment plan on the books, or None when none is adopted."""
    return adopted_plans([project.initiative_id]).get(project.initiative_id)
