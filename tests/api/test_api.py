"""The REST API: tokens, the same services and permissions as the web, Swedish JSON errors with field paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from socialfund.accounts.models import ApiToken, User
from socialfund.accounts.tokens import token_create, token_revoke, user_for_token
from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Initiative
from socialfund.organisation.models import Board

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='test').plaintext}"}


@pytest.fixture
def api(demo):
    def _client(username: str) -> tuple[Client, dict[str, str]]:
        return Client(), bearer(User.objects.get(username=username))

    return _client


def test_tokens_are_stored_hashed_shown_once_and_revocable(demo):
    user = User.objects.get(username="lasare")
    created = token_create(user=user, name="Ekonomisystemet")
    row = ApiToken.objects.get(pk=created.token.pk)
    assert created.plaintext.startswith("sf_")
    assert created.plaintext.split("_", 2)[2] not in row.digest
    assert user_for_token(created.plaintext) == user
    assert user_for_token(created.plaintext + "x") is None
    assert user_for_token("sf_nonsense") is None
    token_revoke(user=user, token_id=row.pk)
    assert user_for_token(created.plaintext) is None


def test_token_command_prints_a_working_token(demo, capsys):
    call_command("token", "create", "ekonomi", "--name", "SIE-export")
    plaintext = capsys.readouterr().out.strip()
    assert user_for_token(plaintext).username == "ekonomi"


def test_token_page_shows_the_token_once(client, demo):
    client.force_login(User.objects.get(username="lasare"))
    response = client.post("/konto/nycklar/", {"name": "Min rapport"})
    html = response.content.decode()
    assert 'data-testid="new-token"' in html
    assert response["Cache-Control"] == "no-store"
    assert 'data-testid="new-token"' not in client.get("/konto/nycklar/").content.decode()


def test_no_token_no_entry(client, demo):
    response = client.get("/api/v1/initiatives")
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"].startswith("Ange en giltig API-nyckel")
    response = client.get("/api/v1/initiatives", HTTP_AUTHORIZATION="Bearer sf_fel_fel")
    assert response.status_code == 401


def test_openapi_and_docs_are_served(client, demo):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/calculations/evaluate" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_funds_boards_and_policies(api):
    client, auth = api("lasare")
    funds = client.get("/api/v1/funds", **auth).json()
    assert funds[0]["capital"] == "24000000.00"
    assert funds[0]["decision"] == "KF 2013-02-25 § 7"
    assert len(client.get("/api/v1/boards", **auth).json()) == 12  # the eleven that answered the remiss, and KS
    policies = {p["id"] for p in client.get("/api/v1/policies", **auth).json()}
    assert {"sodertalje-2013", "region-gavleborg", "lulea"} <= policies
    assert client.get("/api/v1/policies/sodertalje-2013", **auth).json()["id"] == "sodertalje-2013"
    assert client.get("/api/v1/policies/finns-inte", **auth).status_code == 404


def test_list_is_paginated_and_filtered(api):
    client, auth = api("lasare")
    page = client.get("/api/v1/initiatives?limit=5&offset=0", **auth).json()
    assert (
        page["count"] == 14 and len(page["items"]) == 5
    )  # the seed's 13 (ACT twice) and the demo's city director case
    refused = client.get("/api/v1/initiatives?status=refused", **auth).json()
    assert {i["title"] for i in refused["items"]} == {"Tjejhuset", "OPUS"}


def test_create_submit_and_withdraw_through_the_same_services(api):
    client, auth = api("handlaggare")
    body = {"fund": "sodertalje", "title": "Via API", "stage": "idea", "content": {"purpose": "new_method"}}
    response = client.post("/api/v1/initiatives", body, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["status"], created["lead_board"]) == ("draft", "UN")
    pk = created["id"]
    assert client.post(f"/api/v1/initiatives/{pk}/submit", **auth).json()["status"] == "active"
    # Leaving the idea stage needs the office head's anchoring: refused with a Swedish message, state unchanged.
    response = client.post(f"/api/v1/initiatives/{pk}/submit", **auth)
    assert response.status_code == 409
    assert "Förankring saknas" in response.json()["errors"][0]["message"]
    response = client.post(
        f"/api/v1/initiatives/{pk}/withdraw", {"reason": "other"}, content_type="application/json", **auth
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "Anteckning"
    response = client.post(
        f"/api/v1/initiatives/{pk}/withdraw", {"reason": "repayment_risk"}, content_type="application/json", **auth
    )
    assert response.json()["status"] == "withdrawn"
    actions = list(AuditEvent.objects.filter(initiative_id=pk).values_list("action", flat=True))
    assert actions == ["initiative_create", "initiative_submit", "initiative_withdraw"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"fund": "sodertalje", "stage": "idea"}, "Titel", "saknas"),
        ({"fund": "sodertalje", "title": 5, "stage": "idea"}, "Titel", "måste vara text"),
        ({"fund": "sodertalje", "title": "x" * 201}, "Titel", "är för lång"),
        ({"fund": "finns-inte", "title": "X"}, "Fond", "Okänd fond"),
        ({"fund": "sodertalje", "title": "X", "content": {"purpose": "drift"}}, "Initiativfilen, syfte", ""),
        ({"fund": "sodertalje", "title": "X", "content": {"lead_board": "SN"}}, "Initiativfilen", "sätts av systemet"),
        ({"fund": "sodertalje", "title": "X", "stage": "decision"}, "Steg", ""),
    ],
)
def test_bad_input_gets_a_swedish_error_with_its_field_and_stores_nothing(api, body, field, message):
    client, auth = api("handlaggare")
    before = Initiative.objects.count()
    response = client.post("/api/v1/initiatives", body, content_type="application/json", **auth)
    assert response.status_code in (400, 422)
    problem = response.json()["errors"][0]
    assert problem["field"] == field
    assert message in problem["message"]
    assert Initiative.objects.count() == before


def test_an_applicant_never_reads_another_boards_draft(api):
    client, auth = api("handlaggare")
    draft = client.post(
        "/api/v1/initiatives",
        {"fund": "sodertalje", "title": "Hemligt utkast"},
        content_type="application/json",
        **auth,
    ).json()
    other = User.objects.create_user(
        "sn-handlaggare",
        password="x-long-password-1",
        organisation=User.objects.get(username="handlaggare").organisation,
        board=Board.objects.get(code="SN"),
    )
    other.groups.add(*User.objects.get(username="handlaggare").groups.all())
    other_auth = bearer(other)
    assert client.get(f"/api/v1/initiatives/{draft['id']}", **other_auth).status_code == 404
    assert client.post(f"/api/v1/initiatives/{draft['id']}/submit", **other_auth).status_code == 404
    titles = {i["title"] for i in client.get("/api/v1/initiatives?limit=100", **other_auth).json()["items"]}
    assert "Hemligt utkast" not in titles
    assert client.get(f"/api/v1/initiatives/{draft['id']}/screening", **other_auth).status_code == 404


def test_readers_cannot_write(api):
    client, auth = api("lasare")
    response = client.post(
        "/api/v1/initiatives", {"fund": "sodertalje", "title": "X"}, content_type="application/json", **auth
    )
    assert response.status_code == 403


def test_screening_of_a_case(api):
    client, auth = api("beredning")
    pk = Initiative.objects.get(title="Familjecentraler").pk
    result = client.get(f"/api/v1/initiatives/{pk}/screening", **auth).json()
    assert result["verdict"] == "eligible"
    assert {f["rule"] for f in result["findings"]} >= {"purpose", "calculation", "repayment"}


def test_calculation_endpoint_answers_what_the_cli_answers(api):
    client, auth = api("lasare")
    example = ROOT / "examples" / "calculations" / "sanka-korttidsfranvaron.yaml"
    import yaml

    document = yaml.safe_load(example.read_text())
    response = client.post("/api/v1/calculations/evaluate", document, content_type="application/json", **auth)
    assert response.status_code == 200
    cli = subprocess.run(
        [sys.executable, "-m", "socialfund.cli", "calc", str(example), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert response.json() == json.loads(cli.stdout)


def test_calculation_errors_have_paths(api):
    client, auth = api("lasare")
    response = client.post(
        "/api/v1/calculations/evaluate",
        {
            "title": "X",
            "start_year": 2016,
            "horizon": 5,
            "discount_rate": 0.035,
            "costs": [],
            "effects": [
                {
                    "label": "A",
                    "beneficiary": "SN",
                    "sector": "municipal",
                    "unit_value": 1,
                    "quantity": {"2016": 1},
                    "deadweight": 2,
                }
            ],
        },
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400
    assert {"field": "Effekt 1, dödvikt", "message": "måste vara mellan 0 och 1"} in response.json()["errors"]
