"""The API object: version 1, token authentication, Swedish JSON errors, OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser

from socialfund.api import errors
from socialfund.api.auth import PersonalToken
from socialfund.api.routers import router
from socialfund.api.routers_actions import router as actions_router
from socialfund.api.routers_funding import router as funding_router
from socialfund.api.routers_guidelines import router as guidelines_router
from socialfund.api.routers_public import router as public_router
from socialfund.core import strictread


class StrictJSONParser(Parser):
    """Request bodies read by the one strict reader: a key given twice is refused, not silently overwritten."""

    def parse_body(self, request: HttpRequest) -> dict:  # type: ignore[type-arg]
        data = strictread.parse_json(request.body)
        if not isinstance(data, dict):
            raise strictread.DocumentReadError("ogiltig JSON: ett objekt {…} väntas")
        return data


class ProblemJSONAPI(NinjaAPI):
    """The OpenAPI document says what the API answers: a refusal (4xx) comes as application/problem+json."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operation in (op for path in schema.get("paths", {}).values() for op in path.values()):
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if str(status).startswith("4") and "application/json" in content:
                    content[errors.PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        return schema


api = ProblemJSONAPI(
    title="socialfund API",
    version="1",
    description="Sociala investeringsfonden: fonder, ärenden, prövning och kalkyler. Alla ändringar går genom "
    "samma tjänster och behörigheter som webben. Fel svaras som problem enligt RFC 9457 "
    "(application/problem+json): {type, title, status, detail, errors: [{field, message}]}, med fältens svenska "
    "namn.",
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
api.add_router("/", public_router)
api.add_router("/", guidelines_router)
