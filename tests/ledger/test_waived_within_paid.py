"""Nothing is waived that was not paid out (issue 20).

A special review (särskild prövning) waived the whole planned duty of a project that had been paid only part
of its grant, so the books showed more written off than the project ever received. A board's duty is to
repay what was paid out; a waiver writes off at most what was paid out less what already came back.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from socialfund.ledger import selectors, services
from socialfund.ledger.errors import LedgerLimitError
from socialfund.ledger.models import Waiver
from tests.ledger.conftest import board, books_snapshot

pytestmark = pytest.mark.django_db

PLAN = {2018: {"SN": Decimal("500000")}, 2019: {"SN": Decimal("500000")}}


@pytest.fixture
def planned(project_factory, finance):
    initiative, decision = project_factory("Skolnärvaro", {2016: "1000000"}, lead="SN")
    services.grant_decide(decision=decision, user=finance)
    services.repayment_plan_adopt(initiative=initiative, user=finance, adopted_on=dt.date(2016, 2, 1), plan=PLAN)
    return initiative


def _waive(initiative, registrar, ks):
    return services.waiver_decide(
        initiative=initiative,
        user=registrar,
        body=ks,
        decided_on=dt.date(2019, 3, 1),
        paragraph="§ 9",
        motivation="Inga effekter.",
        evaluation="Utvärdering 2019.",
        method_followed=True,
        effects="none",
    )


def test_a_waiver_writes_off_no_more_than_was_paid_out_less_what_came_back(planned, finance, registrar, ks):
    services.payout_register(initiative=planned, user=finance, amount=Decimal(300000), paid_on=dt.date(2016, 3, 1))
    services.repayment_register(
        initiative=planned, board=board("SN"), user=finance, amount=Decimal(100000), received_on=dt.date(2018, 5, 2)
    )
    _waive(planned, registrar, ks)
    waiver = Waiver.objects.get(initiative=planned)
    assert waiver.amount == Decimal(200000)
    assert selectors.repayable(planned) == 0
    paid = selectors.paid_out(planned)
    assert paid == Decimal(300000)


def test_a_waiver_for_a_project_with_nothing_paid_out_is_refused(planned, registrar, ks):
    before = books_snapshot()
    with pytest.raises(LedgerLimitError) as refused:
        _waive(planned, registrar, ks)
    assert "inget utbetalt att efterge" in refused.value.message
    assert books_snapshot() == before
