"""Property-based API testing from the OpenAPI schema: no 5xx, and every response matches the schema.

Bounded in examples per operation so that it stays a few seconds in `make test`.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_connection_open():
    """Calling the WSGI application directly (not through Django's test client) would close the
    database connection at the end of each request, taking the test's transaction with it on
    PostgreSQL. Do what the test client does: keep it open."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def auth_header(db, keep_connection_open):
    from socialfund.demo.loader import demo_load

    demo_load()
    token = token_create(user=User.objects.get(username="handlaggare"), name="schemathesis").plaintext
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_always_answers_by_its_schema(case, auth_header):
    # What the issue asks: never a 5xx, and every answer (status, type, body) as the schema says.
    # Unknown query parameters are ignored, not refused, so the negative-data checks are not used.
    case.call_and_validate(
        headers=auth_header,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )
