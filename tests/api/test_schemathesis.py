"""Property-based API testing from the OpenAPI schema, over every operation, with valid tokens for two roles.

- every answer is no 5xx and matches the schema (status, content type, body), for an applicant's
  official and for finance (who may read the books the applicant may not);
- requests that break the schema (a number where a date belongs, a wrong type, a missing field) are
  refused, never accepted: schemathesis's negative mode with its `negative_data_rejection` check.

Bounded in examples per operation so that it stays a few minutes in CI (`.ci/run` runs the whole suite).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
negative = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# Unknown query parameters are ignored (as most APIs do), so negative cases only break the declared ones.
negative.config.generation.update(modes=[GenerationMode.NEGATIVE], allow_extra_parameters=False)

ROLES = ["handlaggare", "ekonomi"]


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


@pytest.fixture(params=ROLES)
def auth_header(request, db, keep_connection_open):
    from socialfund.demo.loader import demo_load

    demo_load()
    token = token_create(user=User.objects.get(username=request.param), name="schemathesis").plaintext
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_always_answers_by_its_schema(case, auth_header):
    case.call_and_validate(
        headers=auth_header,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )


@negative.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_refuses_requests_that_break_its_schema(case, auth_header):
    case.call_and_validate(headers=auth_header, checks=[not_a_server_error, negative_data_rejection])


def test_every_operation_is_covered():
    """The parametrized tests run once per operation the schema lists; none is left out by a filter."""
    operations = {(op.method.upper(), op.path) for op in (r.ok() for r in schema.get_all_operations())}
    assert len(operations) >= 15
    assert ("POST", "/api/v1/indicators/{pk}/measurements") in operations
    assert ("GET", "/api/v1/funds/{slug}/position") in operations


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("get", "/api/v1/funds/sodertalje/position?on=0", None),
        ("get", "/api/v1/funds/sodertalje/position?on=86400", None),
        ("post", "/api/v1/indicators/1/measurements", {"measured_on": 0, "value": "1"}),
    ],
)
def test_an_integer_as_a_date_is_refused(demo, method, url, body):
    from django.test import Client

    token = token_create(user=User.objects.get(username="ekonomi"), name="t").plaintext
    client = Client()
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if body is None:
        response = client.get(url, **kwargs)
    else:
        response = client.post(url, body, content_type="application/json", **kwargs)
    assert response.status_code == 422, response.content
    assert "datum" in response.json()["errors"][0]["message"]
