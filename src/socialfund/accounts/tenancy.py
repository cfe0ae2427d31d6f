"""Which tenant a user works in, and the one audited door for work across every organisation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from socialfund.audit.models import AuditEvent
from socialfund.organisation.tenancy import ACROSS, entered, tenant_for_id
from socialfund.tenant_context import ALL, Tenant

NO_TENANT: Tenant | None = None


def tenant_of(user: Any) -> Tenant | None:
    """A signed-in user works in their own organisation (the superuser too, as `is_staff_of` says);
    a user without an organisation in none. Anonymous visitors: see `socialfund.tenancy.middleware`."""
    organisation_id = getattr(user, "organisation_id", None) if getattr(user, "is_authenticated", False) else None
    return tenant_for_id(organisation_id) if organisation_id is not None else NO_TENANT


@contextmanager
def across_tenants(*, actor: Any, reason: str) -> Iterator[None]:
    """Work across every organisation (the shared service's operator, a command that serves all): the only
    way in, and it leaves an audit event naming who and why before anything is read."""
    if not reason.strip():
        raise ValueError("across_tenants needs a reason")
    with entered(ACROSS):
        AuditEvent.objects.create(
            actor=actor if getattr(actor, "pk", None) else None,
            action="tenancy_across",
            target_type="organisation.organisation",
            target_id=ALL,
            message=reason,
        )
        yield
