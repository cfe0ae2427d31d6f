"""Changes of who may do what (roles, superuser, organisation, board, office) always leave an audit event.

The admin edits users with Django's forms; it calls `user_access_record` in the same transaction,
with the state read before the save, so that a role given or taken in the admin is recorded like
every other change of power.
"""

from __future__ import annotations

from typing import Any

from socialfund.accounts.models import User
from socialfund.audit.changes import field_changes
from socialfund.audit.models import AuditEvent
from socialfund.audit.services import audit_record


def access_snapshot(user: User | None) -> dict[str, Any] | None:
    """The user's power as stored now (None for a user not yet saved)."""
    if user is None or user.pk is None:
        return None
    fresh = User.objects.select_related("organisation", "board", "office").get(pk=user.pk)
    return {
        "username": fresh.username,
        "roles": sorted(fresh.groups.values_list("name", flat=True)),
        "is_superuser": fresh.is_superuser,
        "is_staff": fresh.is_staff,
        "is_active": fresh.is_active,
        "organisation": fresh.organisation.code if fresh.organisation else None,
        "board": fresh.board.code if fresh.board else None,
        "office": fresh.office.name if fresh.office else None,
        "permissions": sorted(fresh.user_permissions.values_list("codename", flat=True)),
    }


def user_access_record(*, actor: User | None, user: User, before: dict[str, Any] | None) -> AuditEvent | None:
    """Record the change of the user's power since `before`; nothing when nothing changed."""
    after = access_snapshot(user)
    assert after is not None
    changes = field_changes(before, after)
    if not changes:
        return None
    created = before is None
    return audit_record(
        actor=actor,
        action="user_create" if created else "user_access_change",
        target=user,
        message=("Användare skapad: " if created else "Behörighet ändrad: ") + ", ".join(sorted(changes)),
        data={"changes": changes},
    )
