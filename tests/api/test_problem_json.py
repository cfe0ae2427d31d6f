"""Every refusal the API gives is an RFC 9457 problem (application/problem+json) with Swedish field names."""

from __future__ import annotations

import pytest
from django.test import Client

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.api.app import api
from socialfund.api.errors import refusal_status
from socialfund.api.field_labels import OTHER, field_label
from socialfund.cases.errors import CaseConflictError, CaseError, CasePermissionDenied, CaseValidationError
from socialfund.consultations.errors import ConsultationValidationError
from socialfund.followup.errors import FollowupPermissionDenied, FollowupStateError
from socialfund.ledger.errors import LedgerLimitError, LedgerPermissionDenied, LedgerValidationError, LedgerWarning

PROBLEM_KEYS = {"type", "title", "status", "detail", "errors"}


def _auth(username: str) -> dict[str, str]:
    user = User.objects.get(username=username)
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='t').plaintext}"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "body", "username", "status"),
    [
        ("get", "/api/v1/funds", None, None, 401),
        ("get", "/api/v1/initiatives/999999", None, "handlaggare", 404),
        ("post", "/api/v1/initiatives", {"fund": "sodertalje"}, "handlaggare", 422),
        ("post", "/api/v1/initiatives", {"fund": "finns-inte", "title": "X"}, "handlaggare", 400),
        ("post", "/api/v1/calculations/evaluate", {"title": 5}, "handlaggare", 400),
        ("get", "/api/v1/funds/sodertalje/position", None, "handlaggare", 403),
    ],
)
def test_each_kind_of_failure_is_a_problem_document(demo, method, url, body, username, status):
    kwargs = _auth(username) if username else {}
    client = Client()
    if body is None:
        response = getattr(client, method)(url, **kwargs)
    else:
        response = getattr(client, method)(url, body, content_type="application/json", **kwargs)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert set(problem) == PROBLEM_KEYS
    assert problem["status"] == status and problem["type"] == "about:blank"
    assert problem["title"] and problem["detail"] == problem["errors"][0]["message"]
    for error in problem["errors"]:
        assert set(error) == {"field", "message"}
        # A field is named in words: no dots, brackets or underscores of a code path.
        assert error["field"] is None or not any(c in error["field"] for c in "._[]")


def test_the_openapi_document_declares_problem_json_for_every_refusal():
    schema = api.get_openapi_schema()
    refusals = [
        response
        for path in schema["paths"].values()
        for operation in path.values()
        for code, response in operation["responses"].items()
        if str(code).startswith("4")
    ]
    assert refusals
    assert all(set(r["content"]) == {"application/problem+json"} for r in refusals)
    problem = schema["components"]["schemas"]["Problems"]
    assert set(problem["properties"]) == PROBLEM_KEYS


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (CasePermissionDenied("x"), 403),
        (LedgerPermissionDenied("x"), 403),
        (FollowupPermissionDenied("x"), 403),
        (CaseValidationError("x", field="note"), 400),
        (LedgerValidationError("x", field="amount"), 400),
        (ConsultationValidationError("x"), 400),
        (CaseConflictError("x", current_version=2), 409),
        (LedgerLimitError("x"), 409),
        (LedgerWarning("x", warnings=["y"]), 409),
        (FollowupStateError("x"), 409),
        (CaseError("x"), 409),
    ],
)
def test_a_refusal_of_any_app_is_mapped_by_its_kind(error, status):
    assert refusal_status(error) == status


def test_every_input_the_api_reads_has_a_swedish_name():
    """A refusal names its field in words: every body field and parameter of the API has a label."""
    schema = api.get_openapi_schema()
    names: set[str] = set()
    for path in schema["paths"].values():
        for operation in path.values():
            names.update(p["name"] for p in operation.get("parameters", []))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            ref = body.get("$ref", "")
            if ref:
                names.update(schema["components"]["schemas"][ref.rsplit("/", 1)[1]].get("properties", {}))
    assert {"title", "measured_on", "on", "limit"} <= names
    unnamed = sorted(name for name in names if field_label(name) == str(OTHER))
    assert unnamed == []


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("effects[0].deadweight", "Effekt 1, dödvikt"),
        ("content.purpose[1]", "Initiativfilen, syfte, rad 2"),
        (
            "content.calculation.costs[2].amounts.2016",
            "Initiativfilen, socioekonomisk beräkning, kostnad 3, belopp, 2016",
        ),
        ("no_such_field", "Uppgift"),
        (None, None),
    ],
)
def test_a_field_path_reads_as_words(path, label):
    assert field_label(path) == label
