"""A repayment plan cannot name a board that has ended (issue 20).

After a succession (Socialnämnden ended, Omsorgsnämnden took over its duties) finance could still adopt a plan
that had the ended board repay, years after it ceased to exist. The plan is refused at its field, in Swedish,
naming the successor that took over.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.ledger import services
from socialfund.ledger.errors import LedgerValidationError
from tests.ledger.conftest import board, books_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(project_factory, finance):
    initiative, decision = project_factory("Skolnärvaro", {2016: "1000000"}, lead="UN")
    services.grant_decide(decision=decision, user=finance)
    return initiative


@pytest.fixture
def sn_ended(registrar, ks):
    services.board_succession_decide(
        board=board("SN"),
        user=registrar,
        effective_on=dt.date(2017, 1, 1),
        successor=board("OMS"),
        body=ks,
        decided_on=dt.date(2016, 12, 1),
        paragraph="§ 3",
        motivation="Ansvaret för försörjningsstödet flyttas.",
    )


def test_a_plan_naming_an_ended_board_is_refused_and_points_to_its_successor(granted, finance, sn_ended):
    before = books_snapshot()
    with pytest.raises(LedgerValidationError) as refused:
        services.repayment_plan_adopt(
            initiative=granted,
            user=finance,
            adopted_on=dt.date(2017, 2, 1),
            plan={2018: {"SN": Decimal("500000")}, 2019: {"UN": Decimal("500000")}},
        )
    assert refused.value.field == "plan"
    assert refused.value.message == (
        "Socialnämnden upphörde 2016-12-31 och kan inte återföra; Omsorgsnämnden har tagit över. "
        "Ange Omsorgsnämnden i planen i stället."
    )
    assert books_snapshot() == before
    services.repayment_plan_adopt(
        initiative=granted,
        user=finance,
        adopted_on=dt.date(2017, 2, 1),
        plan={2018: {"OMS": Decimal("500000")}, 2019: {"UN": Decimal("500000")}},
    )


def test_the_plan_form_says_so_at_the_plan(granted, users, fund, sn_ended):
    client = Client()
    client.force_login(users["ekonomi"])
    response = client.post(
        reverse("ledger:book", args=[fund.slug, "plan"]),
        {
            "initiative": granted.pk,
            "basis": "agreed",
            "plan": "2018 SN 500 000\n2019 UN 500 000",
            "adopted_on": "2017-02-01",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["plan"] == [
        "Socialnämnden upphörde 2016-12-31 och kan inte återföra; Omsorgsnämnden har tagit över. "
        "Ange Omsorgsnämnden i planen i stället."
    ]
