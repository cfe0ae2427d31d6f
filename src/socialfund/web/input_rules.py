"""One rule for every text that comes in over HTTP and may reach the database: no NUL characters.

PostgreSQL cannot store U+0000 in a text column and refuses the whole query, so a NUL in a search
filter, a path segment, a form field or a JSON string turned into a server error. The middleware
refuses such a request before any view runs: 400 with a Swedish message, naming the field for the
API (422 for a JSON body, as the API's other validation errors).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext

from socialfund.api.errors import problem_error, problem_response

NUL = "\x00"


def nul_path(value: Any, path: str = "") -> str | None:
    """The path of the first string (or key) in a JSON value that holds a NUL, or None."""
    if isinstance(value, str):
        return path if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if NUL in str(key):
                return child
            found = nul_path(item, child)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = nul_path(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None


def _first_nul_field(pairs: Iterable[tuple[str, list[str]]]) -> str | None:
    for key, values in pairs:
        if NUL in key or any(NUL in v for v in values):
            return key.replace(NUL, "")
    return None


def _offending_field(request: HttpRequest) -> tuple[str | None, int] | None:
    """(field, status) for the first NUL in the request's path, query, form or JSON body; None when clean."""
    if NUL in request.path_info or NUL in request.path:
        return None, 400
    found = _first_nul_field(request.GET.lists())
    if found is not None:
        return found, 400
    content_type = request.content_type or ""
    if request.method in {"POST", "PUT", "PATCH"} and content_type in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        found = _first_nul_field(request.POST.lists())
        if found is not None:
            return found, 400
    if content_type == "application/json" and request.method in {"POST", "PUT", "PATCH"}:
        try:
            body = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return None  # not JSON at all: the API's own parser answers that
        found = nul_path(body)
        if found is not None:
            return found, 422
    return None


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offending = _offending_field(request)
        if offending is None:
            return self.get_response(request)
        field, status = offending
        message = gettext("Texten innehåller ett otillåtet tecken (NUL). Ta bort det och försök igen.")
        if request.path_info.startswith("/api/"):
            return problem_response(status, [problem_error(field, message)])  # the API's one problem shape
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
