"""/health/live and /health/ready: what the load balancer asks, answered before sessions and login throttling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import OperationalError, connections
from django.test import Client

from socialfund.operations import health


class BrokenCache(LocMemCache):
    """A shared cache (Redis, memcached) whose server is gone."""

    def set(self, *args: object, **kwargs: object) -> None:
        raise ConnectionError("cache server gone")


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    health.reset()
    yield
    health.reset()


def test_live_answers_without_touching_the_database():
    # No database access is allowed in this test: a query would fail it.
    response = Client().get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_ready_when_database_migrations_and_storage_answer(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = Client().get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "migrations": "ok",
            "cache": "inte konfigurerad",
            "storage": "ok",
            "replica": "inte konfigurerad",
        },
    }
    assert list(tmp_path.rglob("*.txt")) == [], "the probe file is removed again"


@pytest.mark.django_db
def test_not_ready_with_a_reason_in_swedish_and_english_when_the_database_is_unreachable(monkeypatch):
    def refused() -> None:
        raise OperationalError('connection to server at "db.internal" failed: Connection refused')

    monkeypatch.setattr(connections["default"], "ensure_connection", refused)
    response = Client().get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "ej redo"
    assert body["checks"]["database"] == "fel"
    assert body["checks"]["migrations"] == "inte kontrollerad"
    assert body["reasons"] == [
        {"check": "database", "sv": "Databasen svarar inte.", "en": "The database does not answer."}
    ]
    # The balancer is told what failed, not the host names or error texts behind it.
    assert "db.internal" not in response.content.decode()


@pytest.mark.django_db
def test_not_ready_while_a_migration_is_not_applied(monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("a migration", False)])
    response = Client().get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "fel"
    assert "socialfund migrate" in response.json()["reasons"][0]["sv"]


@pytest.mark.django_db
def test_not_ready_when_files_cannot_be_stored(monkeypatch):
    from django.core.files.storage import FileSystemStorage

    def full_disk(self: FileSystemStorage, name: str, content: object, max_length: int | None = None) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", full_disk)
    response = Client().get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "fel"
    assert response.json()["reasons"][0]["en"] == "Files cannot be stored."


@pytest.mark.django_db
def test_not_ready_when_a_shared_cache_is_configured_and_does_not_answer(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CACHES = {"default": {"BACKEND": "tests.operations.test_health.BrokenCache"}}
    response = Client().get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "fel"


@pytest.mark.django_db
def test_probes_by_address_over_http_are_neither_redirected_nor_refused_nor_given_a_session(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["fond.example.se"]
    response = Client().get("/health/ready", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers and not response.cookies
    # The pages themselves still are redirected (the middleware passes everything else on).
    assert Client().get("/", HTTP_HOST="fond.example.se").status_code == 301


def test_only_get_and_head():
    assert Client().post("/health/live").status_code == 405
    assert Client().head("/health/live").status_code == 200
