"""Corrections and closing: a reversing transaction linked to what it corrects; a closed period stays closed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.audit.services import audit_record
from socialfund.funds.models import Fund
from socialfund.ledger import selectors
from socialfund.ledger.codes import AccountKind, TransactionKind
from socialfund.ledger.errors import LedgerStateError, LedgerValidationError
from socialfund.ledger.models import FundLedger, Transaction
from socialfund.ledger.posting import Leg, fund_books, post, require_finance


def transaction_reverse(
    *, transaction: Transaction, user: User, booked_on: dt.date | None = None, text: str = ""
) -> Transaction:
    """Book the exact opposite of a transaction, linked to it; each transaction is reversed at most once.

    The limits hold for corrections too: a grant already paid out, or a plan already
    repaid, cannot be reversed until what builds on it is.
    """
    with fund_books(transaction.fund) as book:
        require_finance(user, transaction.fund)
        original = Transaction.objects.booked().select_related("initiative").get(pk=transaction.pk)
        if original.kind == TransactionKind.REVERSAL:
            raise LedgerStateError(_("En rättelse rättas inte; bokför händelsen på nytt i stället."))
        correction = Transaction.objects.filter(reverses=original).first()
        if correction is not None:
            raise LedgerStateError(
                _("Verifikation %(number)s är redan rättad (verifikation %(correction)s).")
                % {"number": original.number, "correction": correction.number}
            )
        booked_on = booked_on or timezone.localdate()
        if booked_on < original.booked_on:
            raise LedgerValidationError(
                _("En rättelse kan inte dateras före verifikationen den rättar."), field="booked_on"
            )
        if original.kind == TransactionKind.GRANT and original.initiative is not None:
            plan = selectors.active_transaction(original.initiative, TransactionKind.REPAYMENT_PLAN)
            if plan is not None:
                raise LedgerStateError(
                    _("Rätta först återföringsplanen (verifikation %(number)s); den bygger på beviljandet.")
                    % {"number": plan.number}
                )
        if original.kind == TransactionKind.PAYOUT and original.initiative is not None:
            _check_payout_reversible(original)
        legs = [Leg(entry.account, -entry.amount) for entry in original.entries.select_related("account")]
        return post(
            book=book,
            kind=TransactionKind.REVERSAL,
            booked_on=booked_on,
            text=text.strip() or f"Rättelse av verifikation {original.number}: {original.text}",
            user=user,
            legs=legs,
            initiative=original.initiative,
            reverses=original,
        )


def _check_payout_reversible(payout: Transaction) -> None:
    """A payout is not taken back while more has come back than would then have been paid out."""
    assert payout.initiative is not None
    amount = sum((e.amount for e in payout.entries.all() if e.account.kind == AccountKind.PAID_OUT), Decimal(0))
    if selectors.repayable(payout.initiative) < amount:
        raise LedgerStateError(
            _(
                "Verifikation %(number)s kan inte rättas: mer har återförts eller efterskänkts än vad som då "
                "skulle vara utbetalt. Rätta först återföringarna."
            )
            % {"number": payout.number}
        )


def period_close(*, fund: Fund, user: User, through: dt.date) -> FundLedger:
    """Close the books through a date (bokslut): nothing more is booked on or before it, ever."""
    if through >= timezone.localdate():
        raise LedgerValidationError(_("Bara en period som redan är slut kan stängas."), field="through")
    with fund_books(fund) as book:
        require_finance(user, fund)
        if book.closed_through is not None and through <= book.closed_through:
            raise LedgerStateError(
                _("Perioden är redan stängd till och med %(date)s; en stängd period öppnas inte igen.")
                % {"date": book.closed_through.isoformat()}
            )
        before = book.closed_through.isoformat() if book.closed_through else ""
        FundLedger.objects.filter(pk=book.pk).update(closed_through=through)
        book.closed_through = through
        audit_record(
            actor=user,
            action="ledger_period_close",
            target=book,
            from_state=before,
            to_state=through.isoformat(),
            message=f"Bokföringen stängd till och med {through.isoformat()}.",
        )
        return book
