"""Twenty payouts at once against a commitment that covers ten: exactly ten are booked, nothing is overdrawn.

Each thread has its own database connection. On PostgreSQL the payouts queue on the fund's
books row (a row lock taken by each posting's first statement); on SQLite, which has one
writer at a time, the ledger's writers in a process take turns. Either way every payout
sees what the one before it left.
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connections

from socialfund.accounts.models import User
from socialfund.cases.models import Initiative
from socialfund.demo.loader import demo_load
from socialfund.funds.models import Fund
from socialfund.ledger import services
from socialfund.ledger.codes import AccountKind
from socialfund.ledger.errors import LedgerLimitError
from socialfund.ledger.integrity import ledger_check
from socialfund.ledger.models import Account, PayoutOrder, Transaction
from tests.ledger.conftest import make_decision, make_project

THREADS = 20
PAYOUT = Decimal("100000")


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_payouts_against_room_for_ten():
    demo_load()
    fund = Fund.objects.get(slug="sodertalje")
    finance = User.objects.get(username="ekonomi")
    registrar = User.objects.get(username="registrator")
    initiative = make_project(fund, "Samtidiga utbetalningar")
    decision = make_decision(
        initiative, {2016: "1000000"}, decided_on=dt.date(2016, 1, 25), paragraph="§ 12", registrar=registrar
    )
    services.grant_decide(decision=decision, user=finance)
    initiative = Initiative.objects.select_related("fund", "lead_board").get(pk=initiative.pk)

    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def pay() -> None:
        try:
            barrier.wait()
            services.payout_register(initiative=initiative, user=finance, amount=PAYOUT, paid_on=dt.date(2016, 3, 1))
            outcome = "booked"
        except LedgerLimitError:
            outcome = "refused"
        except Exception as exc:  # noqa: BLE001 - any other failure is the test's finding
            outcome = repr(exc)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=pay) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["booked"] * 10 + ["refused"] * 10
    committed = Account.objects.get(kind=AccountKind.COMMITTED, initiative=initiative)
    paid = Account.objects.get(kind=AccountKind.PAID_OUT, initiative=initiative)
    assert (committed.balance, paid.balance) == (0, Decimal("1000000"))
    assert PayoutOrder.objects.filter(initiative=initiative).count() == 10
    numbers = list(Transaction.objects.filter(fund=fund).order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, 13))  # capital, grant, ten payouts: no gaps from the refused ones
    assert ledger_check() == []
