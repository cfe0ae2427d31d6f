"""Reads of funds."""

from __future__ import annotations

from django.db.models import QuerySet

from socialfund.accounts.models import User
from socialfund.funds.models import Fund
from socialfund.organisation.tenancy import scoped


def funds_visible_to(*, user: User) -> QuerySet[Fund]:
    """The funds of the user's organisation (the superuser's too); none for a user without one."""
    funds = Fund.objects.select_related("organisation", "decided_by").order_by("name")
    if user.organisation_id is None:
        return funds.none()
    return scoped(funds.filter(organisation_id=user.organisation_id))
