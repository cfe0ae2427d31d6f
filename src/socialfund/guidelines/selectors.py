"""Reads of guideline versions."""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError

from socialfund.guidelines.models import GuidelineVersion, VersionStatus


def stored_document(policy_id: str) -> dict[str, Any] | None:
    """The document of a proposed or adopted version by id (for `load_policy`); drafts are never loaded by id,
    since a draft still changes and a case is never judged by it."""
    try:
        return (
            GuidelineVersion.objects.exclude(status=VersionStatus.DRAFT)
            .filter(policy_id=policy_id)
            .values_list("document", flat=True)
            .first()
        )
    except DatabaseError:
        # No table yet (before migrate): nothing stored.
        return None
