"""One log line per request, and the request's context on every other line written while it runs.

The line (logger `socialfund.request`) carries the request id, the tenant (the organisation's code, 0181),
the user's id (never the name), the method, the path without its query string and with secret parts replaced,
the status and the duration in milliseconds. The JSON formatter (socialfund.logfilters.JsonFormatter) writes
them as fields.

The request id comes from an incoming `X-Request-ID` when it is well-formed (the load balancer's or proxy's,
so that their lines and ours can be joined), else it is made here; the response echoes it.

A path may hold a secret: the status link of an outside idea carries its token in the path
(`/ide/status/<token>/`), and whoever reads the log must not be able to open it. Every URL parameter named in
SECRET_URL_PARAMETERS is replaced by "<dolt>" before the path is logged, here and in Django's own lines.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.functional import SimpleLazyObject, empty

from socialfund.logfilters import LOG_CONTEXT_ATTRIBUTE, RequestContext, current_request, mask
from socialfund.operations.health import PATHS as HEALTH_PATHS
from socialfund.tenant_context import REQUEST_ATTRIBUTE, current_tenant_code

log = logging.getLogger("socialfund.request")

HEADER = "X-Request-ID"
WELL_FORMED_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
SECRET_URL_PARAMETERS = frozenset({"token"})
HIDDEN = "<dolt>"


def request_id_of(request: HttpRequest) -> str:
    """The incoming id when it is well-formed and carries nothing that looks like personal data, else a new one."""
    incoming = request.headers.get(HEADER, "")
    if WELL_FORMED_ID.match(incoming) and mask(incoming) == incoming:
        return incoming
    return uuid.uuid4().hex


def loggable_path(path: str) -> str:
    """The path with every secret URL parameter replaced. A path that does not resolve is tried with a
    trailing slash (a status link that lost its slash is redirected, and logged, first)."""
    for candidate in (path, path + "/"):
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        secrets = [str(value) for key, value in match.kwargs.items() if key in SECRET_URL_PARAMETERS and value]
        for secret in secrets:
            path = path.replace(secret, HIDDEN)
        return path
    return path


# The tenant is the organisation's code (tenant_of below). The user's organisation is only the fallback for a
# request refused before the tenant middleware ran.
_organisation_codes: dict[int, str] = {}


def _organisation_code(organisation_id: int) -> str:
    code = _organisation_codes.get(organisation_id)
    if code is None:
        from socialfund.organisation.models import Organisation

        code = Organisation.objects.filter(pk=organisation_id).values_list("code", flat=True).first() or ""
        _organisation_codes[organisation_id] = code
    return code


def _known_user(request: HttpRequest) -> object | None:
    """The user when authentication has already loaded it; never a query only for the log."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject):
        wrapped = user._wrapped
        return None if wrapped is empty else wrapped
    return user


def tenant_of(request: HttpRequest) -> str:
    """The tenant the request ran under: the tenant middleware notes it on the request (the line is written
    after it has left), and inside the chain it is the current one. Before the middleware has run (a
    refusal earlier in the chain), the user's organisation, when authentication has loaded the user."""
    if hasattr(request, REQUEST_ATTRIBUTE):
        ran_under = getattr(request, REQUEST_ATTRIBUTE)
        known = ran_under.code_if_known() if ran_under is not None else None
        return known or ""
    inside = current_tenant_code()
    if inside is not None:
        return inside
    user = _known_user(request)
    organisation_id = getattr(user, "organisation_id", None)
    return _organisation_code(organisation_id) if organisation_id else ""


def user_id_of(request: HttpRequest) -> str:
    user = _known_user(request)
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(getattr(user, "pk", "") or "")


class RequestLogMiddleware:
    """First in MIDDLEWARE: it times the whole chain and sees every response, refusals and errors included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request_id = request_id_of(request)
        path = loggable_path(request.path_info)
        context = RequestContext(
            request_id=request_id,
            raw_path=request.path_info,
            path=path,
            identify=lambda: (tenant_of(request), user_id_of(request)),
        )
        setattr(request, LOG_CONTEXT_ATTRIBUTE, context)
        token = current_request.set(context)
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            self._log(request, response.status_code, path, started)
            return response
        finally:
            current_request.reset(token)

    def _log(self, request: HttpRequest, status: int, path: str, started: float) -> None:
        # The balancer probes every few seconds: only a failing probe is worth a line.
        if request.path_info in HEALTH_PATHS and status < 500:
            return
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        log.log(
            logging.ERROR if status >= 500 else logging.INFO,
            "%s %s %s %s ms",
            request.method,
            path,
            status,
            duration_ms,
            extra={"method": request.method, "path": path, "status": status, "duration_ms": duration_ms},
        )
