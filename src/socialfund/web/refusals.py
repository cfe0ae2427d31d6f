"""A refusal no view caught becomes a page with its Swedish message, never a server error.

Step views catch the refusal themselves, to show it beside the form (socialfund.kit.step_form); this is
the one place for every other view: the message on a page of its own, 403 when the role may not, 400 else.
The API maps refusals itself (socialfund.api.errors), and a refusal that is also Django's PermissionDenied
(LedgerPermissionDenied) keeps Django's own 403 handling.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from socialfund.kit.refusals import PermissionRefusal, Refusal
from socialfund.kit.web_refusals import refusal_status


class RefusalPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Refusal) or isinstance(exception, PermissionDenied):
            return None
        if request.path_info.startswith("/api/"):
            return None
        context = {"message": exception.message, "forbidden": isinstance(exception, PermissionRefusal)}
        return render(request, "web/refused.html", context, status=refusal_status(exception))
