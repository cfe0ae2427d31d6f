"""Money back to the fund: repayment plans, repayments, budget-frame reductions and waivers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.cases.content import application_of
from socialfund.cases.models import Initiative, RepaymentException
from socialfund.cases.repayment_exceptions import exception_for
from socialfund.core.formatting import format_sek
from socialfund.core.repayment_rules import RepaymentRules
from socialfund.funds.dates import decision_date_problem
from socialfund.ledger import selectors
from socialfund.ledger.codes import AccountKind, EvaluatedEffects, PlanBasis, RepaymentMethod, TransactionKind
from socialfund.ledger.errors import LedgerLimitError, LedgerStateError, LedgerValidationError
from socialfund.ledger.models import Account, Repayment, RepaymentPlan, Transaction, Waiver
from socialfund.ledger.plans import Plan, PlanError, plan_from_calculation, plan_violations, scale_plan
from socialfund.ledger.posting import (
    Leg,
    account,
    fund_books,
    positive_amount,
    post,
    require_finance,
    require_registrar,
    required_text,
)
from socialfund.organisation.models import Board, DecisionBody
from socialfund.record_language import in_record_language


def _no_repayment(policy_id: str) -> str:
    return _("Riktlinjerna (%(policy)s) kräver ingen återföring: fondens medel förbrukas.") % {"policy": policy_id}


def repayment_plan_adopt(
    *,
    initiative: Initiative,
    user: User,
    adopted_on: dt.date,
    plan: Mapping[int, Mapping[str, Decimal]] | None = None,
    reference: str = "",
    booked_on: dt.date | None = None,
) -> Transaction:
    """The boards' duties per year: the calculation's proposal scaled to the grant, or a plan agreed otherwise.

    Checked against the fund's limits (RepaymentRules) and against the grant: the plan
    repays exactly what was granted. Boards are named by their codes (SN, UN).
    """
    fund = initiative.fund
    with fund_books(fund) as book:
        require_finance(user, fund)
        policy_id, rules = selectors.repayment_rules_for(initiative)
        if rules.mode == "none":
            raise LedgerStateError(_no_repayment(policy_id))
        active = selectors.active_transaction(initiative, TransactionKind.REPAYMENT_PLAN)
        if active is not None:
            raise LedgerStateError(
                _("%(project)s har redan en plan (verifikation %(number)s); rätta den först.")
                % {"project": initiative.title, "number": active.number}
            )
        granted = selectors.project_granted(initiative)
        start_year = selectors.first_commitment_year(initiative)
        if granted <= 0 or start_year is None:
            raise LedgerStateError(
                _("%(project)s har inga beviljade medel i fonden att återföra.") % {"project": initiative.title}
            )
        basis = PlanBasis.CALCULATION if plan is None else PlanBasis.AGREED
        exception = exception_for(initiative)
        excepted = frozenset(exception.limits) if exception is not None else frozenset()
        adopted = _plan_to_adopt(initiative, plan, granted, rules, excepted)
        problems = plan_violations(adopted, start_year=start_year, rules=rules, due=granted, excepted=excepted)
        if problems:
            raise LedgerValidationError(" ".join(problems), field="plan")
        boards = _boards_by_code(initiative, {code for by_board in adopted.values() for code in by_board})
        _refuse_ended_boards(adopted, boards, adopted_on)
        record = RepaymentPlan.objects.create(
            initiative=initiative,
            basis=basis,
            adopted_on=adopted_on,
            reference=reference.strip(),
            plan={str(y): {b: str(a) for b, a in by_board.items()} for y, by_board in sorted(adopted.items())},
            registered_by=user,
        )
        legs = [
            Leg(account(fund, AccountKind.RECEIVABLE, initiative=initiative, board=boards[code], year=year), amount)
            for year, by_board in sorted(adopted.items())
            for code, amount in sorted(by_board.items())
        ]
        legs.append(Leg(account(fund, AccountKind.REPAYMENT_PLAN, initiative=initiative), -granted))
        return post(
            book=book,
            kind=TransactionKind.REPAYMENT_PLAN,
            booked_on=booked_on or adopted_on,
            text=f"Återföringsplan {initiative.title} {min(adopted)}–{max(adopted)}: {format_sek(granted, 2)}"
            + (f" (undantag {_decision_ref(exception)})" if exception is not None and excepted else ""),
            user=user,
            legs=legs,
            initiative=initiative,
            repayment_plan=record,
        )


def _decision_ref(exception: RepaymentException) -> str:
    decision = exception.decision
    return f"{decision.body.code} {decision.decided_on.isoformat()} {decision.paragraph}"


def _plan_to_adopt(
    initiative: Initiative,
    plan: Mapping[int, Mapping[str, Decimal]] | None,
    granted: Decimal,
    rules: RepaymentRules,
    excepted: frozenset[str],
) -> Plan:
    if plan is None:
        try:
            proposal = plan_from_calculation(application_of(initiative).application, rules, excepted)
        except PlanError as exc:
            raise LedgerValidationError(" ".join(exc.messages), field="plan") from exc
        return scale_plan(proposal, granted)
    return {
        int(year): {code: positive_amount(amount, field="plan") for code, amount in by_board.items()}
        for year, by_board in plan.items()
    }


def _boards_by_code(initiative: Initiative, codes: set[str]) -> dict[str, Board]:
    found = Board.objects.filter(organisation_id=initiative.fund.organisation_id, code__in=codes).select_related(
        "successor"
    )
    boards = {b.code: b for b in found}
    unknown = sorted(codes - set(boards))
    if unknown:
        raise LedgerValidationError(
            _("Nämnden %(boards)s finns inte i organisationen.") % {"boards": ", ".join(unknown)}, field="plan"
        )
    return boards


def _refuse_ended_boards(plan: Plan, boards: dict[str, Board], adopted_on: dt.date) -> None:
    """A board that has ended (a succession decision gave it an end date) repays nothing: not when it ended
    before the plan was adopted, nor in a year after it ended. The message names who took over."""
    for year, by_board in sorted(plan.items()):
        for code in sorted(by_board):
            ended = boards[code].valid_until
            if ended is not None and (ended < adopted_on or year > ended.year):
                raise LedgerValidationError(ended_board_message(boards[code]), field="plan")


def ended_board_message(board: Board) -> str:
    assert board.valid_until is not None
    values = {"board": board.display_name, "date": board.valid_until.isoformat()}
    if board.successor is None:
        return (
            _(
                "%(board)s upphörde %(date)s och kan inte återföra; ansvaret gick till fondens ägare. "
                "Ange en nämnd som finns i planen."
            )
            % values
        )
    values["successor"] = board.successor.display_name
    return (
        _(
            "%(board)s upphörde %(date)s och kan inte återföra; %(successor)s har tagit över. "
            "Ange %(successor)s i planen i stället."
        )
        % values
    )


def repayment_register(
    *,
    initiative: Initiative,
    board: Board,
    user: User,
    amount: Decimal,
    received_on: dt.date,
    year: int | None = None,
    reference: str = "",
    booked_on: dt.date | None = None,
) -> Transaction:
    """A board repays: its oldest duties for the project first (or the one year named). Never above the duty."""
    return _settle(RepaymentMethod.PAYMENT, initiative, board, user, amount, received_on, year, reference, booked_on)


def frame_reduction_register(
    *,
    initiative: Initiative,
    board: Board,
    user: User,
    amount: Decimal,
    received_on: dt.date,
    year: int | None = None,
    reference: str = "",
    booked_on: dt.date | None = None,
) -> Transaction:
    """Norrköping's way: the board's budget frame is cut by the realised saving, which returns to the fund."""
    return _settle(
        RepaymentMethod.FRAME_REDUCTION, initiative, board, user, amount, received_on, year, reference, booked_on
    )


def _check_method(initiative: Initiative, method: RepaymentMethod) -> None:
    policy_id, rules = selectors.repayment_rules_for(initiative)
    if rules.mode == "none":
        raise LedgerStateError(_no_repayment(policy_id))
    if method == RepaymentMethod.PAYMENT and rules.mode == "frame_reduction":
        raise LedgerStateError(
            _("Riktlinjerna (%(policy)s) återför genom ramminskning; registrera en ramminskning.")
            % {"policy": policy_id}
        )
    if method == RepaymentMethod.FRAME_REDUCTION and rules.mode != "frame_reduction":
        raise LedgerStateError(
            _("Riktlinjerna (%(policy)s) återför genom inbetalning enligt plan, inte ramminskning.")
            % {"policy": policy_id}
        )


def _settle(
    method: RepaymentMethod,
    initiative: Initiative,
    board: Board,
    user: User,
    amount: Decimal,
    received_on: dt.date,
    year: int | None,
    reference: str,
    booked_on: dt.date | None,
) -> Transaction:
    amount = positive_amount(amount)
    fund = initiative.fund
    with fund_books(fund) as book:
        require_finance(user, fund)
        _check_method(initiative, method)
        _check_paid_out(initiative, amount, received_on)
        duties = selectors.outstanding_duties(initiative, board=board, year=year)
        owed = sum((duty.balance for duty in duties), Decimal(0))
        if amount > owed:
            raise LedgerLimitError(_over_duty(board, initiative, year, owed, amount), field="amount")
        record = Repayment.objects.create(
            fund=fund,
            initiative=initiative,
            board=board,
            method=method,
            amount=amount,
            received_on=received_on,
            reference=reference.strip(),
            registered_by=user,
        )
        credit_kind = AccountKind.REPAID if method == RepaymentMethod.PAYMENT else AccountKind.FRAME_REDUCED
        legs = [
            Leg(account(fund, AccountKind.AVAILABLE), amount),
            Leg(account(fund, credit_kind, initiative=initiative, board=board), -amount),
        ]
        plan_account = account(fund, AccountKind.REPAYMENT_PLAN, initiative=initiative)
        for duty, part in _oldest_first(duties, amount):
            legs += [Leg(plan_account, part), Leg(duty, -part)]
        kind = TransactionKind.REPAYMENT if method == RepaymentMethod.PAYMENT else TransactionKind.FRAME_REDUCTION
        return post(
            book=book,
            kind=kind,
            booked_on=booked_on or received_on,
            text=f"{in_record_language(RepaymentMethod(method).label)} {board.code}, {initiative.title}: {format_sek(amount, 2)}",
            user=user,
            legs=legs,
            initiative=initiative,
            repayment=record,
        )


def _check_paid_out(initiative: Initiative, amount: Decimal, on: dt.date) -> None:
    """A board repays out of savings that a paid-out project made: never more than was paid out, less what
    has come back or been waived, at the repayment's date and today."""
    room = min(selectors.repayable(initiative, on), selectors.repayable(initiative, None))
    if amount > room:
        raise LedgerLimitError(
            _(
                "%(project)s har fått %(paid)s utbetalt; efter det som redan återförts eller efterskänkts kan "
                "högst %(room)s återföras, inte %(amount)s."
            )
            % {
                "project": initiative.title,
                "paid": format_sek(selectors.paid_out(initiative, on), 2),
                "room": format_sek(max(room, Decimal(0)), 2),
                "amount": format_sek(amount, 2),
            },
            field="amount",
        )


def _over_duty(board: Board, initiative: Initiative, year: int | None, owed: Decimal, amount: Decimal) -> str:
    values = {
        "board": board.code,
        "owed": format_sek(owed, 2),
        "project": initiative.title,
        "year": year,
        "amount": format_sek(amount, 2),
    }
    if year:
        return (
            _("%(board)s har %(owed)s kvar att återföra för %(project)s %(year)s; %(amount)s är mer än skyldigheten.")
            % values
        )
    return _("%(board)s har %(owed)s kvar att återföra för %(project)s; %(amount)s är mer än skyldigheten.") % values


def _oldest_first(duties: list[Account], amount: Decimal) -> list[tuple[Account, Decimal]]:
    """Split an amount over duties, settling the oldest year first."""
    parts: list[tuple[Account, Decimal]] = []
    left = amount
    for duty in duties:
        if left <= 0:
            break
        part = min(left, duty.balance)
        parts.append((duty, part))
        left -= part
    return parts


def waiver_decide(
    *,
    initiative: Initiative,
    user: User,
    body: DecisionBody,
    decided_on: dt.date,
    paragraph: str,
    motivation: str,
    evaluation: str,
    method_followed: bool,
    effects: str,
    board: Board | None = None,
    booked_on: dt.date | None = None,
) -> Transaction:
    """Särskild prövning: the remaining duty (of one board, or all) is written off.

    The guidelines allow it only when the evaluation shows that the project followed its
    decided method and still gave no or negative effects; the decision keeps its
    motivation and the evaluation it rests on.
    """
    paragraph = required_text(paragraph, _("Ange paragraf."), "paragraph")
    motivation = required_text(motivation, _("Skriv motiveringen till beslutet."), "motivation")
    evaluation = required_text(evaluation, _("Ange utvärderingen som beslutet vilar på."), "evaluation")
    fund = initiative.fund
    if problem := decision_date_problem(fund, decided_on):
        raise LedgerValidationError(problem, field="decided_on")
    with fund_books(fund) as book:
        # Translators: completes "Bara registrator eller KS-sekreterare registrerar %(what)s."
        require_registrar(user, fund, _("beslut efter särskild prövning"))
        _check_waivable(initiative, method_followed, effects)
        duties = selectors.outstanding_duties(initiative, board=board)
        if not duties:
            raise LedgerStateError(_("Det finns ingen återstående återföringsskyldighet att efterge."))
        parts = _oldest_first(duties, _waivable(initiative, decided_on, duties))
        total = sum((part for _duty, part in parts), Decimal(0))
        record = Waiver.objects.create(
            initiative=initiative,
            board=board,
            body=body,
            decided_on=decided_on,
            paragraph=paragraph,
            motivation=motivation,
            evaluation=evaluation,
            method_followed=method_followed,
            effects=effects,
            amount=total,
            registered_by=user,
        )
        legs: list[Leg] = []
        for duty, part in parts:
            waived = account(fund, AccountKind.WAIVED, initiative=initiative, board=duty.board)
            legs += [Leg(waived, part), Leg(duty, -part)]
        return post(
            book=book,
            kind=TransactionKind.WAIVER,
            booked_on=booked_on or decided_on,
            text=f"Eftergift efter särskild prövning, {initiative.title} ({record}): {format_sek(total, 2)}",
            user=user,
            legs=legs,
            initiative=initiative,
            waiver=record,
        )


def _waivable(initiative: Initiative, decided_on: dt.date, duties: list[Account]) -> Decimal:
    """What a waiver may write off: the duties, but never more than was paid out less what already came back or
    was written off (at the decision's date and today). A duty for money never paid out is not the board's to
    repay, so it is not waived either; it stays with the grant that was not paid."""
    owed = sum((duty.balance for duty in duties), Decimal(0))
    room = min(selectors.repayable(initiative, decided_on), selectors.repayable(initiative, None))
    if room <= 0:
        raise LedgerLimitError(
            _(
                "%(project)s har fått %(paid)s utbetalt och har efter det som återförts eller efterskänkts inget "
                "utbetalt att efterge."
            )
            % {"project": initiative.title, "paid": format_sek(selectors.paid_out(initiative, decided_on), 2)}
        )
    return min(owed, room)


def _check_waivable(initiative: Initiative, method_followed: bool, effects: str) -> None:
    policy_id, rules = selectors.repayment_rules_for(initiative)
    if rules.mode == "none":
        raise LedgerStateError(_no_repayment(policy_id))
    if not rules.waivable:
        raise LedgerStateError(
            _("Riktlinjerna (%(policy)s) medger inte att återföringen efterges.") % {"policy": policy_id}
        )
    if not method_followed:
        raise LedgerValidationError(
            _("Återföringen kan bara efterges när insatsen genomförts enligt den beslutade metoden."),
            field="method_followed",
        )
    if effects not in (EvaluatedEffects.NONE, EvaluatedEffects.NEGATIVE):
        raise LedgerValidationError(
            _("Återföringen kan bara efterges när utvärderingen visar inga eller negativa effekter."), field="effects"
        )
