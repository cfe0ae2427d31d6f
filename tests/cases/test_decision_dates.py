"""A body's decision is dated by one rule wherever it is registered (a case's decision, a capital decision,
a waiver): not after today, not before the fund was decided."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from socialfund.funds.dates import decision_date_problem

pytestmark = pytest.mark.django_db


def test_a_decision_is_dated_within_the_funds_life(fund):
    today = timezone.localdate()
    assert decision_date_problem(fund, today) is None
    assert decision_date_problem(fund, fund.decided_on) is None
    assert decision_date_problem(fund, today + dt.timedelta(days=1)) == "Beslutsdatumet kan inte ligga i framtiden."
    before = decision_date_problem(fund, fund.decided_on - dt.timedelta(days=1))
    assert before == f"Datumet ligger före fondens start ({fund.decided_on.isoformat()})."


def test_without_a_fund_only_the_future_is_refused():
    assert decision_date_problem(None, dt.date(1900, 1, 1)) is None
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert decision_date_problem(None, tomorrow) == "Beslutsdatumet kan inte ligga i framtiden."
