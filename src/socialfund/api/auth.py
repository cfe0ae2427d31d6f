"""Bearer-token authentication for the API (personal tokens, see socialfund.accounts.tokens)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from socialfund.accounts.models import User
from socialfund.accounts.tenancy import tenant_of
from socialfund.accounts.tokens import user_for_token
from socialfund.organisation.tenancy import switch


class PersonalToken(HttpBearer):
    openapi_description = "Personlig API-nyckel: `Authorization: Bearer sf_…`. Skapas under Mitt konto → API-nycklar."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user  # the services and permission checks read request.user
            switch(tenant_of(user))  # from here on, the token's user's organisation only
        return user


def current_user(request: HttpRequest) -> User:
    user: Any = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
