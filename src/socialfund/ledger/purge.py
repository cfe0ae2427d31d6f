"""Removing a fund's books entirely: only for the demo's reset, never for real books.

The books refuse deletes (models; on PostgreSQL also triggers). A purge says so openly: it
runs in its own transaction with `socialfund.ledger_purge` set for that transaction only,
and removes the books' audit events with them, as the demo's reset does for its cases.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import QuerySet

from socialfund.audit.models import AuditEvent
from socialfund.funds.models import Fund
from socialfund.ledger.models import (
    Account,
    BoardSuccession,
    CapitalDecision,
    Entry,
    FundLedger,
    HandedOver,
    Handover,
    PayoutInstalment,
    PayoutOrder,
    Repayment,
    RepaymentPlan,
    Transaction,
    Waiver,
)
from socialfund.organisation.models import Board


def ledger_purge(funds: QuerySet[Fund]) -> None:
    db = Transaction.objects.db
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL socialfund.ledger_purge = 'on'")
        transactions = Transaction.objects.filter(fund__in=funds)
        books = FundLedger.objects.filter(fund__in=funds)
        AuditEvent.objects.filter(
            target_type="ledger.transaction",
            target_id__in=[str(pk) for pk in transactions.values_list("pk", flat=True)],
        )._raw_delete(db)
        AuditEvent.objects.filter(
            target_type="ledger.fundledger", target_id__in=[str(pk) for pk in books.values_list("pk", flat=True)]
        )._raw_delete(db)
        handovers = Handover.objects.filter(fund__in=funds)
        AuditEvent.objects.filter(
            target_type="ledger.handover", target_id__in=[str(pk) for pk in handovers.values_list("pk", flat=True)]
        )._raw_delete(db)
        HandedOver.objects.filter(handover__fund__in=funds)._raw_delete(db)
        handovers._raw_delete(db)
        PayoutInstalment.objects.filter(grant__fund__in=funds)._raw_delete(db)
        Entry.objects.filter(transaction__fund__in=funds)._raw_delete(db)
        successions = list(transactions.filter(succession__isnull=False).values_list("succession_id", flat=True))
        transactions._raw_delete(db)
        organisations = funds.values("organisation_id")
        BoardSuccession.objects.filter(pk__in=successions)._raw_delete(db)
        BoardSuccession.objects.filter(board__organisation_id__in=organisations)._raw_delete(db)
        # A board's successor is set by a succession decision; without the decision the link goes too.
        Board.objects.filter(organisation_id__in=organisations).update(successor=None, valid_until=None)
        CapitalDecision.objects.filter(fund__in=funds)._raw_delete(db)
        PayoutOrder.objects.filter(fund__in=funds)._raw_delete(db)
        Repayment.objects.filter(fund__in=funds)._raw_delete(db)
        RepaymentPlan.objects.filter(initiative__fund__in=funds)._raw_delete(db)
        Waiver.objects.filter(initiative__fund__in=funds)._raw_delete(db)
        Account.objects.filter(fund__in=funds)._raw_delete(db)
        books._raw_delete(db)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL socialfund.ledger_purge = 'off'")
