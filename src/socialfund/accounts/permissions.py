"""Who counts as staff of an organisation: the one rule consultations, reports and the ledger's pages share."""

from __future__ import annotations

from socialfund.accounts.models import User


def is_staff_of(user: User, organisation_id: int | None) -> bool:
    """Signed in, with a role, in the organisation (the superuser too: only in their own)."""
    if not user.is_authenticated or not user.role_codes:
        return False
    return organisation_id is not None and user.organisation_id == organisation_id
