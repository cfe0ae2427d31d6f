"""What changed between two snapshots of an object, as the audit event's data."""

from __future__ import annotations

from typing import Any


def field_changes(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"from": old, "to": new}} for every field whose value differs (all of them for a new object)."""
    old = before or {}
    return {
        name: {"from": old.get(name), "to": value}
        for name, value in after.items()
        if before is None or old.get(name) != value
    }
