"""The ledger's messages built in Python follow the user's language: Swedish by default, English when chosen."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from socialfund.ledger import services
from socialfund.ledger.errors import LedgerValidationError

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
