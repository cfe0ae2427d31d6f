"""The API speaks the case machine: the actions a token's user may take now, and taking them, with the same
refusals as the case page (a Swedish message, the field it concerns)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from socialfund.accounts.tokens import token_create
from socialfund.cases import services
from socialfund.cases.models import Initiative
from tests.cases.application_content import application_content

pytestmark = pytest.mark.django_db


def as_user(username: str):
    from socialfund.accounts.models import User

    token = token_create(user=User.objects.get(username=username), name="test").plaintext
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def get(path: str):
        return client.get(path, **headers)

    def post(path: str, body: dict):
        return client.post(path, json.dumps(body), content_type="application/json", **headers)

    return get, post


@pytest.fixture
def draft(demo):
    from socialfund.accounts.models import User
    from socialfund.funds.models import Fund

    fund = Fund.objects.get(slug="sodertalje")
    fund.policy_versions.exclude(policy_id="sodertalje-2013").delete()
    return services.initiative_create(
        fund=fund,
        user=User.objects.get(username="handlaggare"),
        title="API-ärendet",
        stage="idea",
        content=application_content(),
    )


def test_the_actions_list_says_what_the_user_may_do_with_labels_and_fields(draft):
    get, _ = as_user("handlaggare")
    actions = get(f"/api/v1/initiatives/{draft.pk}/actions").json()
    by_code = {action["code"]: action for action in actions}
    assert by_code["submit"]["label"] == "Lämna in" and by_code["submit"]["ready"] is True
    assert {f["name"] for f in by_code["signoff"]["fields"]} == {"kind", "signed_on", "reference"}
    get_other, _ = as_user("registrator")
    assert get_other(f"/api/v1/initiatives/{draft.pk}/actions").status_code == 404  # a draft is the board's own


def test_refusals_are_the_services_in_swedish_with_the_field(draft):
    _, post = as_user("handlaggare")
    assert post(f"/api/v1/initiatives/{draft.pk}/actions/submit", {}).status_code == 200
    # Leaving the idea needs the office head's anchoring: the gate refuses, nothing changes.
    refused = post(f"/api/v1/initiatives/{draft.pk}/actions/submit", {})
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["message"].startswith("Förankring saknas innan ärendet kan gå vidare")
    # The applicant may not register the decision.
    forbidden = post(f"/api/v1/initiatives/{draft.pk}/actions/decide", {"decided_on": "2016-01-01"})
    assert forbidden.status_code == 403
    # A bad field is named.
    _, head = as_user("kontorschef")
    bad = head(f"/api/v1/initiatives/{draft.pk}/actions/signoff", {"kind": "office_head", "signed_on": "igår"})
    assert bad.status_code == 400 and bad.json()["errors"][0] == {
        "field": "Datum",
        "message": "Ange ett datum (ÅÅÅÅ-MM-DD).",
    }
    unknown = head(f"/api/v1/initiatives/{draft.pk}/actions/fly", {})
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["message"] == "Okänd åtgärd: fly."
    assert Initiative.objects.get(pk=draft.pk).stage == "idea"


def test_openapi_documents_both_endpoints(demo):
    schema = Client().get("/api/v1/openapi.json").json()
    assert "get" in schema["paths"]["/api/v1/initiatives/{pk}/actions"]
    assert "post" in schema["paths"]["/api/v1/initiatives/{pk}/actions/{code}"]
