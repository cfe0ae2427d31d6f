"""Fixtures for outside actors: the demo, a fake e-legitimation broker, and a scan for personal numbers."""

from __future__ import annotations

import pytest
from django.db import connection

from socialfund.accounts.models import User
from socialfund.funds.models import Fund
from tests.actors.fake_eleg import ElegPerson, FakeEleg

# Skatteverket's well-known test personal identity number, in every way it could be written down.
PIN = "191212121212"
PIN_FORMS = ("191212121212", "19121212-1212", "121212-1212", "1212121212")
ASSOCIATION_NUMBER = "802400-1235"  # invented; passes the check digit
OTHER_NUMBER = "802500-9872"


@pytest.fixture
def users(demo) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def fund(demo) -> Fund:
    return Fund.objects.get(slug="sodertalje")


@pytest.fixture
def fake_eleg(settings):
    provider = FakeEleg(
        persons={
            "anna": ElegPerson(
                "anna", "Anna Andersson", PIN, ASSOCIATION_NUMBER.replace("-", ""), "Föreningen Läxhjälpen"
            ),
            "bo": ElegPerson("bo", "Bo Berg", "198112189876", OTHER_NUMBER.replace("-", ""), "Bolaget AB"),
            "mixed": ElegPerson(
                "mixed",
                "Mia Mix",
                "198112189876",
                ASSOCIATION_NUMBER.replace("-", ""),
                "Föreningen Läxhjälpen",
                affiliation_org=OTHER_NUMBER.replace("-", ""),
            ),
        }
    ).start()
    settings.ELEG_OIDC_ISSUER = provider.issuer
    settings.ELEG_OIDC_CLIENT_ID = provider.client_id
    settings.ELEG_OIDC_CLIENT_SECRET = provider.client_secret
    settings.ELEG_PEPPER = "test-pepper"
    yield provider
    provider.stop()
    from socialfund.actors import eleg

    eleg._discovery.cache_clear()
    eleg._keys.cache_clear()


def database_holds(needles: tuple[str, ...]) -> list[str]:
    """Every table and column in which any of the strings occurs (all tables, all columns, as text)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from the database itself
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    raw = bytes(value) if isinstance(value, bytes | memoryview) else None
                    text = raw.decode(errors="replace") if raw is not None else str(value)
                    if any(needle in text for needle in needles):
                        found.append(f"{table}.{column}")
    return found
