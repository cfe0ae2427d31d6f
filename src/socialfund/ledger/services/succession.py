"""Board succession: a board ends; its open repayment duties move to its successor, or lapse.

Municipal organisations change: boards are merged, budget responsibility moves. A duty
follows the responsibility. When the successor is the fund's owner itself (Malmö: income
support moved from the district boards to kommunstyrelsen), repaying would move money
from KS to KS, so the duty lapses; a recorded decision says so. Either way one
verification per fund, audited, and the board gets its end date and its successor.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.audit.services import audit_record
from socialfund.core.formatting import format_sek
from socialfund.funds.models import Fund
from socialfund.ledger.codes import AccountKind, TransactionKind
from socialfund.ledger.errors import LedgerStateError, LedgerValidationError
from socialfund.ledger.models import Account, BoardSuccession, FundLedger, Transaction
from socialfund.ledger.posting import Leg, account, fund_books, post, require_registrar, required_text
from socialfund.organisation.models import Board, DecisionBody


def board_succession_decide(
    *,
    board: Board,
    user: User,
    effective_on: dt.date,
    successor: Board | None,
    body: DecisionBody,
    decided_on: dt.date,
    paragraph: str,
    motivation: str,
) -> BoardSuccession:
    """End `board` on `effective_on`; its duties move to `successor`, or lapse when it is None (the fund's owner)."""
    paragraph = required_text(paragraph, _("Ange paragraf."), "paragraph")
    motivation = required_text(motivation, _("Skriv motiveringen till beslutet."), "motivation")
    if decided_on > timezone.localdate() or effective_on > timezone.localdate():
        raise LedgerValidationError(_("Datumen kan inte ligga i framtiden."), field="effective_on")
    if successor is not None and (successor.pk == board.pk or successor.organisation_id != board.organisation_id):
        raise LedgerValidationError(
            _("Den efterträdande nämnden ska vara en annan nämnd i samma organisation."), field="successor"
        )
    if board.valid_until is not None:
        raise LedgerStateError(
            _("%(board)s har redan upphört (%(date)s).") % {"board": board.code, "date": board.valid_until.isoformat()}
        )
    funds = Fund.objects.filter(organisation_id=board.organisation_id).order_by("pk")
    with transaction.atomic():
        record: BoardSuccession | None = None
        for fund in funds:
            with fund_books(fund) as book:
                require_registrar(user, fund, _("beslut om omorganisation"))
                if body.organisation_id != fund.organisation_id:
                    raise LedgerValidationError(
                        _("Det beslutande organet hör inte till fondens organisation."), field="body"
                    )
                duties = list(
                    Account.objects.filter(
                        fund=fund, kind=AccountKind.RECEIVABLE, board=board, balance_ore__gt=0
                    ).select_related("initiative")
                )
                if record is None:
                    record = BoardSuccession.objects.create(
                        board=board,
                        successor=successor,
                        effective_on=effective_on,
                        body=body,
                        decided_on=decided_on,
                        paragraph=paragraph,
                        motivation=motivation,
                        registered_by=user,
                    )
                if duties:
                    _book_duties(book, record, duties, successor, user)
        if record is None:
            raise LedgerStateError(_("Organisationen har ingen fond."))
        Board.objects.filter(pk=board.pk).update(valid_until=effective_on - dt.timedelta(days=1), successor=successor)
        moved, lapsed = succession_totals(record)
        audit_record(
            actor=user,
            action="board_succession",
            target=board,
            from_state=board.code,
            to_state=successor.code if successor else "KS",
            message=(
                f"{board.code} upphör {effective_on.isoformat()} ({body.code} {decided_on.isoformat()} {paragraph}): "
                + (
                    f"återföringsskyldighet {format_sek(moved, 2)} flyttad till {successor.code}."
                    if successor
                    else f"ansvaret går till fondens ägare; återföringsskyldighet {format_sek(lapsed, 2)} upphör."
                )
            ),
        )
        return record


def _book_duties(
    book: FundLedger, record: BoardSuccession, duties: list[Account], successor: Board | None, user: User
) -> Transaction:
    fund = book.fund
    legs: list[Leg] = []
    for duty in duties:
        if successor is not None:
            target = account(fund, AccountKind.RECEIVABLE, initiative=duty.initiative, board=successor, year=duty.year)
        else:
            target = account(fund, AccountKind.WAIVED, initiative=duty.initiative, board=duty.board)
        legs += [Leg(target, duty.balance), Leg(duty, -duty.balance)]
    total = sum((duty.balance for duty in duties), Decimal(0))
    board = record.board
    if successor is not None:
        kind = TransactionKind.DUTY_MOVE
        text = f"Omorganisation: {board.code} upphör, återföringsskyldighet flyttad till {successor.code}"
    else:
        kind = TransactionKind.DUTY_LAPSE
        text = f"Omorganisation: {board.code} upphör, ansvaret till fondens ägare; återföringsskyldigheten upphör"
    return post(
        book=book,
        kind=kind,
        booked_on=record.effective_on,
        text=f"{text} ({record.body.code} {record.decided_on.isoformat()} {record.paragraph}): {format_sek(total, 2)}",
        user=user,
        legs=legs,
        succession=record,
    )


def succession_totals(record: BoardSuccession) -> tuple[Decimal, Decimal]:
    """What the decision moved to the successor and what lapsed, from its verifications."""
    moved = lapsed = Decimal(0)
    for txn in record.transactions.prefetch_related("entries__account"):
        for entry in txn.entries.all():
            if entry.amount_ore < 0:
                if txn.kind == TransactionKind.DUTY_MOVE:
                    moved -= entry.amount
                else:
                    lapsed -= entry.amount
    return moved, lapsed
