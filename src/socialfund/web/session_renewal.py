"""A session expires after SESSION_COOKIE_AGE of inactivity, without writing the session on every page.

Django's SESSION_SAVE_EVERY_REQUEST gives that sliding expiry by saving the session row on every
request: one UPDATE per page view, on the hottest paths (issue 22). Here the session is saved,
and so its expiry pushed forward, only when it was last renewed more than SESSION_RENEW_AFTER
seconds ago. An active user's session therefore ends at most SESSION_RENEW_AFTER earlier than with
a save on every request; an idle one expires exactly as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

RENEWED_AT = "_renewed_at"


def renewed_at_login(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """A login saves the session with a fresh expiry: that counts as its renewal (no second write on the next
    page)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[RENEWED_AT] = int(time.time())


class SessionRenewalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session that exists and holds something (a logged-in user); an anonymous visitor's
        # empty session is never created just to renew it.
        if session is not None and not session.is_empty() and session.session_key:
            now = int(time.time())
            renewed_at = session.get(RENEWED_AT)
            if not isinstance(renewed_at, int) or now - renewed_at >= settings.SESSION_RENEW_AFTER:
                # Setting a key marks the session modified: SessionMiddleware (outside this one) saves it
                # with a fresh expiry and sends the cookie again.
                session[RENEWED_AT] = now
        return response
