"""Reads of funds."""

from __future__ import annotations

from django.db.models import QuerySet

from socialfund.accounts.models import User
from socialfund.funds.models import Fund


def funds_visible_to(*, user: User) -> QuerySet[Fund]:
    """The funds of the user's organisation (all funds for a user without one, e.g. a superuser)."""
    funds = Fund.objects.select_related("organisation", "decided_by").order_by("name")
    if user.organisation_id is not None:
        funds = funds.filter(organisation_id=user.organisation_id)
    return funds
