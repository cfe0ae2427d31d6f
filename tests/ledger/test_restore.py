"""A backup of the books restores through the same guards: balances rebuilt by the entries, every
transaction checked again when it is closed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import serializers

from socialfund.funds.models import Fund
from socialfund.ledger import services
from socialfund.ledger.integrity import ledger_check
from socialfund.ledger.models import (
    Account,
    CapitalDecision,
    Entry,
    FundLedger,
    PayoutOrder,
    Repayment,
    RepaymentPlan,
    Transaction,
    Waiver,
)
from socialfund.ledger.purge import ledger_purge
from socialfund.ledger.restore import LedgerRestore

pytestmark = pytest.mark.django_db
ORDER = (FundLedger, Account, CapitalDecision, PayoutOrder, RepaymentPlan, Repayment, Waiver, Transaction, Entry)


def test_backup_and_restore_of_the_books(fund, finance, project_factory):
    initiative, decision = project_factory("Insats", {2016: "1000000"})
    services.grant_decide(decision=decision, user=finance)
    services.payout_register(
        initiative=initiative, user=finance, amount=Decimal("250000.50"), paid_on=dt.date(2016, 2, 1)
    )
    services.transaction_reverse(transaction=Transaction.objects.get(kind="payout"), user=finance)
    balances = dict(Account.objects.values_list("key", "balance_ore"))
    rows = serializers.serialize("python", [row for model in ORDER for row in model.objects.order_by("pk")])

    ledger_purge(Fund.objects.filter(pk=fund.pk))
    restore = LedgerRestore()
    for obj in serializers.deserialize("python", rows, handle_forward_references=True):
        restore.prepare(obj.object)
        obj.save()
    restore.finish()

    assert dict(Account.objects.values_list("key", "balance_ore")) == balances
    assert not Transaction.objects.filter(closed=False).exists()
    assert ledger_check() == []
