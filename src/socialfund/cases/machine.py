"""The case machine (socialfund.core.casemachine) asked about a stored case and a signed-in user.

Everything that decides who may act on a case — the services, the case page, the inbox, the
desks, the start page, the API — asks here, so that they cannot disagree.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import get_language

from socialfund.accounts.models import User
from socialfund.cases import permissions as perm
from socialfund.cases.models import Initiative
from socialfund.cases.workflow import policy_for
from socialfund.core import casemachine as cm
from socialfund.core.policy import Policy
from socialfund.core.policy.errors import InputError


def _parties_signed(initiative: Initiative) -> bool:
    """Whether every party named in the application has signed (the `all_parties` sign-off)."""
    from socialfund.cases.screening import initiative_as_file
    from socialfund.core.screening import parse_initiative

    try:
        parties = parse_initiative(initiative_as_file(initiative)).parties
    except (InputError, LookupError):  # half-filled answers have not been signed by anyone
        return False
    return bool(parties) and all(party.signed_off is not None for party in parties)


def _findings(initiative: Initiative) -> dict[str, str]:
    from socialfund.cases.screening import screening_for

    try:
        result = screening_for(initiative)
    except (InputError, LookupError):  # answers that cannot be screened yet have no findings to block on
        return {}
    return {finding.rule: finding.status for finding in result.findings}


def case_state(initiative: Initiative, *, findings: bool = False) -> cm.CaseState:
    """The case as the machine sees it. The screening's findings (the costly part) only when asked for."""
    signoffs = {str(kind) for kind in initiative.signoffs.values_list("kind", flat=True)}
    policy = policy_for(initiative)
    if "all_parties" in policy.signoffs_up_to(initiative.stage) if initiative.stage in policy.stage_codes else False:
        if _parties_signed(initiative):
            signoffs.add("all_parties")
    state = cm.CaseState(
        stage=initiative.stage,
        status=initiative.status,
        signoffs=frozenset(signoffs),
        findings=_findings(initiative) if findings else {},
        has_lead_board=initiative.lead_board_id is not None,
    )
    return _with_opinions(state, initiative) if findings else state


def _with_opinions(state: cm.CaseState, initiative: Initiative) -> cm.CaseState:
    """Who has given an opinion, and which boards the case concerns (its lead board, then its partners)."""
    opinions = list(initiative.opinions.select_related("body", "board"))
    affected = [initiative.lead_board] if initiative.lead_board is not None else []
    affected += [b for b in initiative.partner_boards.order_by("code") if b.pk != initiative.lead_board_id]
    return replace(
        state,
        opinions=len(opinions),
        opinion_bodies=frozenset(o.body.name for o in opinions if o.body is not None),
        opinion_boards=frozenset(o.board.code for o in opinions if o.board is not None),
        affected_boards=tuple((board.code, board.display_name) for board in affected),
    )


def actor_for(user: User, initiative: Initiative) -> cm.Actor:
    return cm.Actor(
        roles=frozenset(user.role_codes),
        for_board=perm.acts_for_board(user, initiative),
        heads_office=perm.heads_office_for_board(user, initiative),
        has_board=user.board_id is not None,
    )


def available_actions(user: User, initiative: Initiative, *, with_gates: bool = True) -> list[cm.Available]:
    """What this user may do on the case now (with each moving action's gate, when asked)."""
    if not user.is_authenticated or not perm.can_view(user, initiative):
        return []
    return cm.available(
        policy_for(initiative), case_state(initiative, findings=with_gates), actor_for(user, initiative)
    )


def may(user: User, initiative: Initiative, code: str) -> bool:
    """Whether the action is offered to the user now (its gate aside). Asked once per user and state of
    this loaded case (a page asks for each of its actions)."""
    key = (user.pk, initiative.status, initiative.stage, initiative.lead_board_id, initiative.version)
    offers: dict[tuple[object, ...], set[str]] = initiative.__dict__.setdefault("_machine_offers", {})
    if key not in offers:
        offers[key] = {a.code for a in available_actions(user, initiative, with_gates=False)}
    return code in offers[key]


def stage_offers(initiative: Initiative, code: str) -> bool:
    """Whether the case is active at a stage where this action is the one that moves it on."""
    if initiative.status != cm.ACTIVE:
        return False
    policy = policy_for(initiative)
    if code == "opinion":
        return cm.acting_role(policy, initiative.stage) == cm.OPINION_GIVER
    return cm.stage_action(policy, initiative.stage) == code


def waits_for(initiative: Initiative, policy: Policy | None = None) -> str | None:
    """The role the case waits for now."""
    state = cm.CaseState(
        stage=initiative.stage, status=initiative.status, has_lead_board=initiative.lead_board_id is not None
    )
    return cm.waits_for(policy or policy_for(initiative), state)


def gate_for(initiative: Initiative) -> cm.GateCheck:
    return cm.gate(policy_for(initiative), case_state(initiative, findings=True))


def stage_label(policy: Policy | None, code: str) -> str:
    """A stage's name in the reader's language, from the policy (the code itself only for a stage it lacks)."""
    stage = cm.stage_of(policy, code) if policy is not None else None
    if stage is None:
        return code
    return stage.name_en if get_language() == "en" else stage.name_sv


def action_label(spec: cm.ActionSpec) -> str:
    return spec.label_en if get_language() == "en" else spec.label_sv


def desk_holds(initiative: Initiative, role: str, policy: Policy | None = None) -> bool:
    """Whether the case lies on this role's desk (its preparation desk, its queue on the start page)."""
    state = cm.CaseState(
        stage=initiative.stage, status=initiative.status, has_lead_board=initiative.lead_board_id is not None
    )
    return cm.on_desk(policy or policy_for(initiative), state, role)
