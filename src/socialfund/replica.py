"""Reports read from a read replica when one is configured; everything else, and every write, uses `default`.

`DATABASE_REPLICA_URL` (settings) adds a database named `replica`: a streaming copy of the primary. The April
report, the exports and the open data read many rows and write none, so code that builds them runs inside
`reading_from_replica()` (or a function decorated with `reads_from_replica`), and the router sends its reads
there. Outside that block, and whenever no replica is configured, reads go to `default` as before. A write is
always sent to `default`, also for an object that was read from the replica.

Why a block and not a per-query `.using("replica")`: the report code reads through selectors and sources
shared with the pages; the block routes them all without threading a database name through every layer.
Only read-only work belongs in it: a replica lags the primary by a moment, so code that writes and then reads
its own write must not run inside it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"

_reading_reports: ContextVar[bool] = ContextVar("socialfund_reading_reports", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def in_report_read() -> bool:
    """True inside `reading_from_replica()`, whether or not a replica is configured."""
    return _reading_reports.get()


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Reads inside this block go to the replica when there is one (a context variable: per thread and task)."""
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


def reads_from_replica[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    """The whole call, and the querysets it evaluates before returning, read from the replica."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with reading_from_replica():
            return function(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """DATABASE_ROUTERS' only entry: reports' reads to the replica, writes and migrations to `default`."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if _reading_reports.get() and replica_configured():
            return REPLICA
        # None: Django's own choice, i.e. the database the related instance came from, else `default`.
        return None

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        # Never the replica, even for an object read from it (Django would otherwise write where it read).
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the same rows as `default`: an object read from one may point to one from the other.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        # The replica copies the primary's schema by replication; `migrate --database replica` does nothing.
        return False if db == REPLICA else None
