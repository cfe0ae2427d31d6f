"""API for the fund's books and the follow-up: the same permissions and services as the web."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.followup.models import Measurement
from socialfund.funds.models import Fund

pytestmark = pytest.mark.django_db


def auth(username: str) -> dict[str, str]:
    user = User.objects.get(username=username)
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='t').plaintext}"}


def test_fund_position_for_finance_not_for_applicants(demo):
    client = Client()
    position = client.get("/api/v1/funds/sodertalje/position", **auth("ekonomi")).json()
    assert position["capital"] == "24000000.00"
    assert position["available"] == "24000000.00"
    assert position["committed"] == "0.00"
    assert client.get("/api/v1/funds/sodertalje/position", **auth("handlaggare")).status_code == 403
    assert client.get("/api/v1/funds/finns-inte/position", **auth("ekonomi")).status_code == 404
    response = client.get("/api/v1/funds/sodertalje/position?on=2016-13-01", **auth("ekonomi"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"].startswith("måste vara ett datum")


def test_board_obligations(demo):
    client = Client()
    answer = client.get("/api/v1/funds/sodertalje/boards/SN/obligations", **auth("ekonomi")).json()
    assert (answer["board"], answer["years"], answer["duties"]) == ("SN", [], [])
    assert client.get("/api/v1/funds/sodertalje/boards/XX/obligations", **auth("ekonomi")).status_code == 404


@pytest.fixture
def users(demo) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def fund(demo) -> Fund:
    fund = Fund.objects.get(slug="sodertalje")
    fund.policy_versions.exclude(policy_id="sodertalje-2013").delete()
    return fund


@pytest.fixture
def project(users, fund):
    from tests.followup.conftest import grant

    initiative = grant(users, fund)
    from socialfund.followup.services import project_start

    return project_start(initiative=initiative, user=users["registrator"])


def test_projects_and_a_measurement_through_the_follow_up_service(users, project):
    client = Client()
    listed = client.get("/api/v1/projects", **auth("lasare")).json()
    assert [p["id"] for p in listed] == [project.pk]
    indicator = listed[0]["indicators"][0]
    url = f"/api/v1/indicators/{indicator['id']}/measurements"
    bad = client.post(
        url,
        {"measured_on": "2017-03-01", "value": "0.10", "note": "Elev 20050101-1234"},
        content_type="application/json",
        **auth("handlaggare"),
    )
    assert bad.status_code == 400
    assert not Measurement.objects.exists()
    assert (
        client.post(
            url, {"measured_on": "2017-03-01", "value": "0.10"}, content_type="application/json", **auth("lasare")
        ).status_code
        == 403
    )
    created = client.post(
        url, {"measured_on": "2017-03-01", "value": "0.10"}, content_type="application/json", **auth("handlaggare")
    )
    assert created.status_code == 201, created.content
    assert created.json()["value"] in ("0.1000", "0.10", "0.1")
    assert Measurement.objects.get().measured_on == dt.date(2017, 3, 1)
    assert client.get(f"/api/v1/projects/{project.pk}", **auth("lasare")).json()["title"] == project.initiative.title
    assert Fund.objects.count() == 1
