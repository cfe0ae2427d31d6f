"""Reads of guideline versions."""

from __future__ import annotations

import re
from typing import Any

from django.db import DatabaseError

from socialfund.guidelines.models import GuidelineVersion, VersionStatus

STORED_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*-\d{8}-[0-9a-f]{6}$")
"""The ids the editor gives (`services._new_policy_id`): only these are looked up, so a name that is no
stored id (a typo on the command line, a shipped id) never touches the database."""


def stored_document(policy_id: str) -> dict[str, Any] | None:
    """The document of a proposed or adopted version by id (for `load_policy`); drafts are never loaded by id,
    since a draft still changes and a case is never judged by it."""
    if not STORED_ID.match(policy_id):
        return None
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
