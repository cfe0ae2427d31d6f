"""A page read does not write the session (issue 22), yet a session still expires after
SESSION_COOKIE_AGE of inactivity, not of age: an active user's session is renewed, at most once a
SESSION_RENEW_AFTER."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _session_writes(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def test_reading_pages_does_not_write_the_session(login):
    client = login("handlaggare")
    client.get("/")  # the first request after login may renew
    for _ in range(3):
        assert _session_writes(client, "/") == []


def test_an_active_session_is_renewed_so_it_expires_after_inactivity(login, settings):
    client = login("handlaggare")
    client.get("/")
    key = client.session.session_key
    # The session was last renewed longer ago than SESSION_RENEW_AFTER: the next page renews it.
    session = Session.objects.get(session_key=key)
    old_expiry = timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - settings.SESSION_RENEW_AFTER - 5)
    Session.objects.filter(session_key=key).update(expire_date=old_expiry)
    store = client.session
    store["_renewed_at"] = int(timezone.now().timestamp()) - settings.SESSION_RENEW_AFTER - 5
    store.save()
    Session.objects.filter(session_key=key).update(expire_date=old_expiry)
    assert _session_writes(client, "/") != []
    session = Session.objects.get(session_key=key)
    assert session.expire_date > old_expiry + dt.timedelta(seconds=settings.SESSION_RENEW_AFTER)


def test_an_idle_session_still_expires(login, settings):
    client = login("handlaggare")
    client.get("/")
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/arenden/")
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")
