"""The second factor (TOTP) for local accounts that hold power: the administrator and finance roles.

A user signed in with a password who has one of those roles must, in each session, give a code
from their authenticator app before any page but these; one without an app set up is sent to set
it up first. Accounts from the identity provider (OIDC) get their second factor there. The API is
reached with personal tokens, which are created on a page behind this check.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

import pyotp
from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from socialfund.accounts.models import TotpDevice, User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record

SESSION_KEY = "second_factor_user"
FAILURES_KEY = "second_factor_failures"
MAX_FAILURES = 5
ROLES_NEEDING_IT = frozenset({Role.ADMINISTRATOR, Role.FINANCE})


def needs_second_factor(user: User) -> bool:
    if not getattr(settings, "SOCIALFUND_REQUIRE_TOTP", True):
        return False
    if user.oidc_subject or not user.has_usable_password():
        return False
    return bool(user.role_codes & ROLES_NEEDING_IT)


def confirmed_device(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def device_for_enrolment(user: User) -> TotpDevice:
    """The user's device, made with a fresh secret if they have none yet."""
    device, _ = TotpDevice.objects.get_or_create(user=user, defaults={"secret": pyotp.random_base32()})
    return device


def provisioning_uri(device: TotpDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.username, issuer_name=settings.SITE_NAME)


def _matching_step(device: TotpDevice, code: str, now: float) -> int | None:
    """The time step the code belongs to (this one or one either side), or None."""
    digits = code.replace(" ", "")
    if not (digits.isascii() and digits.isdigit() and len(digits) == 6):
        return None
    totp = pyotp.TOTP(device.secret)
    step = int(now // totp.interval)
    for candidate in (step, step - 1, step + 1):
        if totp.at(candidate * totp.interval) == digits:
            return candidate
    return None


def code_accept(*, device: TotpDevice, code: str, now: float | None = None) -> bool:
    """True for a right code not used before (a code seen once cannot be replayed)."""
    with transaction.atomic():
        locked = TotpDevice.objects.select_for_update().get(pk=device.pk)
        step = _matching_step(locked, code, time.time() if now is None else now)
        if step is None or step <= locked.last_step:
            return False
        locked.last_step = step
        fields = ["last_step"]
        if locked.confirmed_at is None:
            locked.confirmed_at = timezone.now()
            fields.append("confirmed_at")
            audit_record(
                actor=locked.user, action="totp_enrol", target=locked.user, message="Tvåstegsverifiering aktiverad."
            )
        locked.save(update_fields=fields)
    device.refresh_from_db()
    return True


def mark_verified(request: HttpRequest, user: User) -> None:
    request.session[SESSION_KEY] = user.pk
    request.session.pop(FAILURES_KEY, None)


def count_failure(request: HttpRequest) -> bool:
    """Count a wrong code; True when the limit is reached and the user has been signed out."""
    failures = int(request.session.get(FAILURES_KEY, 0)) + 1
    request.session[FAILURES_KEY] = failures
    if failures >= MAX_FAILURES:
        logout(request)
        return True
    return False


EXEMPT_PREFIXES = ("/konto/tvastegs/", "/logga-ut/", "/logga-in/", "/static/", "/i18n/", "/api/")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            isinstance(user, User)
            and user.is_authenticated
            and request.session.get(SESSION_KEY) != user.pk
            and not request.path_info.startswith(EXEMPT_PREFIXES)
            and needs_second_factor(user)
        ):
            target = "second-factor-verify" if confirmed_device(user) else "second-factor-enrol"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
