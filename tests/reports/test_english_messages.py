"""The reports' messages built in Python follow the user's language: Swedish by default, English when chosen."""

from __future__ import annotations

import pytest
from django.utils import translation

from socialfund.kit.refusals import PermissionRefusal
from socialfund.reports.public import public_page_set

pytestmark = pytest.mark.django_db

ONLY_ADMIN = "Bara fondens administratör kan publicera eller avpublicera den offentliga sidan."


def test_only_the_administrator_publishes_said_in_english(fund, users):
    reader = users["lasare"]
    with pytest.raises(PermissionRefusal) as swedish:
        public_page_set(fund=fund, user=reader, enabled=True, intro="")
    assert swedish.value.message == ONLY_ADMIN

    with translation.override("en"), pytest.raises(PermissionRefusal) as english:
        public_page_set(fund=fund, user=reader, enabled=True, intro="")
    assert isinstance(english.value.message, str)
    assert english.value.message != ONLY_ADMIN
    assert "administrat" in english.value.message.lower()
