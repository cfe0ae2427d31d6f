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


def decision_text(body: str, on: dt.date | None, paragraph: str) -> str:
    """'Kommunfullmäktige 2026-04-20 § 54'; empty without a decision date."""
    if on is None:
        return ""
    return " ".join(part for part in (body, on.isoformat(), paragraph) if part)


def version_state(version: GuidelineVersion, on: dt.date) -> VersionState:
    status = VersionStatus(version.status)
    if status == VersionStatus.ADOPTED and version.adopted_on is not None:
        in_force = version.fund.policy_in_force(on)
        if in_force is not None and in_force.adopted_on is not None and in_force.adopted_on > version.adopted_on:
            status = VersionStatus.SUPERSEDED
    body = version.decided_by.name if version.decided_by else ""
    decision = decision_text(body, version.decision_date, version.decision_paragraph)
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


@dataclass(frozen=True)
class VersionRow:
    """One version of a fund's guidelines, wherever it came from (a shipped file or the editor)."""

    name: str
    policy_id: str
    state: VersionState
    version_pk: int | None
    """The editor's version, when it was made in the system."""


_SHIPPED_STATUS = {
    "in_force": "adopted",
    "adopted_later": "adopted",
    "superseded": "superseded",
    "proposal": "proposed",
}


def _proposal_date(policy_id: str) -> dt.date | None:
    from socialfund.core.policy import PolicyError, load_policy

    try:
        return load_policy(policy_id).adopted.proposal_date
    except PolicyError:
        return None


def all_versions(fund: Fund, on: dt.date) -> list[VersionRow]:
    """The shipped versions the fund has registered, then the ones made in the editor (newest first); each
    with its status and dates. The fund page, the guidelines page and the API all show this list."""
    from socialfund.funds.guidelines import guideline_rows

    made = fund_versions(fund, on)
    made_ids = {version.policy_id for version, _state in made}
    rows = []
    for row in guideline_rows(fund, on):
        if row.version.policy_id in made_ids:
            continue
        status = VersionStatus(_SHIPPED_STATUS[row.state])
        pv = row.version
        decision = decision_text(pv.decided_by.name if pv.decided_by else "", pv.adopted_on, pv.decision_paragraph)
        state = VersionState(
            status=status.value,
            label=str(status.label),
            proposed_on=_proposal_date(pv.policy_id),
            decided_on=row.version.adopted_on,
            in_force_from=row.version.adopted_on,
            decision=decision,
        )
        rows.append(VersionRow(row.name, row.version.policy_id, state, None))
    rows += [VersionRow(version.title, version.policy_id, state, version.pk) for version, state in made]
    return rows
