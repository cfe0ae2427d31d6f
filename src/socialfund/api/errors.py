"""Every failure the API can meet, answered once, as RFC 9457 problem details (application/problem+json).

    {"type": "about:blank", "title": "Ogiltiga uppgifter", "status": 400,
     "detail": "Ange ett datum (ÅÅÅÅ-MM-DD).",
     "errors": [{"field": "Datum", "message": "Ange ett datum (ÅÅÅÅ-MM-DD)."}]}

`title` is the status in Swedish, `detail` the first (or only) refusal, `errors` each refusal with the
field's Swedish name (None when it concerns no single field), never a field path or a code. Refusals from
every app (socialfund.kit.refusals) are mapped here by their kind, not by the app that raised them.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from socialfund.api.field_labels import field_label
from socialfund.core.strictread import DocumentReadError
from socialfund.kit.refusals import ConflictRefusal, InputRefusal, PermissionRefusal, Refusal, StateRefusal

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


PROBLEM_CONTENT_TYPE = "application/problem+json"

# The status in Swedish: the problem's title (RFC 9457 lets `about:blank` problems localise the phrase).
TITLES = {
    400: _("Ogiltiga uppgifter"),
    401: _("Inloggning krävs"),
    403: _("Inte tillåtet"),
    404: _("Hittades inte"),
    405: _("Metoden stöds inte"),
    409: _("Går inte just nu"),
    422: _("Uppgifterna kan inte läsas"),
}


def problem_error(field: str | None, message: str) -> dict[str, Any]:
    """One refusal of the `errors` list: the field (a path or a form field's name) in Swedish words."""
    return {"field": field_label(field), "message": message}


def problem_response(status: int, errors: list[dict[str, Any]]) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status, _("Fel"))),
        "status": status,
        "detail": errors[0]["message"] if errors else str(TITLES.get(status, _("Fel"))),
        "errors": errors,
    }
    content = json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False)
    return HttpResponse(content, status=status, content_type=f"{PROBLEM_CONTENT_TYPE}; charset=utf-8")


def refusal_status(error: Refusal) -> int:
    """The API's status for a refusal, by its kind: the role may not (403), the input is wrong (400),
    someone saved first or the thing is in the wrong state for the step (409)."""
    if isinstance(error, PermissionRefusal):
        return 403
    if isinstance(error, InputRefusal):
        return 400
    if isinstance(error, (ConflictRefusal, StateRefusal)):
        return 409
    return 409  # a refusal of no finer kind: the step is not possible now


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
            errors.append(problem_error(field_path(error.get("loc", ())), message))
        return problem_response(422, errors)

    @api.exception_handler(Refusal)
    def on_refusal(request: HttpRequest, exc: Refusal) -> HttpResponse:
        return problem_response(refusal_status(exc), [problem_error(exc.field, exc.message)])

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(404, [problem_error(None, gettext("Hittades inte."))])

    @api.exception_handler(AuthenticationError)
    def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem_response(401, [problem_error(None, "Ange en giltig API-nyckel: Authorization: Bearer sf_…")])

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = str(exc)
        if isinstance(exc.__cause__, DocumentReadError):
            message = f"Anropets innehåll kan inte läsas: {exc.__cause__.problem}."  # the strict reader's Swedish
        return problem_response(exc.status_code, [problem_error(None, message)])
