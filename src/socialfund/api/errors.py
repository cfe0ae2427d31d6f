"""Errors as JSON with a Swedish message and the field path, for every failure the API can meet."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from socialfund.cases.errors import CaseConflictError, CaseError, CasePermissionDenied, CaseValidationError
from socialfund.core.strictread import DocumentReadError

# pydantic's error types in Swedish; anything else keeps pydantic's English text after a Swedish lead.
PYDANTIC_SV = {
    "missing": "saknas",
    "string_type": "måste vara text",
    "string_too_long": "är för lång",
    "string_too_short": "är för kort",
    "int_type": "måste vara ett heltal",
    "int_parsing": "måste vara ett heltal",
    "int_from_float": "måste vara ett heltal",
    "float_type": "måste vara ett tal",
    "float_parsing": "måste vara ett tal",
    "finite_number": "måste vara ett ändligt tal",
    "decimal_parsing": "måste vara ett tal",
    "decimal_type": "måste vara ett tal",
    "bool_type": "måste vara sant eller falskt",
    "bool_parsing": "måste vara sant eller falskt",
    "date_type": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "greater_than_equal": "är för litet",
    "less_than_equal": "är för stort",
    "greater_than": "är för litet",
    "less_than": "är för stort",
    "literal_error": "har ett värde som inte är tillåtet",
    "enum": "har ett värde som inte är tillåtet",
    "dict_type": "måste vara ett objekt",
    "list_type": "måste vara en lista",
    "model_attributes_type": "måste vara ett objekt",
    "extra_forbidden": "är inte ett känt fält",
    "json_invalid": "är inte giltig JSON",
    "value_error": "är ogiltigt",
}


def detail(field: str | None, message: str) -> dict[str, Any]:
    return {"field": field, "message": message}


def field_path(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload")] if isinstance(loc, (list, tuple)) else [str(loc)]
    path = ""
    for part in parts:
        path += f"[{part}]" if part.isdigit() else (f".{part}" if path else part)
    return path


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = []
        for error in exc.errors:
            kind = error.get("type", "")
            message = PYDANTIC_SV.get(kind)
            if message is None:
                message = f"är ogiltigt ({error.get('msg', kind)})"
            errors.append(detail(field_path(error.get("loc", ())), message))
        return api.create_response(request, {"detail": errors}, status=422)

    @api.exception_handler(CaseError)
    def on_case_error(request: HttpRequest, exc: CaseError) -> HttpResponse:
        status = 400
        if isinstance(exc, CasePermissionDenied):
            status = 403
        elif isinstance(exc, CaseConflictError):
            status = 409
        elif not isinstance(exc, CaseValidationError):
            status = 409  # the case is in the wrong state for this step
        return api.create_response(request, {"detail": [detail(exc.field, exc.message)]}, status=status)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": [detail(None, "Hittades inte.")]}, status=404)

    @api.exception_handler(AuthenticationError)
    def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request, {"detail": [detail(None, "Ange en giltig API-nyckel: Authorization: Bearer sf_…")]}, status=401
        )

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = str(exc)
        if isinstance(exc.__cause__, DocumentReadError):
            message = f"Anropets innehåll kan inte läsas: {exc.__cause__.problem}."  # the strict reader's Swedish
        return api.create_response(request, {"detail": [detail(None, message)]}, status=exc.status_code)
