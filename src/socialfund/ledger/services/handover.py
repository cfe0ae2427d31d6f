"""The hand-over to the municipality's ledger: a period's payouts, repayments and waivers as SIE 4i.

The fund system is a pre-system (försystem): the municipality's ledger imports what it
hands over. Each verification goes over once: what a hand-over carried is recorded
(`HandedOver`, one-to-one with the verification) in the same transaction as the file,
under the fund's books lock, so a second hand-over of the same period carries only
what has been booked since.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db.models import Max, Q
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.audit.services import audit_record
from socialfund.core import sie
from socialfund.funds.models import Fund
from socialfund.ledger.codes import TransactionKind
from socialfund.ledger.errors import LedgerStateError, LedgerValidationError
from socialfund.ledger.export import Period, build_sie, fund_account_map
from socialfund.ledger.models import HandedOver, Handover, Transaction
from socialfund.ledger.posting import fund_books, require_finance

# What the municipality's ledger books: money out and back, and duties written off.
# Grants and repayment plans are the fund's own commitments and memoranda; capital is
# fullmäktige's decision, booked in the municipality's ledger when it is taken.
HANDED_OVER_KINDS = (
    TransactionKind.PAYOUT,
    TransactionKind.REPAYMENT,
    TransactionKind.FRAME_REDUCTION,
    TransactionKind.WAIVER,
    TransactionKind.DUTY_LAPSE,
)


def handover_pending(fund: Fund, period: Period) -> list[Transaction]:
    """The period's verifications of the handed-over kinds (and corrections of them) not yet handed over."""
    kinds = [str(kind) for kind in HANDED_OVER_KINDS]
    return list(
        Transaction.objects.booked()
        .filter(fund=fund, booked_on__gte=period.start, booked_on__lte=period.end, handed_over__isnull=True)
        .filter(Q(kind__in=kinds) | Q(kind=TransactionKind.REVERSAL, reverses__kind__in=kinds))
        .select_related("created_by", "reverses")
        .prefetch_related("entries__account__board", "entries__account__initiative")
        .order_by("number")
    )


def handover_create(*, fund: Fund, user: User, start: dt.date, end: dt.date) -> Handover:
    """Write the period's SIE 4i file of what has not been handed over, and record that it has."""
    if end < start:
        raise LedgerValidationError(_("Periodens slut ligger före dess början."), field="end")
    period = Period(start, end)
    with fund_books(fund):
        require_finance(user, fund)
        pending = handover_pending(fund, period)
        if not pending:
            raise LedgerStateError(
                _("Det finns inget att lämna över för %(start)s–%(end)s: allt är redan överlämnat.")
                % {"start": start.isoformat(), "end": end.isoformat()}
            )
        content = build_sie(fund, period, fund_account_map(fund), import_file=True, transactions=pending)
        try:
            data = sie.encode_sie4(content)
        except sie.SieError as exc:
            raise LedgerStateError(_("Filen kan inte skrivas: %(error)s") % {"error": exc}) from exc
        number = (Handover.objects.filter(fund=fund).aggregate(last=Max("number"))["last"] or 0) + 1
        handover = Handover.objects.create(
            fund=fund,
            number=number,
            period_start=start,
            period_end=end,
            filename=f"{fund.slug}-overlamning-{number}-{start.isoformat()}-{end.isoformat()}.{sie.file_suffix(content)}",
            content=data,
            sha256=hashlib.sha256(data).hexdigest(),
            voucher_count=len(pending),
            created_by=user,
        )
        HandedOver.objects.bulk_create([HandedOver(handover=handover, transaction=txn) for txn in pending])
        audit_record(
            actor=user,
            action="ledger_handover",
            target=handover,
            to_state=str(number),
            message=(
                f"Överlämning {number} till kommunens redovisning (SIE 4i), {start.isoformat()}–{end.isoformat()}: "
                f"{len(pending)} verifikationer ({', '.join(str(t.number) for t in pending)})."
            ),
            data={"transactions": [t.number for t in pending], "sha256": handover.sha256},
        )
        return handover
