"""Issue 19: the demo's assumptions are shown on the case page, apart from the record."""

from __future__ import annotations

import pytest

from socialfund.cases.models import Initiative

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_the_demos_assumptions_apart_and_every_withdrawal_reason(demo, login):
    client = login("beredning")
    mobile = Initiative.objects.get(title="Mobilt team skola")
    html = client.get(f"/arenden/{mobile.pk}/").content.decode()
    assert "Demonstrationens antaganden" in html and "brytdag 2014-02-28" in html
    assert "Risk att inte kunna återföra medlen, Kraven på uppföljning och utvärdering" in html
    family = Initiative.objects.get(title="Familjecentraler")
    html = client.get(f"/arenden/{family.pk}/").content.decode()
    assert "kalkyl, mål, utvärderare och förankringar är demonstrationens antaganden" in html
    assert "Ansökan lämnades till kommunstyrelsen för beslut." in html  # its history is no longer empty
