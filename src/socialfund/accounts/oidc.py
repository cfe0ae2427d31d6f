"""Login with the municipality's identity provider (OpenID Connect: Entra ID or another).

Optional: active when OIDC_RP_CLIENT_ID is set. A user is found by the provider's subject
claim (`sub`, stored on the user at the first login), never by a local user name: a provider
account called `admin` is not the local `admin`. A new user gets the `preferred_username` as
user name when it is free, else a suffixed one. Roles follow the provider's groups through
OIDC_GROUP_ROLES (group name -> role code), so that the provider, not this system, decides who is
in the preparation group; a user from the provider is never a superuser or staff. A user whose
organisation cannot be found (OIDC_ORGANISATION_CODE unset or wrong) has none, and sees nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.organisation.models import Organisation


def username_from_claims(claims: dict[str, Any]) -> str:
    return str(claims.get("preferred_username") or claims.get("email") or claims["sub"])[:150]


def roles_from_claims(claims: dict[str, Any]) -> set[str]:
    mapping: dict[str, str] = getattr(settings, "OIDC_GROUP_ROLES", {})
    groups = claims.get(getattr(settings, "OIDC_GROUPS_CLAIM", "groups")) or []
    return {mapping[g] for g in groups if g in mapping and mapping[g] in Role.values}


def subject_from_claims(claims: dict[str, Any]) -> str:
    return str(claims.get("sub") or "")[:255]


def free_username(wanted: str) -> str:
    """The wanted user name, or the first free `wanted-2`, `wanted-3`… (a local account keeps its name)."""
    base = wanted[:140] or "oidc"
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def configured_organisation() -> Organisation | None:
    code = getattr(settings, "OIDC_ORGANISATION_CODE", "")
    return Organisation.objects.filter(code=code).first() if code else None


class MunicipalOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(subject_from_claims(claims)) and bool(super().verify_claims(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        subject = subject_from_claims(claims)
        if not subject:
            return User.objects.none()
        return User.objects.filter(oidc_subject=subject)

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> User:
        user = User.objects.create_user(
            username=free_username(username_from_claims(claims)),
            email=claims.get("email", ""),
            first_name=claims.get("given_name", "")[:150],
            last_name=claims.get("family_name", "")[:150],
            organisation=configured_organisation(),
            oidc_subject=subject_from_claims(claims),
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        audit_record(
            actor=None,
            action="oidc_user_create",
            target=user,
            message="Användare skapad vid inloggning via identitetsleverantören.",
            data={"organisation": user.organisation.code if user.organisation else None},
        )
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        if user.is_superuser or user.is_staff:
            # Power is never taken from the provider: an account it signs in is an ordinary user.
            user.is_superuser = user.is_staff = False
            user.save(update_fields=["is_superuser", "is_staff"])
            audit_record(actor=None, action="oidc_superuser_removed", target=user, message="Superanvändare borttagen.")
        wanted = roles_from_claims(claims)
        current = {g.name for g in user.groups.all()}
        if wanted != current:
            user.groups.set([Group.objects.get_or_create(name=code)[0] for code in sorted(wanted)])
            audit_record(
                actor=None,
                action="oidc_roles_sync",
                target=user,
                message="Roller från identitetsleverantören.",
                data={"from": sorted(current), "to": sorted(wanted)},
            )
        return user
