"""Shared fixtures: the demo loaded into the test database, and logged-in clients per role."""

from __future__ import annotations

import pytest
from django.test import Client

from socialfund.accounts.models import User


@pytest.fixture
def demo(db):
    from socialfund.demo.loader import demo_load

    return demo_load()


@pytest.fixture
def login(client: Client, demo):
    """login("beredning") -> a client signed in as that demo user."""

    def _login(username: str) -> Client:
        client.force_login(User.objects.get(username=username))
        return client

    return _login
