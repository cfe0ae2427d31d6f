"""A refusal no view caught is a Swedish page (400, or 403 for a role), not a server error; the API is left
to its own problem+json mapping."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from socialfund.cases.errors import CasePermissionDenied, CaseStateError
from socialfund.ledger.errors import LedgerPermissionDenied
from socialfund.web.refusals import RefusalPageMiddleware


def _middleware() -> RefusalPageMiddleware:
    return RefusalPageMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]


def _request(path: str = "/arenden/1/"):
    request = RequestFactory().post(path)
    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
def test_an_uncaught_refusal_is_a_page_with_its_message():
    response = _middleware().process_exception(_request(), CaseStateError("Ärendet är inte i beslutssteget."))
    assert response is not None and response.status_code == 400
    html = response.content.decode()
    assert "Ärendet är inte i beslutssteget." in html and "Ingenting ändrades." in html


@pytest.mark.django_db
def test_a_role_refusal_is_403():
    response = _middleware().process_exception(_request(), CasePermissionDenied("Bara registrator registrerar beslut."))
    assert response is not None and response.status_code == 403
    assert "Bara registrator registrerar beslut." in response.content.decode()


def test_the_api_and_djangos_own_permission_denied_are_left_alone():
    middleware = _middleware()
    assert middleware.process_exception(_request("/api/v1/funds"), CaseStateError("x")) is None
    assert middleware.process_exception(_request(), LedgerPermissionDenied("x")) is None
    assert middleware.process_exception(_request(), ValueError("x")) is None
