"""The API object: version 1, token authentication, Swedish JSON errors, OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.parser import Parser

from socialfund.api import errors
from socialfund.api.auth import PersonalToken
from socialfund.api.routers import router
from socialfund.api.routers_actions import router as actions_router
from socialfund.api.routers_funding import router as funding_router
from socialfund.core import strictread
from socialfund.guidelines.api import router as guidelines_router


class StrictJSONParser(Parser):
    """Request bodies read by the one strict reader: a key given twice is refused, not silently overwritten."""

    def parse_body(self, request: HttpRequest) -> dict:  # type: ignore[type-arg]
        data = strictread.parse_json(request.body)
        if not isinstance(data, dict):
            raise strictread.DocumentReadError("ogiltig JSON: ett objekt {…} väntas")
        return data


api = NinjaAPI(
    title="socialfund API",
    version="1",
    description="Sociala investeringsfonden: fonder, ärenden, prövning och kalkyler. Alla ändringar går genom "
    "samma tjänster och behörigheter som webben. Fel svaras med JSON: {detail: [{field, message}]}.",
    auth=PersonalToken(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    parser=StrictJSONParser(),
)
errors.install(api)
api.add_router("/", router)
api.add_router("/", funding_router)
api.add_router("/", actions_router)
api.add_router("/", guidelines_router)
