"""The read replica: reports' reads go to it when DATABASE_REPLICA_URL is set, writes and migrations never."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import router
from django.test import Client
from django.urls import reverse

from socialfund import replica
from socialfund.cases.models import Initiative
from socialfund.replica import REPLICA, ReplicaRouter, reading_from_replica


@pytest.fixture
def with_replica(monkeypatch):
    """DATABASE_REPLICA_URL set: the router sees a `replica` entry (no query is run against it here)."""
    monkeypatch.setitem(settings.DATABASES, REPLICA, {**settings.DATABASES["default"]})


class _FromReplica:
    """An instance as Django marks one read from the replica."""

    class _state:  # noqa: N801 - Django's attribute name
        db = REPLICA


def test_without_a_replica_every_read_goes_to_default():
    with reading_from_replica():
        assert router.db_for_read(Initiative) == "default"


def test_with_a_replica_only_reports_reads_go_to_it(with_replica):
    assert router.db_for_read(Initiative) == "default"
    with reading_from_replica():
        assert router.db_for_read(Initiative) == REPLICA
    assert router.db_for_read(Initiative) == "default"


def test_writes_never_go_to_the_replica_even_for_an_object_read_from_it(with_replica):
    with reading_from_replica():
        assert router.db_for_write(Initiative) == "default"
        assert router.db_for_write(Initiative, instance=_FromReplica()) == "default"
    assert router.db_for_write(Initiative, instance=_FromReplica()) == "default"


def test_an_object_from_the_replica_may_be_related_to_one_from_default():
    class FromDefault:
        class _state:  # noqa: N801
            db = "default"

    assert ReplicaRouter().allow_relation(_FromReplica(), FromDefault()) is True


def test_migrations_never_run_on_the_replica():
    assert ReplicaRouter().allow_migrate(REPLICA, "cases") is False
    assert ReplicaRouter().allow_migrate("default", "cases") is None


def test_the_block_ends_also_on_an_error():
    with pytest.raises(RuntimeError), reading_from_replica():
        raise RuntimeError
    assert not replica.in_report_read()


def _settings_databases(env: dict[str, str]) -> dict[str, Any]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE") and k != "DJANGO_SETTINGS_MODULE"}
    clean.update({"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u@primary:5432/x", **env})
    code = (
        "import json, socialfund.settings as s; "
        "print(json.dumps({'databases': s.DATABASES, 'routers': s.DATABASE_ROUTERS}, default=str))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_the_replica_is_a_database_only_when_its_url_is_set():
    configured = _settings_databases({"DATABASE_REPLICA_URL": "postgres://u@standby:5432/x"})
    assert sorted(configured["databases"]) == ["default", "replica"]
    assert configured["databases"]["replica"]["HOST"] == "standby"
    # A test run makes no second test database: the replica mirrors default's.
    assert configured["databases"]["replica"]["TEST"] == {"MIRROR": "default"}
    assert configured["routers"] == ["socialfund.replica.ReplicaRouter"]
    assert sorted(_settings_databases({})["databases"]) == ["default"]


@pytest.fixture
def routed(monkeypatch) -> Iterator[list[tuple[str, bool]]]:
    """Each read the router is asked about: (model, whether it ran inside a reports' read)."""
    decisions: list[tuple[str, bool]] = []

    def spy(self: ReplicaRouter, model: type[Any], **hints: Any) -> None:
        decisions.append((model._meta.label, replica.in_report_read()))

    monkeypatch.setattr(ReplicaRouter, "db_for_read", spy)
    yield decisions


def test_the_april_report_data_is_read_in_a_reports_block(demo, routed):
    import datetime as dt

    from socialfund.funds.models import Fund
    from socialfund.reports.april_data import gather

    fund = Fund.objects.get(slug="sodertalje")
    routed.clear()
    gather(fund, 2015, prepared_on=dt.date(2016, 4, 30))
    assert routed and all(inside for _model, inside in routed)


def test_open_data_and_exports_read_in_a_reports_block_and_case_pages_do_not(demo, login, routed):
    from socialfund.accounts.models import User
    from socialfund.funds.models import Fund
    from socialfund.reports.public import public_page_set

    fund = Fund.objects.get(slug="sodertalje")
    public_page_set(fund=fund, user=User.objects.get(username="admin"), enabled=True, intro="")
    routed.clear()
    assert Client().get(reverse("opendata:decisions", args=[fund.slug])).status_code == 200
    assert any(label == "cases.Decision" and inside for label, inside in routed)

    client = login("beredning")
    routed.clear()
    assert client.get("/rapporter/sodertalje/lista/initiativ.csv").status_code == 200
    assert any(label == "cases.Initiative" and inside for label, inside in routed)

    routed.clear()
    assert client.get("/arenden/").status_code == 200
    assert routed and not any(inside for _label, inside in routed)
