"""Changes of a fund's settings and of its guideline versions always leave an audit event.

The admin edits funds with Django's forms; it calls `fund_settings_record` in the same transaction,
with the state read before the save.
"""

from __future__ import annotations

from typing import Any

from socialfund.accounts.models import User
from socialfund.audit.changes import field_changes
from socialfund.audit.models import AuditEvent
from socialfund.audit.services import audit_record
from socialfund.funds.models import Fund

SETTINGS = (
    "name",
    "slug",
    "capital",
    "decided_on",
    "decision_paragraph",
    "registry_number",
    "registry_number_pattern",
)


def fund_snapshot(fund: Fund | None) -> dict[str, Any] | None:
    """The fund's settings and guideline versions as stored now (None for a fund not yet saved)."""
    if fund is None or fund.pk is None:
        return None
    fresh = Fund.objects.select_related("organisation", "decided_by").get(pk=fund.pk)
    snapshot: dict[str, Any] = {name: str(getattr(fresh, name)) for name in SETTINGS}
    snapshot["organisation"] = fresh.organisation.code
    snapshot["decided_by"] = fresh.decided_by.code if fresh.decided_by else None
    snapshot["policy_versions"] = [
        {
            "policy_id": v.policy_id,
            "adopted_on": v.adopted_on.isoformat() if v.adopted_on else None,
            "decided_by": v.decided_by.code if v.decided_by else None,
            "decision_paragraph": v.decision_paragraph,
            "note": v.note,
        }
        for v in fresh.policy_versions.select_related("decided_by").order_by("adopted_on", "pk")
    ]
    return snapshot


def fund_settings_record(*, actor: User | None, fund: Fund, before: dict[str, Any] | None) -> AuditEvent | None:
    """Record the change of the fund's settings or guidelines since `before`; nothing when nothing changed."""
    after = fund_snapshot(fund)
    assert after is not None
    changes = field_changes(before, after)
    if not changes:
        return None
    return audit_record(
        actor=actor,
        action="fund_create" if before is None else "fund_settings_change",
        target=fund,
        message="Fondens inställningar ändrade: " + ", ".join(sorted(changes)),
        data={"changes": changes},
    )
