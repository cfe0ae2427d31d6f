"""The bridge between a case and its fund's policy: which stages, which actor, which gate.

A case is judged by the policy version in force on the day it was filed (kept in
`Initiative.policy_id`); a draft by the version in force today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone

from socialfund.cases.models import Initiative
from socialfund.core.policy import Policy, PolicyError, load_policy
from socialfund.core.policy.workflow import Stage
from socialfund.funds.models import Fund

# Stage actors that an applicant (a board's official) acts for.
APPLICANT_ACTORS = frozenset({"applicant", "board"})


@lru_cache(maxsize=64)
def _policy(policy_id: str) -> Policy:
    """Shipped policies are immutable data; load each once per process."""
    return load_policy(policy_id)


def policy_id_in_force(fund: Fund, on: dt.date) -> str:
    version = fund.policy_in_force(on)
    if version is None:
        # Before the first adoption: the earliest version (a case filed before the guidelines is a data error).
        version = fund.policy_versions.filter(adopted_on__isnull=False).order_by("adopted_on").first()
    if version is None:
        raise LookupError(f"Fonden {fund} har inga riktlinjer.")
    return version.policy_id


def policy_for(initiative: Initiative) -> Policy:
    policy_id = initiative.policy_id or policy_id_in_force(initiative.fund, timezone.localdate())
    return _policy(policy_id)


def policy_for_fund(fund: Fund, on: dt.date | None = None) -> Policy:
    return _policy(policy_id_in_force(fund, on or timezone.localdate()))


def policy_if_any(initiative: Initiative) -> Policy | None:
    """The case's guidelines, or None where there are none to load (a fund set up without guidelines, an
    id the system no longer has): for what still works without them, such as a document."""
    try:
        return policy_for(initiative)
    except (LookupError, PolicyError):
        return None


def fund_policy_if_any(fund: Fund, on: dt.date | None = None) -> Policy | None:
    """The fund's guidelines in force, or None where there are none to load (see `policy_if_any`)."""
    try:
        return policy_for_fund(fund, on)
    except (LookupError, PolicyError):
        return None


@dataclass(frozen=True)
class StagePosition:
    stage: Stage
    index: int
    total: int

    @property
    def is_last(self) -> bool:
        return self.index == self.total - 1


def current_stage(initiative: Initiative, policy: Policy | None = None) -> StagePosition | None:
    """The policy's stage the case is at; None if the policy has no such stage (an old case)."""
    policy = policy or policy_for(initiative)
    if initiative.stage not in policy.stage_codes:
        return None
    index = policy.stage_index(initiative.stage)
    return StagePosition(stage=policy.stages[index], index=index, total=len(policy.stages))


def entry_stages(policy: Policy) -> tuple[str, ...]:
    """Stages a new case may start at: those an applicant acts on, before any official's stage."""
    codes = []
    for stage in policy.stages:
        if stage.actor not in APPLICANT_ACTORS:
            break
        codes.append(stage.code)
    return tuple(codes) or (policy.stages[0].code,)


def decision_stage_code(policy: Policy) -> str:
    """The last stage is where the decision is taken."""
    return policy.stages[-1].code


# The role that acts at a stage. The last stage is the decision, which the registrar
# registers whoever the policy names as deciding; `board` stages before it are the
# applicant board's own steps.
ACTOR_ROLES: dict[str, str] = {
    "applicant": "applicant",
    "board": "applicant",
    "office_head": "office_head",
    "preparation_group": "preparation_group",
    "city_director": "city_director",
    "opinion_giver": "opinion_giver",
    "registrar": "registrar",
    "finance": "finance",
    "administrator": "administrator",
}


def acting_role(policy: Policy, stage_code: str) -> str | None:
    if stage_code not in policy.stage_codes:
        return None
    if stage_code == decision_stage_code(policy):
        return "registrar"
    return ACTOR_ROLES.get(policy.stage(stage_code).actor)


def initiative_acting_role(initiative: Initiative) -> str | None:
    return acting_role(policy_for(initiative), initiative.stage)
