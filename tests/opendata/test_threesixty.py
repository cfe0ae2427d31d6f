"""The grants file validates against the 360Giving 1.4.3 package and grant schemas (shipped, CC BY 4.0)."""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client
from django.urls import reverse

from socialfund.opendata.threesixty import grants_package
from tests.opendata.schemas import errors, giving_validator

BASE = "https://fond.example.se/offentlig/sodertalje/"


def test_the_demo_grants_validate(fund, followed):
    package = grants_package(fund, base_url=BASE, today=dt.date(2026, 12, 7))
    assert errors(giving_validator(), package) == []
    (grant,) = [g for g in package["grants"] if g["title"] == "Familjecentraler"]
    assert grant["amountAwarded"] == 1800000.0 and grant["amountDisbursed"] == 900000.0
    assert grant["awardDate"] == "2016-01-25" and grant["currency"] == "SEK"
    assert grant["id"].startswith("360G-socialfund-sodertalje-")
    assert grant["disbursementTransaction"][0]["value"] == 900000.0


def test_a_broken_grant_fails(fund, followed):
    package = grants_package(fund, base_url=BASE, today=dt.date(2026, 12, 7))
    broken = json.loads(json.dumps(package))
    del broken["grants"][0]["recipientOrganization"]
    broken["grants"][0]["awardDate"] = "25/01/2016"
    found = errors(giving_validator(), broken)
    assert found  # a grant without recipient and with a non-ISO date is not 360Giving


def test_served_at_its_public_url_without_people(fund, followed, users):
    from socialfund.reports.public import public_page_set

    public_page_set(fund=fund, user=users["admin"], enabled=True, intro="")
    response = Client().get(reverse("opendata:grants", args=[fund.slug]))
    assert response.status_code == 200
    body = response.json()
    assert errors(giving_validator(), body) == []
    text = json.dumps(body, ensure_ascii=False)
    for initiative in fund.initiatives.all():
        if initiative.initiator_type == "sole_trader":
            assert initiative.initiator_name not in text
        if initiative.contact_name:
            assert initiative.contact_name not in text


def test_the_public_page_links_every_dataset(fund, followed, users):
    from socialfund.reports.public import public_page_set

    public_page_set(fund=fund, user=users["admin"], enabled=True, intro="")
    html = Client().get(reverse("reports:public", args=[fund.slug])).content.decode()
    for name in ("opendata:decisions", "opendata:grants", "opendata:indigo"):
        assert reverse(name, args=[fund.slug]) in html
    assert reverse("opendata:catalogue", args=[fund.slug, "ttl"]) in html
