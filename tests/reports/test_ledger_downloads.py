"""The reports page offers finance the fund's books per year, as SIE 4 and Excel (the ledger page's export)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.accounts.models import User

pytestmark = pytest.mark.django_db


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_finance_downloads_a_years_books_from_the_reports_page(granted):
    html = client_for("ekonomi").get(reverse("reports:index")).content.decode()
    assert "Bokföringen per år" in html
    link = reverse("ledger:export", args=["sodertalje"]) + "?fran=2016-01-01&amp;till=2016-12-31"
    assert link in html and link + "&amp;format=xlsx" in html
    response = client_for("ekonomi").get(link.replace("&amp;", "&"))
    assert response.status_code == 200
    lines = response.content.decode("cp437").splitlines()
    assert "#SIETYP 4" in lines and "#RAR 0 20160101 20161231" in lines
    assert any(line.startswith("#VER") for line in lines)  # the grant and the payout of 2016


def test_others_see_no_ledger_downloads(granted):
    for username in ("lasare", "beredning", "registrator"):
        html = client_for(username).get(reverse("reports:index")).content.decode()
        assert "Bokföringen per år" not in html
        assert reverse("ledger:export", args=["sodertalje"]) not in html
