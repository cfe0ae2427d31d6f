"""Login with the municipality's identity provider (OpenID Connect: Entra ID or another).

Optional: active when OIDC_RP_CLIENT_ID is set. A user is found or created by
the `preferred_username` claim (else the e-mail), and their roles follow the
provider's groups through OIDC_GROUP_ROLES (group name -> role code), so that the
provider, not this system, decides who is in the preparation group.
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


class MunicipalOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(username=username_from_claims(claims))

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> User:
        code = getattr(settings, "OIDC_ORGANISATION_CODE", "")
        user = User.objects.create_user(
            username=username_from_claims(claims),
            email=claims.get("email", ""),
            first_name=claims.get("given_name", "")[:150],
            last_name=claims.get("family_name", "")[:150],
            organisation=Organisation.objects.filter(code=code).first() if code else None,
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user: User, claims: dict[str, Any]) -> User:
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
