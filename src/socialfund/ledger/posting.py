"""How every event reaches the books: lock the fund's books, check, number, write, close, audit.

The services in `socialfund.ledger.services` decide *what* to book; this module is the
one place that writes transactions, so that the rules hold for all of them:

- postings to a fund queue on its `FundLedger` row (PostgreSQL: a row lock taken by the
  first statement; SQLite, which locks the whole file: a process-wide lock plus a write as
  the first statement, so that a second writer waits instead of failing "database is locked");
- two or more legs, none zero, summing to zero, and the fund's money and the repayment
  duties each balancing on their own;
- no account that must stay non-negative (a commitment, a repayment duty), nor the fund's
  money in hand, goes below zero on the booking date *or any later date already booked*;
- the date is not in the future and not in a closed period;
- verification numbers without gaps, one series per fund.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.cases.models import Initiative
from socialfund.core.formatting import format_sek
from socialfund.core.money import MoneyError, from_ore, sek, to_ore
from socialfund.funds.dates import outside_fund_life
from socialfund.funds.models import Fund
from socialfund.ledger.codes import CASH_KINDS, DUTY_KINDS, MONEY_KINDS, NON_NEGATIVE_KINDS, AccountKind
from socialfund.ledger.errors import (
    LedgerError,
    LedgerLimitError,
    LedgerPermissionDenied,
    LedgerStateError,
    LedgerValidationError,
)
from socialfund.ledger.models import Account, Entry, FundLedger, Transaction
from socialfund.organisation.models import Board

# SQLite allows one writer at a time and, in the test suite's shared in-memory database,
# answers a second one with "database table is locked" at once. Within a process the
# ledger's writers therefore take turns on this lock.
_SQLITE_WRITER = threading.RLock()


@dataclass(frozen=True)
class Leg:
    """One side of a posting: kronor on an account, debit positive, credit negative."""

    account: Account
    amount: Decimal


class UnbalancedPostingError(LedgerError):
    """A service built legs that do not balance: a programming error, never booked."""


# -- who may book ---------------------------------------------------------------------------------


def require_role(user: User, roles: tuple[Role, ...], message: str) -> None:
    if not any(user.has_role(role) for role in roles):
        raise LedgerPermissionDenied(message)


def require_fund_access(user: User, fund: Fund) -> None:
    if user.organisation_id is None or fund.organisation_id != user.organisation_id:
        raise LedgerPermissionDenied(_("Fonden hör till en annan organisation än din."))


def require_finance(user: User, fund: Fund) -> None:
    require_role(user, (Role.FINANCE,), _("Bara ekonomi bokför i fonden."))
    require_fund_access(user, fund)


def require_registrar(user: User, fund: Fund, what: str) -> None:
    """`what` is what the user tried to register, already translated ("kapitalbeslut")."""
    # Translators: %(what)s is what is being registered, e.g. "kapitalbeslut".
    message = _("Bara registrator eller KS-sekreterare registrerar %(what)s.") % {"what": what}
    require_role(user, (Role.REGISTRAR,), message)
    require_fund_access(user, fund)


# -- input ----------------------------------------------------------------------------------------


def positive_amount(value: Decimal | int | str, field: str = "amount") -> Decimal:
    try:
        amount = sek(value)
    except MoneyError as exc:
        raise LedgerValidationError(_("Ogiltigt belopp: %(value)s.") % {"value": repr(value)}, field=field) from exc
    if amount <= 0:
        raise LedgerValidationError(_("Beloppet måste vara större än noll."), field=field)
    return amount


def required_text(value: str, message: str, field: str) -> str:
    if not value or not value.strip():
        raise LedgerValidationError(message, field=field)
    return value.strip()


# -- the books ------------------------------------------------------------------------------------


@contextmanager
def fund_books(fund: Fund) -> Iterator[FundLedger]:
    """One posting's transaction, holding the fund's books so that postings to a fund queue up."""
    serialise = _SQLITE_WRITER if connection.vendor == "sqlite" else nullcontext()
    with serialise, transaction.atomic():
        # A write first: PostgreSQL locks the row until commit; SQLite takes its write lock now.
        if not FundLedger.objects.filter(fund=fund).update(next_number=F("next_number")):
            FundLedger.objects.get_or_create(fund=fund)
        yield FundLedger.objects.select_for_update().select_related("fund").get(fund=fund)


def account_key(kind: str, initiative: Initiative | None, board: Board | None, year: int | None) -> str:
    parts = [kind]
    if initiative is not None:
        parts.append(f"p{initiative.pk}")
    if board is not None:
        parts.append(f"b{board.pk}")
    if year is not None:
        parts.append(str(year))
    return "/".join(parts)


def account(
    fund: Fund,
    kind: AccountKind,
    *,
    initiative: Initiative | None = None,
    board: Board | None = None,
    year: int | None = None,
) -> Account:
    """The fund's account of this kind (for a project, board, year as the kind needs), opened on first use."""
    found, _created = Account.objects.get_or_create(
        fund=fund,
        key=account_key(kind, initiative, board, year),
        defaults={"kind": kind, "initiative": initiative, "board": board, "year": year},
    )
    return found


def check_booking_date(book: FundLedger, booked_on: dt.date) -> None:
    if booked_on > timezone.localdate():
        raise LedgerValidationError(_("Bokföringsdagen kan inte ligga i framtiden."), field="booked_on")
    if booked_on < book.fund.decided_on:
        raise LedgerValidationError(outside_fund_life(book.fund, booked_on) or "", field="booked_on")
    if book.closed_through is not None and booked_on <= book.closed_through:
        raise LedgerStateError(
            _("Perioden till och med %(date)s är stängd (bokslut); bokför med ett senare datum.")
            % {"date": book.closed_through.isoformat()},
            field="booked_on",
        )


def check_legs(legs: list[Leg]) -> None:
    if len(legs) < 2:
        raise UnbalancedPostingError("En verifikation behöver minst två konteringar.")
    for leg in legs:
        if sek(leg.amount) == 0:
            raise UnbalancedPostingError(f"Konteringen på {leg.account.key} är noll.")
    for name, kinds in (("fondens medel", MONEY_KINDS), ("återföringsskyldigheterna", DUTY_KINDS)):
        total = sum((leg.amount for leg in legs if leg.account.kind in kinds), Decimal(0))
        if total != 0:
            raise UnbalancedPostingError(f"Konteringarna för {name} summerar till {total}, inte 0.")


def lowest_balance_from(fund: Fund, accounts: Q, on: dt.date) -> int:
    """The lowest balance (öre) the accounts have on `on` or any later booked date."""
    rows = Entry.objects.filter(accounts, transaction__fund=fund, transaction__closed=True)
    running = rows.filter(transaction__booked_on__lte=on).aggregate(total=Sum("amount_ore"))["total"] or 0
    lowest = running
    later = (
        rows.filter(transaction__booked_on__gt=on)
        .values("transaction__booked_on")
        .annotate(total=Sum("amount_ore"))
        .order_by("transaction__booked_on")
    )
    for row in later:
        running += row["total"]
        lowest = min(lowest, running)
    return int(lowest)


def check_limits(fund: Fund, legs: list[Leg], on: dt.date) -> None:
    """No commitment, repayment duty or money in hand may go below zero, on `on` or after."""
    for leg in legs:
        if leg.account.kind in NON_NEGATIVE_KINDS and leg.amount < 0:
            room = lowest_balance_from(fund, Q(account=leg.account), on)
            if room + to_ore(leg.amount) < 0:
                raise LedgerLimitError(limit_message(leg.account, from_ore(max(room, 0)), -leg.amount))
    cash_change = sum((leg.amount for leg in legs if leg.account.kind in CASH_KINDS), Decimal(0))
    if cash_change < 0:
        room = lowest_balance_from(fund, Q(account__kind__in=sorted(CASH_KINDS)), on)
        if room + to_ore(cash_change) < 0:
            raise LedgerLimitError(
                _("Fonden har %(money)s i medel %(date)s eller senare; %(amount)s ryms inte.")
                % {
                    "money": format_sek(from_ore(max(room, 0)), 2),
                    "date": on.isoformat(),
                    "amount": format_sek(-cash_change, 2),
                },
                field="amount",
            )


def limit_message(account: Account, room: Decimal, wanted: Decimal) -> str:
    if account.kind == AccountKind.COMMITTED:
        return _(
            "%(project)s: av det beviljade beloppet för %(year)s återstår %(room)s; %(amount)s kan inte betalas ut."
        ) % {
            "project": account.initiative,
            "year": account.year,
            "room": format_sek(room, 2),
            "amount": format_sek(wanted, 2),
        }
    return _(
        "%(board)s har %(room)s kvar att återföra för %(project)s, %(year)s; %(amount)s är mer än skyldigheten."
    ) % {
        "board": account.board.code if account.board else "",
        "room": format_sek(room, 2),
        "project": account.initiative,
        "year": account.year,
        "amount": format_sek(wanted, 2),
    }


def post(
    *,
    book: FundLedger,
    kind: str,
    booked_on: dt.date,
    text: str,
    user: User,
    legs: list[Leg],
    initiative: Initiative | None = None,
    **source: Any,
) -> Transaction:
    """Write one verification: checked, numbered, its legs inserted, then closed (the database checks again)."""
    check_legs(legs)
    check_booking_date(book, booked_on)
    check_limits(book.fund, legs, booked_on)
    number = book.next_number
    FundLedger.objects.filter(pk=book.pk).update(next_number=number + 1)
    book.next_number = number + 1
    posted = Transaction.objects.create(
        fund=book.fund,
        number=number,
        kind=kind,
        booked_on=booked_on,
        text=text[:300],
        initiative=initiative,
        created_by=user,
        **source,
    )
    Entry.objects.bulk_create(
        [Entry(transaction=posted, account=leg.account, amount_ore=to_ore(leg.amount)) for leg in legs]
    )
    Transaction.objects.filter(pk=posted.pk)._unsafe_update(closed=True)
    posted.closed = True
    audit_record(
        actor=user,
        action=f"ledger_{kind}",
        target=posted,
        initiative=initiative,
        message=f"Verifikation {number} {booked_on.isoformat()}: {posted.text}",
        data={"number": number, "legs": [[leg.account.key, str(sek(leg.amount))] for leg in legs]},
    )
    return posted
