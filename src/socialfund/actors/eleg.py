"""Outside representatives log in with Swedish e-legitimation through an OpenID Connect broker.

The claims follow the Swedish OpenID Connect profile ("Claims and Scopes Specification for the Swedish
OpenID Connect Profile", oidc.se): `https://id.oidc.se/claim/personalIdentityNumber` recognises the person,
`orgNumber` and `orgAffiliation` tie the person to the organisation. The personal identity number is used
only to compute a keyed hash (HMAC-SHA-256 with the installation's pepper, which is not in the database):
it is never stored, logged or shown.

Authorization code flow with PKCE (S256), `state` and `nonce`; the ID token's signature is checked against
the provider's published keys (PyJWT), as are its issuer, audience, expiry and nonce. The staff keep their
own login (Entra ID, socialfund.accounts.oidc); a representative is not a Django user and reaches only the
pages of socialfund.actors.views_partners.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.actors.identity_numbers import organisation_number_clean
from socialfund.actors.models import OutsideOrganisation, Representative

CLAIM = "https://id.oidc.se/claim/"
PERSONAL_IDENTITY_NUMBER = CLAIM + "personalIdentityNumber"
ORG_NUMBER = CLAIM + "orgNumber"
ORG_AFFILIATION = CLAIM + "orgAffiliation"
ORG_NAME = CLAIM + "orgName"
SCOPES = "openid https://id.oidc.se/scope/naturalPersonNumber https://id.oidc.se/scope/naturalPersonOrgId"

SESSION_FLOW = "actors_eleg_flow"
SESSION_REPRESENTATIVE = "actors_representative_id"
TIMEOUT = 10


class ElegError(Exception):
    """A login that cannot go on; `message` is Swedish and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def configured() -> bool:
    return bool(getattr(settings, "ELEG_OIDC_ISSUER", "") and getattr(settings, "ELEG_OIDC_CLIENT_ID", ""))


@lru_cache(maxsize=8)
def _discovery(issuer: str) -> dict[str, Any]:
    response = requests.get(f"{issuer.rstrip('/')}/.well-known/openid-configuration", timeout=TIMEOUT)
    response.raise_for_status()
    data: dict[str, Any] = response.json()
    if data.get("issuer") != issuer:
        raise ElegError(_("Inloggningstjänsten svarade med fel utfärdare."))
    return data


@lru_cache(maxsize=8)
def _keys(jwks_uri: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(jwks_uri, timeout=TIMEOUT)


def subject_key(personal_identity_number: str) -> str:
    """The keyed hash that recognises a person again; the number itself is dropped right after."""
    pepper = (
        getattr(settings, "ELEG_PEPPER", "")
        or hmac.new(settings.SECRET_KEY.encode(), b"socialfund-eleg-pepper", hashlib.sha256).hexdigest()
    )
    digits = "".join(ch for ch in personal_identity_number if ch.isdigit())
    return hmac.new(pepper.encode(), digits.encode(), hashlib.sha256).hexdigest()


def authorization_url(request: HttpRequest, *, redirect_uri: str, next_path: str = "") -> str:
    """Start a login: remember state, nonce and the PKCE verifier in the session, and send the user off."""
    config = _discovery(settings.ELEG_OIDC_ISSUER)
    state, nonce, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    request.session[SESSION_FLOW] = {
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "redirect_uri": redirect_uri,
        "next": next_path,
    }
    query = urlencode(
        {
            "response_type": "code",
            "client_id": settings.ELEG_OIDC_CLIENT_ID,
            "redirect_uri": redirect_uri,
            "scope": SCOPES,
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "prompt": "login",
        }
    )
    return f"{config['authorization_endpoint']}?{query}"


@dataclass(frozen=True)
class OrgIdentity:
    """What the login tells us, with the personal identity number already reduced to its keyed hash."""

    subject_key: str
    name: str
    org_number: str
    org_name: str


def _claims_from_code(request: HttpRequest, *, code: str, state: str) -> dict[str, Any]:
    flow = request.session.pop(SESSION_FLOW, None)
    if not flow or not state or not hmac.compare_digest(flow["state"], state):
        raise ElegError(_("Inloggningen kunde inte kopplas till den här webbläsaren. Börja om."))
    config = _discovery(settings.ELEG_OIDC_ISSUER)
    response = requests.post(
        config["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": flow["redirect_uri"],
            "code_verifier": flow["verifier"],
        },
        auth=(settings.ELEG_OIDC_CLIENT_ID, getattr(settings, "ELEG_OIDC_CLIENT_SECRET", "")),
        timeout=TIMEOUT,
    )
    if response.status_code != 200:
        raise ElegError(_("Inloggningstjänsten godtog inte inloggningen. Börja om."))
    id_token = response.json().get("id_token", "")
    try:
        key = _keys(config["jwks_uri"]).get_signing_key_from_jwt(id_token)
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key.key,
            algorithms=["RS256", "ES256"],
            audience=settings.ELEG_OIDC_CLIENT_ID,
            issuer=settings.ELEG_OIDC_ISSUER,
            options={"require": ["exp", "iat", "iss", "aud", "sub", "nonce"]},
        )
    except jwt.PyJWTError as error:
        raise ElegError(_("Inloggningens intyg gick inte att kontrollera. Börja om.")) from error
    if not hmac.compare_digest(str(claims.get("nonce", "")), flow["nonce"]):
        raise ElegError(_("Inloggningens intyg gick inte att kontrollera. Börja om."))
    request.session["actors_eleg_next"] = flow.get("next", "")
    return claims


def org_identity(claims: dict[str, Any]) -> OrgIdentity:
    """The person and organisation from the claims. Refused unless orgAffiliation names the same organisation
    as orgNumber (the profile's way of saying the person acts for it)."""
    pin = str(claims.get(PERSONAL_IDENTITY_NUMBER) or "")
    if not pin:
        raise ElegError(_("Inloggningen gav inget personnummer att känna igen dig med. Använd svensk e-legitimation."))
    raw_org = str(claims.get(ORG_NUMBER) or "")
    affiliation = str(claims.get(ORG_AFFILIATION) or "")
    if not raw_org or "@" not in affiliation:
        raise ElegError(
            _("Inloggningen visade inte att du företräder en organisation. Logga in med e-legitimation för tjänst.")
        )
    try:
        org_number = organisation_number_clean(raw_org)
        affiliated = organisation_number_clean(affiliation.rsplit("@", 1)[1])
    except Exception as error:  # noqa: BLE001 - any malformed number in the claims ends the login the same way
        raise ElegError(_("Organisationsnumret i inloggningen är inte giltigt.")) from error
    if affiliated != org_number:
        raise ElegError(_("Inloggningen knyter dig till en annan organisation än den som anges."))
    name = str(claims.get("name") or " ".join(filter(None, [claims.get("given_name"), claims.get("family_name")])))
    return OrgIdentity(
        subject_key=subject_key(pin), name=name.strip(), org_number=org_number, org_name=str(claims.get(ORG_NAME) or "")
    )


def representative_login(request: HttpRequest, *, code: str, state: str) -> Representative:
    """Finish a login: the representative of an organisation the fund knows (it has been invited or left
    an idea), recognised by the keyed hash. A new session key, so that a session id seen before cannot be
    reused (session fixation)."""
    identity = org_identity(_claims_from_code(request, code=code, state=state))
    organisation = OutsideOrganisation.objects.filter(number=identity.org_number).first()
    if organisation is None:
        raise ElegError(
            _("Din organisation har ingen inbjudan till fonden. Be den nämnd ni samarbetar med att bjuda in er.")
        )
    with transaction.atomic():
        representative, _created = Representative.objects.update_or_create(
            subject_key=identity.subject_key,
            organisation=organisation,
            defaults={"name": identity.name or organisation.name, "last_login_at": timezone.now()},
        )
    request.session.cycle_key()
    request.session[SESSION_REPRESENTATIVE] = representative.pk
    return representative


def current_representative(request: HttpRequest) -> Representative | None:
    pk = request.session.get(SESSION_REPRESENTATIVE)
    if pk is None:
        return None
    return Representative.objects.select_related("organisation").filter(pk=pk).first()


def representative_logout(request: HttpRequest) -> None:
    request.session.pop(SESSION_REPRESENTATIVE, None)
    request.session.cycle_key()
