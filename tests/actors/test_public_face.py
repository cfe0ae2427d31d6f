"""The welcome page links the fund's public page; the fund's calls and rules are a JSON feed in the API
(issue 25, part 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.actors.public_face import next_deadline
from socialfund.core.policy.eligibility import Calls
from socialfund.reports.models import PublicPage

pytestmark = pytest.mark.django_db


def test_the_welcome_page_links_the_funds_public_page_and_the_feed(fund):
    PublicPage.objects.update_or_create(fund=fund, defaults={"enabled": True})
    page = Client().get("/").content.decode()
    assert f'href="{reverse("reports:public", args=[fund.slug])}"' in page
    assert 'href="/api/v1/public/funds"' in page
    PublicPage.objects.filter(fund=fund).update(enabled=False)
    assert reverse("reports:public", args=[fund.slug]) not in Client().get("/").content.decode()


def test_the_feed_gives_the_calls_and_rules_in_force_without_a_token(fund):
    PublicPage.objects.update_or_create(fund=fund, defaults={"enabled": True})
    response = Client().get("/api/v1/public/funds/sodertalje")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    feed = response.json()
    assert feed["fund"]["name"] == fund.name and feed["fund"]["idea_form"].endswith("/ide/")
    assert feed["fund"]["public_page"].endswith(reverse("reports:public", args=[fund.slug]))
    from socialfund.cases.workflow import policy_for_fund

    policy = policy_for_fund(fund)
    assert feed["guidelines"]["id"] == policy.id
    assert [rule["id"] for rule in feed["rules"]] == [rule.id for rule in policy.rules]
    assert all(rule["clause"] for rule in feed["rules"])
    # Södertälje's guidelines name no calls; the feed says so and why, rather than inventing one.
    assert feed["calls"] is None and "löpande" in feed["calls_unset_reason"]
    assert [f["fund"]["slug"] for f in Client().get("/api/v1/public/funds").json()] == ["sodertalje"]


def test_an_unpublished_fund_has_no_feed(fund):
    PublicPage.objects.filter(fund=fund).update(enabled=False)
    assert Client().get("/api/v1/public/funds/sodertalje").status_code == 404
    assert Client().get("/api/v1/public/funds").json() == []


def test_the_feed_is_documented_in_the_openapi(db):
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/public/funds/{slug}"]["get"]
    assert "security" not in operation or operation["security"] in ([], [{}])
    assert "CallsFeedOut" in schema["components"]["schemas"]
    assert "next_deadline" in schema["components"]["schemas"]["CallsOut"]["properties"]


@pytest.mark.parametrize(
    ("calls", "on", "expected"),
    [
        (Calls(mode="rolling"), dt.date(2026, 12, 7), None),
        (Calls(mode="yearly_deadline", yearly_deadline="03-31"), dt.date(2026, 12, 7), dt.date(2027, 3, 31)),
        (Calls(mode="yearly_deadline", yearly_deadline="03-31"), dt.date(2026, 3, 31), dt.date(2026, 3, 31)),
        (
            Calls(mode="monthly_batch", monthly_cutoff_day=15, closed_months=(7,)),
            dt.date(2026, 6, 20),
            dt.date(2026, 8, 15),
        ),
        (Calls(mode="monthly_batch", monthly_cutoff_day=31), dt.date(2026, 2, 3), dt.date(2026, 2, 28)),
        (
            Calls(mode="fixed_deadlines", deadlines=(dt.date(2026, 4, 15), dt.date(2026, 10, 15))),
            dt.date(2026, 5, 1),
            dt.date(2026, 10, 15),
        ),
    ],
)
def test_the_next_deadline_follows_the_calls_mode(calls, on, expected):
    assert next_deadline(calls, on) == expected
