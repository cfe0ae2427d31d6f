"""Fixtures for follow-up: demo users, a granted project walked through the real workflow (Södertälje's 2015
guidelines: progress report in April), and Kolada on recorded answers. No test reaches the network."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.cache import cache

from socialfund.accounts.models import User
from socialfund.cases.models import Initiative
from socialfund.core import kolada
from socialfund.followup import services
from socialfund.followup.models import Project
from socialfund.funds.models import Fund
from tests.cases.conftest import grant_through_workflow

FIXTURES = Path(__file__).parent / "fixtures" / "kolada"
BASE = "https://api.kolada.se/v2"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """The default getter fails the test: every Kolada answer must come from a fixture."""

    def refuse(url: str, **kwargs: object) -> bytes:
        raise AssertionError(f"Ett test försökte nå nätet: {url}")

    monkeypatch.setattr(kolada, "urllib_getter", refuse)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Kolada's answers are cached by URL in Django's cache; no test sees another's."""
    cache.clear()
    yield
    cache.clear()


class RecordedKolada:
    """A getter that answers from the fixture files: {url: file name}; any other URL is a 404."""

    def __init__(self, routes: dict[str, str]) -> None:
        self.routes = routes
        self.calls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        name = self.routes.get(url)
        if name is None:
            raise kolada.HttpStatusError(404, url)
        return (FIXTURES / name).read_bytes()


N15428_URL = f"{BASE}/data/kpi/N15428/municipality/0181"
N15428_KPI_URL = f"{BASE}/kpi/N15428"
N15428_ROUTES = {
    N15428_KPI_URL: "kpi-N15428.json",
    N15428_URL: "N15428-0181-page1.json",
    f"{N15428_URL}?page=2&per_page=2": "N15428-0181-page2.json",
}


@pytest.fixture
def recorded() -> Callable[[dict[str, str]], RecordedKolada]:
    return RecordedKolada


def fixture_json(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


# -- the project -------------------------------------------------------------------------------------------


@pytest.fixture
def users(demo) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def fund(demo) -> Fund:
    """The demo fund as if kommunfullmäktige had adopted the 2015 proposal on 2016-01-01: the follow-up tests
    exercise its yearly April report. (The demo itself records no adoption: the 2013 guidelines stay in force.)"""
    fund = Fund.objects.get(slug="sodertalje")
    adopt_2015_proposal(fund)
    return fund


def adopt_2015_proposal(fund: Fund, on: dt.date = dt.date(2016, 1, 1)) -> None:
    fund.policy_versions.filter(policy_id="sodertalje-2015").update(adopted_on=on)


def grant(
    users: dict[str, User], fund: Fund, *, title: str = "Mobilt team skola 2", content: dict | None = None
) -> Initiative:
    """A project granted through the real workflow; the tests start its follow-up themselves."""
    return grant_through_workflow(users, fund, title=title, content=content, start_project=False)


@pytest.fixture
def granted(users, fund) -> Initiative:
    return grant(users, fund)


@pytest.fixture
def project(users, granted) -> Project:
    return services.project_start(initiative=granted, user=users["registrator"])
