"""Personal API tokens: created by the user (or `socialfund token create`), shown once, stored hashed.

A token is `sf_<prefix>_<secret>`. The prefix finds the row; the secret is checked
against its SHA-256 in constant time. SHA-256 (not a slow password hash) is right
here: the secret is 32 random bytes, not a human password, so it cannot be guessed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from socialfund.accounts.models import ApiToken, User
from socialfund.audit.services import audit_record

LAST_USED_RESOLUTION = dt.timedelta(minutes=5)
TOKEN_PREFIX = "sf_"  # noqa: S105 - a public marker, not a secret


class TokenError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    plaintext: str  # shown to the user once, never stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, user: User, name: str) -> CreatedToken:
    name = name.strip()
    if not name:
        raise TokenError("Ge nyckeln ett namn, t.ex. vilket system som ska använda den.")
    if len(name) > 100:
        raise TokenError("Namnet får vara högst 100 tecken.")
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, prefix=prefix, digest=_digest(secret))
        audit_record(actor=user, action="api_token_create", target=token, message=f"API-nyckel skapad: {name}.")
    return CreatedToken(token=token, plaintext=f"{TOKEN_PREFIX}{prefix}_{secret}")


def token_revoke(*, user: User, token_id: int) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
        if token is None:
            raise TokenError("Nyckeln finns inte.")
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(
                actor=user, action="api_token_revoke", target=token, message=f"API-nyckel återkallad: {token.name}."
            )
    return token


def user_for_token(plaintext: str) -> User | None:
    """The active user a presented token belongs to, or None."""
    if not plaintext.startswith(TOKEN_PREFIX):
        return None
    prefix, _, secret = plaintext[len(TOKEN_PREFIX) :].partition("_")
    if not prefix or not secret:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)) or not token.user.is_active:
        return None
    # Note the use at most every few minutes: a write on every API request would cost more than the request.
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
