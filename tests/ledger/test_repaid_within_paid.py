"""Nothing comes back that was not paid out (issue 20).

A repayment of 100 000 kr from SN was accepted for a project with 0 kr paid out, and "Medel i fonden" then
read 24 100 000 kr, more than the capital. A board repays out of savings a paid-out project made.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.ledger import services
from socialfund.ledger.errors import LedgerLimitError
from socialfund.ledger.position import fund_position
from tests.ledger.conftest import board, books_snapshot

pytestmark = pytest.mark.django_db

PLAN = {2018: {"SN": Decimal("500000")}, 2019: {"SN": Decimal("500000")}}


@pytest.fixture
def planned(project_factory, finance):
    initiative, decision = project_factory("Skolnärvaro", {2016: "1000000"}, lead="SN")
    services.grant_decide(decision=decision, user=finance)
    services.repayment_plan_adopt(initiative=initiative, user=finance, adopted_on=dt.date(2016, 2, 1), plan=PLAN)
    return initiative


def test_a_repayment_for_a_project_with_nothing_paid_out_is_refused(planned, finance, fund):
    before = books_snapshot()
    with pytest.raises(LedgerLimitError) as refused:
        services.repayment_register(
            initiative=planned, board=board("SN"), user=finance, amount=Decimal(100000), received_on=dt.date(2018, 5, 2)
        )
    assert refused.value.field == "amount"
    assert "har fått 0,00\xa0kr utbetalt" in refused.value.message
    assert books_snapshot() == before
    position = fund_position(fund, dt.date(2026, 1, 1))
    assert position.cash <= position.capital


def test_repayments_stop_at_what_was_paid_out_less_what_came_back(planned, finance):
    services.payout_register(initiative=planned, user=finance, amount=Decimal(300000), paid_on=dt.date(2016, 3, 1))
    services.repayment_register(
        initiative=planned, board=board("SN"), user=finance, amount=Decimal(200000), received_on=dt.date(2018, 5, 2)
    )
    with pytest.raises(LedgerLimitError, match="högst 100\xa0000,00\xa0kr återföras"):
        services.repayment_register(
            initiative=planned, board=board("SN"), user=finance, amount=Decimal(100001), received_on=dt.date(2018, 6, 1)
        )
    services.repayment_register(
        initiative=planned, board=board("SN"), user=finance, amount=Decimal(100000), received_on=dt.date(2018, 6, 1)
    )


def test_a_back_dated_repayment_is_held_against_what_was_paid_out_on_its_date(planned, finance):
    services.payout_register(
        initiative=planned, user=finance, amount=Decimal(300000), paid_on=dt.date(2018, 3, 1), year=2016
    )
    with pytest.raises(LedgerLimitError, match="har fått 0,00\xa0kr utbetalt"):
        services.repayment_register(
            initiative=planned, board=board("SN"), user=finance, amount=Decimal(1000), received_on=dt.date(2017, 12, 1)
        )


def test_the_form_says_so_at_the_amount(planned, users, fund):
    client = Client()
    client.force_login(users["ekonomi"])
    response = client.post(
        reverse("ledger:book", args=[fund.slug, "aterforing"]),
        {"initiative": planned.pk, "board": board("SN").pk, "amount": "100 000", "received_on": "2018-05-02"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["amount"] == [
        "Skolnärvaro har fått 0,00\xa0kr utbetalt; efter det som redan återförts eller efterskänkts kan "
        "högst 0,00\xa0kr återföras, inte 100\xa0000,00\xa0kr."
    ]
