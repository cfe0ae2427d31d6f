"""The bridge between a case and its fund's policy: which stages, which actor, which gate.

A case is judged by the policy version in force on the day it was filed (kept in
`Initiative.policy_id`); a draft by the version in force today.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import get_language, gettext

from socialfund.cases.codes import MEMO_STATUSES, Status
from socialfund.cases.models import Initiative
from socialfund.core import casemachine
from socialfund.core.policy import Policy, PolicyError, load_policy
from socialfund.core.policy.registry import shipped_policy_ids
from socialfund.core.policy.workflow import Stage
from socialfund.funds.models import Fund, PolicyVersion


@lru_cache(maxsize=64)
def _policy(policy_id: str) -> Policy:
    """Shipped policies are immutable data; load each once per process."""
    return load_policy(policy_id)


def policy_by_id(policy_id: str) -> Policy:
    """A policy by its id, loaded once per process."""
    return _policy(policy_id)


def policy_id_among(versions: Iterable[PolicyVersion], on: dt.date) -> str | None:
    """The id `policy_id_in_force` gives, from a fund's versions already read (a page listing funds reads
    them in one query, not one per fund): the latest adopted on or before `on`, else the earliest adopted."""
    adopted = sorted((v.adopted_on, v.policy_id) for v in versions if v.adopted_on is not None)
    in_force = [policy_id for adopted_on, policy_id in adopted if adopted_on <= on]
    if in_force:
        return in_force[-1]
    return adopted[0][1] if adopted else None


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
    return casemachine.entry_stages(policy)


def decision_stage_code(policy: Policy) -> str:
    """The last stage is where the decision is taken."""
    return policy.stages[-1].code


def acting_role(policy: Policy, stage_code: str) -> str | None:
    """The role that acts at a stage (the case machine's answer)."""
    return casemachine.acting_role(policy, stage_code)


def initiative_acting_role(initiative: Initiative) -> str | None:
    return acting_role(policy_for(initiative), initiative.stage)


def stage_name(code: str, policy: Policy | None) -> str:
    """A stage's name in the reader's language, from the guidelines; for a stage they lack (a case filed
    under older guidelines), the name any shipped guidelines give it."""
    # The shipped guidelines are read only when the case's own lack the stage (lazily: a list names 50 stages).
    candidates = itertools.chain([policy] if policy is not None else [], map(_policy, shipped_policy_ids()))
    for candidate in candidates:
        stage = casemachine.stage_of(candidate, code)
        if stage is not None:
            return stage.name_en if get_language() == "en" else stage.name_sv
    return gettext("Okänt steg")


def stage_name_of(initiative: Initiative) -> str:
    """The stage's name in the case's guidelines. For a case not yet filed, the fund's version in force
    today, read from its versions as loaded (a list prefetches them: no query per row)."""
    policy_id = initiative.policy_id
    if not policy_id:
        today = timezone.localdate()
        # A version without an adoption date is a proposal: never in force.
        adopted = [
            (v.adopted_on, v.policy_id)
            for v in initiative.fund.policy_versions.all()
            if v.adopted_on is not None and v.adopted_on <= today
        ]
        policy_id = max(adopted)[1] if adopted else ""
    try:
        policy = _policy(policy_id) if policy_id else None
    except PolicyError:
        policy = None
    return stage_name(initiative.stage, policy)


def memo_applies(initiative: Initiative) -> bool:
    """Whether a case has its decision memo: an application on its way to the decision (or granted there).
    The case page offers the memo by this rule, and the memo page refuses any other case by it."""
    policy = policy_if_any(initiative)
    if policy is None:
        # Without guidelines there are no stages to go by: a granted case still has its memo.
        return initiative.status == Status.GRANTED
    return initiative.status in MEMO_STATUSES and initiative.stage in casemachine.memo_stages(policy)
