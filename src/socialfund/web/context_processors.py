"""Values every page needs: the product's name and the signed-in user's roles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = user.roles if user is not None and user.is_authenticated else []
    return {
        "site_name": getattr(settings, "SITE_NAME", "Sociala investeringsfonden"),
        "user_roles": roles,
        "oidc_enabled": bool(getattr(settings, "OIDC_RP_CLIENT_ID", "")),
    }
