"""Writing audit events. Every service that changes state calls `audit_record` inside its transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from socialfund.audit.models import AuditEvent

if TYPE_CHECKING:  # audit sits below accounts (docs/architecture.md): the user is only named, never used
    from socialfund.accounts.models import User


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    message: str = "",
    from_state: str = "",
    to_state: str = "",
    data: dict[str, Any] | None = None,
    initiative: Any = None,
) -> AuditEvent:
    """Record who did what to which object. `initiative` ties the event to a case's activity log."""
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        initiative=initiative,
        from_state=from_state,
        to_state=to_state,
        message=message,
        data=data or {},
    )
