"""Health checks for the load balancer: `/health/live` (the process answers) and `/health/ready` (it can serve).

Both are answered by a middleware near the top of MIDDLEWARE, before the HTTPS redirect, the session, the login
and the login throttling run: a probe every few seconds from each balancer must not write sessions or axes
rows, must not be redirected to HTTPS (balancers often probe the backend over plain HTTP) and must not be
refused because it addresses the process by its IP address (ALLOWED_HOSTS is never consulted here). The
answers are JSON, need no login and hold no personal data, no host names and no error texts: those go to the
log.

- live: 200 as long as the process runs its Python; it touches no database, so a database outage does not
  make the balancer restart healthy processes.
- ready: 200 when the database answers a `SELECT 1`, every migration of this version is applied, the cache
  answers (when one outside the process is configured) and the file storage takes a write; 503 otherwise,
  with the failing check and its reason in Swedish and English. A configured read replica is checked and
  reported, but does not make the process unready: pages, the API and all writes need only the primary.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse

from socialfund.replica import REPLICA, replica_configured

log = logging.getLogger(__name__)

LIVE_PATH = "/health/live"
READY_PATH = "/health/ready"
PATHS = (LIVE_PATH, READY_PATH)
# A write to the storage (maybe an S3 request) at most this often per process; a failure is checked again
# at the next probe.
STORAGE_CHECK_SECONDS = 60
# Caches that live inside the process have nothing to check.
IN_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)

OK = "ok"
FAILED = "fel"
NOT_CONFIGURED = "inte konfigurerad"
NOT_CHECKED = "inte kontrollerad"


@dataclass(frozen=True)
class Outcome:
    state: str
    sv: str = ""
    en: str = ""

    @property
    def failed(self) -> bool:
        return self.state == FAILED


_migrations_applied = False
_storage_ok_until = 0.0


def reset() -> None:
    """Forget what this process remembered (the tests; a new version is a new process anyway)."""
    global _migrations_applied, _storage_ok_until
    _migrations_applied, _storage_ok_until = False, 0.0


def _database_answers(alias: str) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not ready"; what it was goes to the log, not to the balancer
        log.warning("Hälsokontroll: databasen %s svarar inte", alias, exc_info=True)
        return False
    return True


def database_check() -> Outcome:
    if _database_answers(DEFAULT_DB_ALIAS):
        return Outcome(OK)
    return Outcome(FAILED, "Databasen svarar inte.", "The database does not answer.")


def migrations_check() -> Outcome:
    """Every migration of the code this process runs is applied. Remembered once true: the code and the
    migrations on disk do not change under a running process, and reading them costs a tenth of a second."""
    global _migrations_applied
    if _migrations_applied:
        return Outcome(OK)
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        log.warning("Hälsokontroll: migreringarna kunde inte läsas", exc_info=True)
        return Outcome(FAILED, "Migreringarna kunde inte läsas.", "The migrations could not be read.")
    if pending:
        log.warning("Hälsokontroll: %d migreringar är inte körda", len(pending))
        return Outcome(
            FAILED,
            "Databasen är inte migrerad till den här versionen (kör socialfund migrate).",
            "The database is not migrated to this version (run socialfund migrate).",
        )
    _migrations_applied = True
    return Outcome(OK)


def cache_check() -> Outcome:
    if settings.CACHES["default"]["BACKEND"] in IN_PROCESS_CACHES:
        return Outcome(NOT_CONFIGURED)
    key = f"socialfund-health-{uuid.uuid4().hex}"
    try:
        cache = caches["default"]
        cache.set(key, "ok", timeout=10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
    except Exception:
        log.warning("Hälsokontroll: cachen svarar inte", exc_info=True)
        answered = False
    if answered:
        return Outcome(OK)
    return Outcome(FAILED, "Cachen svarar inte.", "The cache does not answer.")


def storage_check() -> Outcome:
    """The storage for uploads takes a small file and gives it up again."""
    global _storage_ok_until
    now = time.monotonic()
    if now < _storage_ok_until:
        return Outcome(OK)
    storage = storages["default"]
    try:
        name = storage.save(f"health/probe-{os.getpid()}-{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        storage.delete(name)
    except Exception:
        log.warning("Hälsokontroll: fillagringen tar inte emot filer", exc_info=True)
        return Outcome(FAILED, "Filerna kan inte sparas.", "Files cannot be stored.")
    _storage_ok_until = now + STORAGE_CHECK_SECONDS
    return Outcome(OK)


def replica_check() -> Outcome:
    if not replica_configured():
        return Outcome(NOT_CONFIGURED)
    if _database_answers(REPLICA):
        return Outcome(OK)
    return Outcome(
        FAILED,
        "Läskopian för rapporter svarar inte; rapporterna misslyckas tills den är tillbaka.",
        "The read replica for reports does not answer; reports fail until it is back.",
    )


def readiness() -> tuple[bool, dict[str, object]]:
    outcomes = {"database": database_check()}
    # Without the database the migrations cannot be read: saying so twice would hide the cause.
    outcomes["migrations"] = migrations_check() if not outcomes["database"].failed else Outcome(NOT_CHECKED)
    outcomes["cache"] = cache_check()
    outcomes["storage"] = storage_check()
    ready = not any(outcome.failed for outcome in outcomes.values())
    outcomes["replica"] = replica_check()
    body: dict[str, object] = {
        "status": OK if ready else "ej redo",
        "checks": {name: outcome.state for name, outcome in outcomes.items()},
    }
    reasons = [{"check": name, "sv": o.sv, "en": o.en} for name, o in outcomes.items() if o.failed]
    if reasons:
        body["reasons"] = reasons
    return ready, body


def _json(body: dict[str, object], status: int) -> HttpResponse:
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type="application/json")
    # A balancer or proxy must ask again every time.
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers the two health paths itself; every other request goes on down the chain."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info not in PATHS:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = _json({"status": "metoden tillåts inte"}, 405)
            response["Allow"] = "GET, HEAD"
            return response
        if request.path_info == LIVE_PATH:
            return _json({"status": OK}, 200)
        ready, body = readiness()
        return _json(body, 200 if ready else 503)
