"""The action list names whose opinion is missing; the opinion action's giver field lists the codes to send,
each with its Swedish name, so an API client can register the missing opinions without guessing codes."""

from __future__ import annotations

import pytest
from django.test import Client
from openapi_spec_validator import validate

from socialfund.cases.codes import OpinionPosition
from socialfund.organisation.models import Board, DecisionBody
from tests.api.test_api_actions import as_user
from tests.cases.conftest import draft, fund, users  # noqa: F401  (fixtures)
from tests.cases.test_opinions_required import at_opinions

pytestmark = pytest.mark.django_db


def test_the_giver_field_lists_the_committees_and_boards_by_code_and_name(users, draft):  # noqa: F811
    initiative = at_opinions(users, draft)
    get, post = as_user("yttrande")
    offered = {action["code"]: action for action in get(f"/api/v1/initiatives/{initiative.pk}/actions").json()}
    assert "yttrande saknas från" in offered["opinions_complete"]["blocked_by"]
    [giver] = [f for f in offered["opinion"]["fields"] if f["name"] == "giver"]
    organisation = initiative.fund.organisation_id
    expected = [
        {"code": body.code, "label": body.name}
        for body in DecisionBody.objects.filter(organisation_id=organisation, kind="committee")
    ] + [{"code": board.code, "label": board.name} for board in Board.objects.filter(organisation_id=organisation)]
    assert giver["choices"] == expected and expected
    # Every name the gate says is missing is one of the choices, and its code registers the opinion.
    for name in ("Utbildningsnämnden", "Socialnämnden"):
        assert name in offered["opinions_complete"]["blocked_by"]
        [code] = [choice["code"] for choice in giver["choices"] if choice["label"] == name]
        done = post(
            f"/api/v1/initiatives/{initiative.pk}/actions/opinion",
            {"giver": code, "position": "supports", "decided_on": "2016-04-05"},
        )
        assert done.status_code == 200, done.json()
    # The position's choices are the case page's; a field without a fixed list has an empty one.
    [position] = [f for f in offered["opinion"]["fields"] if f["name"] == "position"]
    assert [c["code"] for c in position["choices"]] == [code for code, _label in OpinionPosition.choices]
    assert all(f["choices"] == [] for f in offered["opinion"]["fields"] if f["name"] not in ("giver", "position"))


def test_the_schema_documents_the_choices(demo):
    schema = Client().get("/api/v1/openapi.json").json()
    field = schema["components"]["schemas"]["ActionFieldOut"]
    assert "choices" in field["properties"]
    choice = schema["components"]["schemas"]["ActionChoiceOut"]
    assert set(choice["properties"]) == {"code", "label"}
    assert choice["properties"]["code"].get("description")
    validate(schema)  # still a valid OpenAPI document
