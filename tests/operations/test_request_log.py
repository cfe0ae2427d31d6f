"""One JSON line per request: request id, tenant, user id, method, path, status, duration; no secrets."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from socialfund.accounts.models import User
from socialfund.logfilters import JsonFormatter, PersonalDataFilter, RequestContextFilter
from socialfund.operations import request_log

TOKEN = "Zq3xV9-kPz_4bT2mW8yR1nC6hJ0aL5sD7fG2eX9uQwE"  # the shape secrets.token_urlsafe(32) gives


@pytest.fixture
def written() -> Iterator[Callable[[], list[dict[str, object]]]]:
    """The JSON lines the production handler (settings.LOGGING) writes for the request and Django loggers."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RequestContextFilter())
    handler.addFilter(PersonalDataFilter())
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger("socialfund.request"), logging.getLogger("django.request")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.fixture(autouse=True)
def fresh_codes() -> Iterator[None]:
    request_log._organisation_codes.clear()
    yield
    request_log._organisation_codes.clear()


def test_a_logged_in_request_is_one_line_with_tenant_and_user_id_but_no_name(login, written):
    client = login("beredning")
    user = User.objects.get(username="beredning")
    response = client.get("/arenden/?q=Familjecentraler&sida=1", HTTP_X_REQUEST_ID="lb-7f3a9c")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "lb-7f3a9c"
    [line] = [line for line in written() if line["logger"] == "socialfund.request"]
    assert line["request_id"] == "lb-7f3a9c"
    assert line["tenant"] == user.organisation.code == "0181"
    assert line["user_id"] == str(user.pk)
    assert (line["method"], line["path"], line["status"]) == ("GET", "/arenden/", 200)
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO"
    text = json.dumps(line, ensure_ascii=False)
    assert "beredning" not in text and "Familjecentraler" not in text, "no name, no query string"


@pytest.mark.parametrize(
    "incoming",
    ["", "två ord", "x" * 200, "anna.svensson@sodertalje.se", "19800101-1234", "a\nb"],
)
def test_a_missing_or_malformed_request_id_is_replaced(db, written, incoming):
    response = Client().get("/", HTTP_X_REQUEST_ID=incoming)
    generated = response["X-Request-ID"]
    assert generated != incoming and len(generated) == 32 and int(generated, 16) >= 0
    [line] = [line for line in written() if line["logger"] == "socialfund.request"]
    assert line["request_id"] == generated
    # A visitor who is not signed in reads the public pages of the host's organisation; with no organisation
    # in the installation yet that is none in particular ("*"), and the line says so.
    assert line["tenant"] == "*" and "user_id" not in line


@pytest.mark.parametrize("path", [f"/ide/status/{TOKEN}/", f"/ide/status/{TOKEN}"])
def test_a_status_link_token_never_reaches_the_log(db, written, path):
    response = Client().get(path)
    assert response.status_code in (301, 404)
    logged = written()
    assert logged, "the request and Django's own line are written"
    assert all(TOKEN not in json.dumps(line) for line in logged)
    access = [line for line in logged if line["logger"] == "socialfund.request"]
    assert access[0]["path"] == path.replace(TOKEN, "<dolt>")


def test_django_s_own_not_found_line_carries_the_request_id_and_the_hidden_path(db, written):
    Client().get(f"/ide/status/{TOKEN}/", HTTP_X_REQUEST_ID="req-1")
    [django_line] = [line for line in written() if line["logger"] == "django.request"]
    assert django_line["request_id"] == "req-1"
    assert django_line["message"] == "Not Found: /ide/status/<dolt>/"


def test_a_password_sent_to_the_login_is_not_logged(demo, written):
    Client().post("/logga-in/", {"username": "beredning", "password": "fel-lösenord-123"})
    logged = json.dumps(written(), ensure_ascii=False)
    assert "fel-lösenord-123" not in logged
    assert '"path": "/logga-in/"' in logged


def test_health_probes_that_pass_write_no_line(written):
    Client().get("/health/live")
    assert written() == []


def test_an_api_request_logs_the_tenant_its_token_chose(demo, written):
    """The API's token check chooses the tenant inside the view, after the tenant middleware entered none for
    the not-yet-authenticated request: the line carries the tenant the request ran under (issue 28)."""
    from socialfund.accounts.tokens import token_create

    user = User.objects.get(username="beredning")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='logg').plaintext}"}
    response = Client().get("/api/v1/initiatives", **headers)
    assert response.status_code == 200
    [line] = [line for line in written() if line["logger"] == "socialfund.request"]
    assert line["tenant"] == user.organisation.code == "0181"


def test_the_line_carries_the_tenant_the_request_ran_under_not_the_users_organisation(login, written, monkeypatch):
    """The line is written after the tenant middleware has left its context: it reads the tenant the
    middleware entered (here, across every organisation), not the user's organisation looked up again."""
    from socialfund.organisation.tenancy import ACROSS

    monkeypatch.setattr("socialfund.tenancy.middleware.tenant_of", lambda user: ACROSS)
    response = login("beredning").get("/arenden/")
    assert response.status_code == 200
    [line] = [line for line in written() if line["logger"] == "socialfund.request"]
    assert line["tenant"] == "*"


def test_a_visitor_request_that_reads_nothing_is_logged_without_a_database_read(written):
    """An anonymous visitor's tenant is looked up only when a query needs it; writing the log line must not
    be that query (the OpenAPI schema is read with the database closed, as the API tests load it)."""
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    [line] = [line for line in written() if line["logger"] == "socialfund.request"]
    assert line["path"] == "/api/v1/openapi.json" and "tenant" not in line
