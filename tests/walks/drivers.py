"""Two ways to drive a walk: the services (through socialfund.cases.actions, as the case page does) and
the API's two action endpoints with each role's own token."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.cases import actions, services
from socialfund.cases.machine import available_actions
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board


class ServiceDriver:
    def create(self, user: User, fund_slug: str, *, title: str, initiator_type: str, content: dict[str, Any]) -> int:
        fund = Fund.objects.get(slug=fund_slug)
        partners = list(Board.objects.filter(organisation_id=fund.organisation_id, code="SN"))
        return services.initiative_create(
            fund=fund, user=user, title=title, initiator_type=initiator_type, content=content, partner_boards=partners
        ).pk

    def offered(self, user: User, case_id: int) -> list[str]:
        return [a.code for a in available_actions(user, Initiative.objects.get(pk=case_id), with_gates=False)]

    def act(self, user: User, case_id: int, code: str, data: dict[str, Any]) -> None:
        actions.perform(Initiative.objects.get(pk=case_id), user, code, data)


class ApiDriver:
    """Every step over HTTP with the acting user's own token: GET …/actions, POST …/actions/{code}."""

    def __init__(self, tokens: dict[str, str] | None = None) -> None:
        self.client = Client()
        self.tokens = tokens or {}

    def headers(self, user: User) -> dict[str, str]:
        if user.username not in self.tokens:
            self.tokens[user.username] = token_create(user=user, name="promenad").plaintext
        return {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[user.username]}"}

    def create(self, user: User, fund_slug: str, *, title: str, initiator_type: str, content: dict[str, Any]) -> int:
        body = {
            "fund": fund_slug,
            "title": title,
            "initiator_type": initiator_type,
            "partner_boards": ["SN"],
            "content": content,
        }
        response = self.client.post(
            "/api/v1/initiatives", json.dumps(body), content_type="application/json", **self.headers(user)
        )
        assert response.status_code == 201, response.content
        return int(response.json()["id"])

    def offered(self, user: User, case_id: int) -> list[str]:
        response = self.client.get(f"/api/v1/initiatives/{case_id}/actions", **self.headers(user))
        assert response.status_code == 200, response.content
        return [action["code"] for action in response.json()]

    def act(self, user: User, case_id: int, code: str, data: dict[str, Any]) -> None:
        response = self.client.post(
            f"/api/v1/initiatives/{case_id}/actions/{code}",
            json.dumps(data),
            content_type="application/json",
            **self.headers(user),
        )
        assert response.status_code == 200, (code, response.status_code, response.json())
