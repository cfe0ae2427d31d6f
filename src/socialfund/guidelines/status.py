"""Each version's status and dates, as `policy list`, the API and the fund page show them: one place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from socialfund.funds.models import Fund
from socialfund.guidelines.models import GuidelineVersion, VersionStatus


@dataclass(frozen=True)
class VersionState:
    status: str
    """draft, proposed, adopted or superseded."""
    label: str
    proposed_on: dt.date | None
    decided_on: dt.date | None
    in_force_from: dt.date | None
    decision: str
    """'Kommunfullmäktige 2026-04-20 § 54', or empty."""


def version_state(version: GuidelineVersion, on: dt.date) -> VersionState:
    status = VersionStatus(version.status)
    if status == VersionStatus.ADOPTED and version.adopted_on is not None:
        in_force = version.fund.policy_in_force(on)
        if in_force is not None and in_force.adopted_on is not None and in_force.adopted_on > version.adopted_on:
            status = VersionStatus.SUPERSEDED
    decision = ""
    if version.decided_by is not None and version.decision_date is not None:
        decision = " ".join(
            part
            for part in (version.decided_by.name, version.decision_date.isoformat(), version.decision_paragraph)
            if part
        )
    return VersionState(
        status=status.value,
        label=str(status.label),
        proposed_on=version.proposed_on,
        decided_on=version.decision_date,
        in_force_from=version.adopted_on,
        decision=decision,
    )


def fund_versions(fund: Fund, on: dt.date) -> list[tuple[GuidelineVersion, VersionState]]:
    versions = fund.guideline_versions.select_related("decided_by", "fund").order_by("-created_at", "-pk")
    return [(version, version_state(version, on)) for version in versions]
