"""The ledger's messages built in Python follow the user's language: Swedish by default, English when chosen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from socialfund.ledger import services
from socialfund.ledger.errors import LedgerValidationError
from tests.ledger.conftest import board

pytestmark = pytest.mark.django_db

CLOSE_OPEN_PERIOD = "Bara en period som redan är slut kan stängas."


def test_a_refused_booking_explains_itself_in_english(fund, finance):
    with pytest.raises(LedgerValidationError) as swedish:
        services.period_close(fund=fund, user=finance, through=timezone.localdate())
    assert swedish.value.message == CLOSE_OPEN_PERIOD

    with translation.override("en"), pytest.raises(LedgerValidationError) as english:
        services.period_close(fund=fund, user=finance, through=timezone.localdate())
    assert isinstance(english.value.message, str)  # a plain string, as the views and the follow-up bridge expect
    assert english.value.message != CLOSE_OPEN_PERIOD
    assert "period" in english.value.message.lower()
    assert english.value.field == "through"


def test_the_books_stay_swedish_when_finance_reads_english(fund, finance, project_factory):
    initiative, decision = project_factory("Familjecentraler", {2016: "900000"}, content={})
    with translation.override("en"):
        services.grant_decide(decision=decision, user=finance, acknowledge_warnings=True)
        services.payout_register(
            initiative=initiative, user=finance, amount=Decimal(900000), paid_on=dt.date(2016, 3, 1)
        )
        services.repayment_plan_adopt(
            initiative=initiative,
            user=finance,
            adopted_on=dt.date(2016, 2, 1),
            plan={2018: {"UN": Decimal(900000)}},
        )
        repayment = services.repayment_register(
            initiative=initiative,
            board=board("UN"),
            user=finance,
            amount=Decimal(1000),
            received_on=dt.date(2018, 6, 1),
        )
    assert repayment.text.startswith("Inbetalning UN, Familjecentraler:")
