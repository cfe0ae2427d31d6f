"""Two requests writing at once on the default SQLite database: they take turns, neither fails.

Every request writes (the session is saved on each one), so `make run` and a small
installation on SQLite see concurrent writers whenever a page's live preview and a form
are answered at once. The race here is the one that bites: a transaction that reads, then
writes, while another writer got in between. With the settings' SQLITE_OPTIONS (BEGIN
IMMEDIATE) the second writer waits for the first; with SQLite's default (BEGIN DEFERRED)
the reading transaction is refused "database is locked" at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections, transaction

ALIAS = "two_writers"


@pytest.fixture
def file_database(tmp_path: Path, django_db_blocker) -> Iterator[str]:
    """A database alias on a new SQLite file with the options the settings give SQLite."""
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "race.sqlite3")}
    database["OPTIONS"] = dict(settings.SQLITE_OPTIONS)
    # configure_settings fills in Django's defaults; it insists on a "default" beside ours.
    configured = connections.configure_settings({"default": dict(settings.DATABASES["default"]), ALIAS: database})
    connections.settings[ALIAS] = configured[ALIAS]
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (n integer NOT NULL)")
            cursor.execute("INSERT INTO counter (n) VALUES (0)")
        yield ALIAS
        connections[ALIAS].close()
    del connections.settings[ALIAS]


def in_thread(work: Callable[[], None], errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001 - the test reports whatever a writer met
            errors.append(error)
        finally:
            connections[ALIAS].close()

    return threading.Thread(target=run)


def test_a_writer_that_read_first_and_a_second_writer_both_get_their_turn(file_database: str):
    has_read = threading.Event()
    errors: list[BaseException] = []

    def read_then_write() -> None:
        with transaction.atomic(using=file_database), connections[file_database].cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            (n,) = cursor.fetchone()
            has_read.set()
            # Give the other writer time to get in between the read and the write.
            threading.Event().wait(0.5)
            cursor.execute("UPDATE counter SET n = %s", [n + 1])

    def write() -> None:
        has_read.wait(5)
        with transaction.atomic(using=file_database), connections[file_database].cursor() as cursor:
            cursor.execute("UPDATE counter SET n = n + 10")

    threads = [in_thread(read_then_write, errors), in_thread(write, errors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    with connections[file_database].cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        # Both writes are there: neither was refused, and neither overwrote the other.
        assert cursor.fetchone() == (11,)
