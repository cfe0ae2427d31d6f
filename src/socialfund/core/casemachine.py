"""The case machine: what may happen to a case next, by whom, and where it leads — read from the fund's policy.

Pure Python over a `Policy`: no stage code of any fund is written here. A case's state is
its stage (a code of the policy), its status, the sign-offs recorded and the screening's
findings; an actor is a user's roles and their relation to the case (acts for its lead
board, heads the office of that board). From these the machine answers

- `available(policy, state, actor)`: the actions this actor may take now, each with its gate;
- `gate(policy, state)`: what still stops the case leaving its stage (sign-offs and the
  policy's `gate.rules`, or every blocking rule of the stage where the file leaves them out);
- `acting_role(policy, stage)`: who acts at a stage;
- `next_state(policy, state, code)`: where an action leads.

The services ask it before they change anything; the pages, the inbox and the API ask it
what to offer. Who acts at a stage comes from the stage's `actor`: an applicant stage is the
applicant board's, a `board` stage is the deciding body's (its decisions are registered by
the registrar), and the last stage is the decision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from socialfund.core.policy import Policy
from socialfund.core.policy.vocabulary import SIGNOFF_LABELS
from socialfund.core.policy.workflow import Stage

# Case statuses, as stored (socialfund.cases.codes.Status uses the same codes).
DRAFT = "draft"
ACTIVE = "active"
ON_HOLD = "on_hold"
GRANTED = "granted"
REJECTED = "rejected"
OPEN_STATUSES = frozenset({DRAFT, ACTIVE, ON_HOLD})
CLOSING_STATUSES = {"withdraw": "withdrawn", "refuse": "refused", "advise_against": "advised_against"}

# Users' roles (socialfund.accounts.roles.Role uses the same codes).
APPLICANT = "applicant"
OFFICE_HEAD = "office_head"
PREPARATION_GROUP = "preparation_group"
CITY_DIRECTOR = "city_director"
OPINION_GIVER = "opinion_giver"
REGISTRAR = "registrar"

# A stage actor of the policy and the user role that acts for it. `board` is the deciding body
# (a regional board's first decision, the executive board's decision): the registrar registers it.
ACTOR_ROLES: dict[str, str] = {
    "applicant": APPLICANT,
    "board": REGISTRAR,
    "office_head": OFFICE_HEAD,
    "preparation_group": PREPARATION_GROUP,
    "city_director": CITY_DIRECTOR,
    "opinion_giver": OPINION_GIVER,
    "registrar": REGISTRAR,
    "finance": "finance",
    "administrator": "administrator",
    "reader": "reader",
}

# Finding statuses that stop a case at a gate. At an applicant's stage only a failed rule stops it
# (what is missing or waits for a human assessment is the preparation group's to settle later).
BLOCKING_AT_APPLICANT = frozenset({"fail"})
BLOCKING_AT_OFFICIAL = frozenset({"fail", "missing", "assess"})

FieldKind = Literal["text", "date", "choice", "amounts", "rules", "boolean"]


@dataclass(frozen=True)
class Field:
    name: str
    label_sv: str
    kind: FieldKind = "text"
    required: bool = True


@dataclass(frozen=True)
class ActionSpec:
    code: str
    label_sv: str
    label_en: str
    fields: tuple[Field, ...] = ()
    moves: bool = False
    """Whether the action leaves the stage (and so passes the stage's gate)."""


_DATE = Field("decided_on", "Beslutsdatum", "date")
_PARAGRAPH = Field("paragraph", "Paragraf", "text")

ACTIONS: dict[str, ActionSpec] = {
    spec.code: spec
    for spec in (
        ActionSpec("submit", "Lämna in", "Submit", moves=True),
        ActionSpec(
            "return_for_completion",
            "Skicka tillbaka för komplettering",
            "Return for completion",
            (Field("missing", "Vad som behöver kompletteras"),),
        ),
        ActionSpec(
            "prepare", "Avsluta beredningen", "Complete the preparation", (Field("memo", "Beredningspromemoria"),), True
        ),
        ActionSpec("approve", "Godkänn", "Approve", (Field("note", "Anteckning", required=False),), True),
        ActionSpec(
            "opinion",
            "Registrera yttrande",
            "Register an opinion",
            (
                Field("giver", "Utskott eller nämnd", "choice"),
                Field("position", "Ställningstagande", "choice"),
                Field("decided_on", "Datum", "date"),
                Field("summary", "Sammanfattning", required=False),
                Field("paragraph", "Paragraf", required=False),
            ),
        ),
        ActionSpec("opinions_complete", "Lämna till beslut", "Send to decision", moves=True),
        ActionSpec(
            "stage_decision",
            "Registrera beslutet",
            "Register the decision",
            (_DATE, _PARAGRAPH, Field("note", "Beslutet i korthet", required=False)),
            True,
        ),
        ActionSpec(
            "stage_complete",
            "Klart – lämna vidare",
            "Done – pass on",
            (Field("note", "Anteckning", required=False),),
            True,
        ),
        ActionSpec(
            "decide",
            "Registrera beslutet",
            "Register the decision",
            (
                _DATE,
                _PARAGRAPH,
                Field("outcome", "Beslut", "choice"),
                Field("text", "Beslutstext"),
                Field("conditions", "Villkor", required=False),
                Field("amounts", "Belopp per år", "amounts", required=False),
            ),
        ),
        ActionSpec(
            "signoff",
            "Registrera förankring",
            "Record a sign-off",
            (
                Field("kind", "Förankring", "choice"),
                Field("signed_on", "Datum", "date"),
                Field("reference", "Beslut eller referens", required=False),
            ),
        ),
        ActionSpec(
            "assess",
            "Bedöm en regel",
            "Assess a rule",
            (
                Field("rule_id", "Regel", "choice"),
                Field("verdict", "Bedömning", "choice"),
                Field("note", "Motivering", required=False),
            ),
        ),
        ActionSpec("sponsor", "Ta ansvar för idén", "Take on the idea"),
        ActionSpec(
            "withdraw",
            "Återkalla initiativet",
            "Withdraw the initiative",
            (Field("reason", "Skäl", "choice"), Field("note", "Beskrivning", required=False)),
        ),
        ActionSpec(
            "refuse",
            "Avvisa",
            "Refuse",
            (Field("rule_ids", "Regler som inte uppfylls", "rules"), Field("note", "Motivering")),
        ),
        ActionSpec("advise_against", "Avråd", "Advise against", (Field("note", "Motivering"),)),
        ActionSpec("hold", "Lägg vilande", "Put on hold", (Field("note", "Varför"),)),
        ActionSpec("resume", "Återuppta", "Resume"),
    )
}

# The roles that may ever take each action (whether they may now is `available`'s answer).
ACTION_ROLES: dict[str, frozenset[str]] = {
    "submit": frozenset({APPLICANT}),
    "sponsor": frozenset({APPLICANT}),
    "return_for_completion": frozenset({PREPARATION_GROUP}),
    "prepare": frozenset({PREPARATION_GROUP}),
    "assess": frozenset({PREPARATION_GROUP}),
    "refuse": frozenset({PREPARATION_GROUP}),
    "advise_against": frozenset({PREPARATION_GROUP}),
    "hold": frozenset({PREPARATION_GROUP}),
    "resume": frozenset({PREPARATION_GROUP}),
    "approve": frozenset({CITY_DIRECTOR}),
    "opinion": frozenset({OPINION_GIVER, REGISTRAR}),
    "opinions_complete": frozenset({OPINION_GIVER, REGISTRAR}),
    "stage_decision": frozenset({REGISTRAR}),
    "decide": frozenset({REGISTRAR}),
    "signoff": frozenset({OFFICE_HEAD, APPLICANT, REGISTRAR}),
    "withdraw": frozenset({APPLICANT, PREPARATION_GROUP}),
    "stage_complete": frozenset(ACTOR_ROLES.values()),
}

# The action that takes a case out of a stage, by the role that acts there.
MOVING_ACTIONS: dict[str, str] = {
    APPLICANT: "submit",
    PREPARATION_GROUP: "prepare",
    CITY_DIRECTOR: "approve",
    OPINION_GIVER: "opinions_complete",
}


@dataclass(frozen=True)
class CaseState:
    stage: str
    status: str
    signoffs: frozenset[str] = frozenset()
    """Sign-offs given: `office_head`, `board`, and `all_parties` once every party has signed."""
    findings: Mapping[str, str] = field(default_factory=dict)
    """The screening's status per rule id (pass, warn, fail, missing, assess, n/a)."""
    has_lead_board: bool = True
    opinions: int = 0
    opinion_bodies: frozenset[str] = frozenset()
    """The bodies (committees) that have given an opinion, by name as the organisation gives it."""
    opinion_boards: frozenset[str] = frozenset()
    """The boards that have given an opinion, by code."""
    affected_boards: tuple[tuple[str, str], ...] = ()
    """The boards the case concerns (its lead board and partner boards), as (code, name)."""


@dataclass(frozen=True)
class Actor:
    roles: frozenset[str]
    for_board: bool = False
    """Acts for the case's lead board (or made the case while it has none)."""
    heads_office: bool = False
    """Heads an office that works for the case's lead board."""
    has_board: bool = False
    """Belongs to some board (and so may take on an outside actor's idea)."""


@dataclass(frozen=True)
class GateCheck:
    missing_signoffs: tuple[str, ...] = ()
    failing_rules: tuple[str, ...] = ()
    missing_opinions: tuple[str, ...] = ()
    """The names of the bodies and boards whose opinion the policy requires and that have not given it."""
    other: tuple[str, ...] = ()
    """Other reasons in Swedish (no opinion registered yet)."""

    @property
    def passes(self) -> bool:
        return not (self.missing_signoffs or self.failing_rules or self.missing_opinions or self.other)

    def reason_sv(self) -> str:
        parts = []
        if self.missing_signoffs:
            parts.append(
                "förankring saknas hos " + " och ".join(SIGNOFF_LABELS.get(s, s) for s in self.missing_signoffs)
            )
        if self.failing_rules:
            parts.append("riktlinjernas krav är inte uppfyllda")
        if self.missing_opinions:
            parts.append("yttrande saknas från " + names_sv(self.missing_opinions))
        parts.extend(self.other)
        return "; ".join(parts)


def names_sv(names: tuple[str, ...]) -> str:
    """ "A", "A och B", "A, B och C"."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


@dataclass(frozen=True)
class Available:
    spec: ActionSpec
    gate: GateCheck = GateCheck()

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def passes(self) -> bool:
        return self.gate.passes


# -- the policy's stages ------------------------------------------------------------------------------


def stage_of(policy: Policy, code: str) -> Stage | None:
    return next((stage for stage in policy.stages if stage.code == code), None)


def is_decision_stage(policy: Policy, code: str) -> bool:
    return bool(policy.stages) and policy.stages[-1].code == code


def acting_role(policy: Policy, stage_code: str) -> str | None:
    """The user role that acts at a stage: the last stage's decision is registered by the registrar."""
    stage = stage_of(policy, stage_code)
    if stage is None:
        return None
    if is_decision_stage(policy, stage_code):
        return REGISTRAR
    return ACTOR_ROLES.get(stage.actor)


def stage_action(policy: Policy, stage_code: str) -> str | None:
    """The action that takes a case out of this stage."""
    role = acting_role(policy, stage_code)
    if role is None:
        return None
    if is_decision_stage(policy, stage_code):
        return "decide"
    stage = stage_of(policy, stage_code)
    assert stage is not None
    if stage.actor == "board":
        return "stage_decision"
    return MOVING_ACTIONS.get(role, "stage_complete")


def entry_stages(policy: Policy) -> tuple[str, ...]:
    """Stages a new case may start at: the applicant's, before any other actor's."""
    codes = []
    for stage in policy.stages:
        if acting_role(policy, stage.code) != APPLICANT:
            break
        codes.append(stage.code)
    return tuple(codes) or (policy.stages[0].code,)


def applicant_stage_before(policy: Policy, stage_code: str) -> str | None:
    """The latest applicant stage before this one: where a case returned for completion goes back to."""
    index = policy.stage_index(stage_code)
    for stage in reversed(policy.stages[:index]):
        if acting_role(policy, stage.code) == APPLICANT:
            return stage.code
    return None


def memo_stages(policy: Policy) -> tuple[str, ...]:
    """Stages at which an application is on its way to the decision, and its decision memo is written:
    officials' stages from the formal application on."""
    formal = policy.applicants.formal_from if policy.applicants else None
    start = policy.stage_index(formal) if formal in policy.stage_codes else 0
    return tuple(stage.code for stage in policy.stages[start:] if acting_role(policy, stage.code) != APPLICANT)


def desk_stages(policy: Policy, role: str) -> tuple[str, ...]:
    """The stages whose cases lie on a role's desk. The preparation group follows a case from its first
    stage until it leaves the group's hands (it advises on ideas before it prepares the application);
    every other role has the stages it acts at."""
    if role == PREPARATION_GROUP:
        if not any(acting_role(policy, s.code) == PREPARATION_GROUP for s in policy.stages):
            return ()
        codes = []
        for stage in policy.stages:
            if acting_role(policy, stage.code) not in (APPLICANT, PREPARATION_GROUP):
                break
            codes.append(stage.code)
        return tuple(codes)
    return tuple(stage.code for stage in policy.stages if acting_role(policy, stage.code) == role)


def on_desk(policy: Policy, state: CaseState, role: str) -> bool:
    """Whether an active case lies on a role's desk. An outside idea without a board is on no official's desk:
    it goes first to its area's office and board, and reaches the preparation group once a board sponsors it
    (the evaluation's lesson that office heads came in too late; DOMAIN.md rule 12)."""
    if state.status != ACTIVE:
        return False
    if not state.has_lead_board and role != APPLICANT:
        return False
    return state.stage in desk_stages(policy, role) or waits_for(policy, state) == role


StageForm = Literal["short", "sketch", "full"]


def stage_form(policy: Policy, stage_code: str) -> StageForm:
    """How much the applicant fills in at a stage: a short interest registration, an idea sketch, or the
    full application. The full application is from the policy's `applicants.formal_from` (or, where the
    policy names none, the last applicant stage before the decision); the applicant stages before it are
    sketches, the first of two or more of them a short registration."""
    codes = policy.stage_codes
    if stage_code not in codes:
        return "full"
    formal = policy.applicants.formal_from if policy.applicants else None
    applicant = [s for s in codes if acting_role(policy, s) == APPLICANT]
    if formal not in codes:
        formal = applicant[-1] if applicant else codes[0]
    assert formal is not None
    if codes.index(stage_code) >= codes.index(formal):
        return "full"
    before = [s for s in applicant if codes.index(s) < codes.index(formal)]
    return "short" if len(before) >= 2 and stage_code == before[0] else "sketch"


def roles_named(policy: Policy) -> tuple[str, ...]:
    """The user roles that act somewhere in this policy's workflow, in the order they first act."""
    roles: list[str] = []
    for stage in policy.stages:
        role = acting_role(policy, stage.code)
        if role and role not in roles:
            roles.append(role)
    signoffs = {s for stage in policy.stages for s in stage.gate.signoffs}
    if OFFICE_HEAD in signoffs and OFFICE_HEAD not in roles:
        roles.append(OFFICE_HEAD)
    return tuple(roles)


# -- gates --------------------------------------------------------------------------------------------


def gate_rules(policy: Policy, stage_code: str) -> tuple[str, ...]:
    """The rules that must not fail to leave a stage: the gate's own list, or every blocking rule there."""
    stage = stage_of(policy, stage_code)
    if stage is None:
        return ()
    if "rules" in stage.gate.model_fields_set:
        return tuple(stage.gate.rules)
    return tuple(rule.id for rule in policy.rules_at(stage_code) if rule.severity == "block")


def gate(policy: Policy, state: CaseState) -> GateCheck:
    """What still stops the case leaving its stage."""
    if stage_of(policy, state.stage) is None:
        return GateCheck(other=("ärendets steg finns inte i riktlinjerna",))
    missing = tuple(s for s in policy.signoffs_up_to(state.stage) if s not in state.signoffs)
    blocking = BLOCKING_AT_APPLICANT if acting_role(policy, state.stage) == APPLICANT else BLOCKING_AT_OFFICIAL
    failing = tuple(r for r in gate_rules(policy, state.stage) if state.findings.get(r) in blocking)
    other: tuple[str, ...] = ()
    opinions: tuple[str, ...] = ()
    if acting_role(policy, state.stage) == OPINION_GIVER:
        opinions = missing_opinions(policy, state)
        if not opinions and state.opinions == 0:
            other = ("inget yttrande är registrerat",)
    return GateCheck(missing_signoffs=missing, failing_rules=failing, missing_opinions=opinions, other=other)


def missing_opinions(policy: Policy, state: CaseState) -> tuple[str, ...]:
    """Whose opinion the stage's gate requires and has not been given: its bodies by name, then the boards the
    case concerns (where the gate asks for them). A gate that names no one asks for one opinion, any one."""
    stage = stage_of(policy, state.stage)
    required = stage.gate.opinions if stage is not None else None
    if required is None:
        return ()
    given = {name.casefold() for name in state.opinion_bodies}
    missing = [body for body in required.bodies if body.casefold() not in given]
    if required.affected_boards:
        missing += [name for code, name in state.affected_boards if code not in state.opinion_boards]
    return tuple(missing)


# -- what an actor may do ----------------------------------------------------------------------------


def _stage_actions(policy: Policy, state: CaseState, actor: Actor) -> list[str]:
    if state.status == DRAFT:
        return ["submit"] if actor.for_board and APPLICANT in actor.roles else []
    if state.status != ACTIVE:
        return []
    role = acting_role(policy, state.stage)
    if role is None:
        return []
    if role == APPLICANT:
        return ["submit"] if actor.for_board and APPLICANT in actor.roles and state.has_lead_board else []
    if role == OPINION_GIVER:
        return ["opinion", "opinions_complete"] if actor.roles & {OPINION_GIVER, REGISTRAR} else []
    if role not in actor.roles:
        return []
    codes = [c for c in (stage_action(policy, state.stage),) if c]
    if role == PREPARATION_GROUP and applicant_stage_before(policy, state.stage):
        codes.append("return_for_completion")
    return codes


def _case_actions(state: CaseState, actor: Actor) -> list[str]:
    codes: list[str] = []
    open_case = state.status in OPEN_STATUSES
    prep = PREPARATION_GROUP in actor.roles
    if state.status in (DRAFT, ACTIVE) and state.has_lead_board:
        if actor.heads_office or actor.for_board or REGISTRAR in actor.roles:
            codes.append("signoff")
    if state.status == ACTIVE and prep:
        codes.append("assess")
    if state.status == ACTIVE and not state.has_lead_board and APPLICANT in actor.roles and actor.has_board:
        codes.append("sponsor")
    if open_case and (actor.for_board or (not state.has_lead_board and prep)):
        codes.append("withdraw")
    if state.status in (ACTIVE, ON_HOLD) and prep:
        codes.extend(["refuse", "advise_against"])
    if state.status == ACTIVE and prep:
        codes.append("hold")
    if state.status == ON_HOLD and prep:
        codes.append("resume")
    return codes


def available(policy: Policy, state: CaseState, actor: Actor) -> list[Available]:
    """The actions this actor may take on the case now, each with what its gate says."""
    found: list[Available] = []
    for code in _stage_actions(policy, state, actor) + _case_actions(state, actor):
        spec = ACTIONS[code]
        check = gate(policy, state) if spec.moves and state.status == ACTIVE else GateCheck()
        found.append(Available(spec, check))
    return found


def allows(policy: Policy, state: CaseState, actor: Actor, code: str) -> Available | None:
    return next((a for a in available(policy, state, actor) if a.code == code), None)


def waits_for(policy: Policy, state: CaseState) -> str | None:
    """The role the case waits for now. An outside idea without a board waits for the applicant role: its
    area's board (official or office head) to take it on, whatever stage the policy starts it at."""
    if state.status != ACTIVE:
        return None
    if not state.has_lead_board:
        return APPLICANT
    return acting_role(policy, state.stage)


def next_state(policy: Policy, state: CaseState, code: str, *, outcome: str = GRANTED) -> CaseState:
    """Where an action leads (stage and status); actions that do not move the case leave it as it is."""
    if code == "submit" and state.status == DRAFT:
        return replace(state, status=ACTIVE)
    if code == "decide":
        return replace(state, status=GRANTED if outcome == GRANTED else REJECTED)
    if code == "return_for_completion":
        back = applicant_stage_before(policy, state.stage)
        return replace(state, stage=back) if back else state
    if code in CLOSING_STATUSES:
        return replace(state, status=CLOSING_STATUSES[code])
    if code == "hold":
        return replace(state, status=ON_HOLD)
    if code == "resume":
        return replace(state, status=ACTIVE)
    if ACTIONS[code].moves:
        following = policy.next_stage(state.stage)
        return replace(state, stage=following.code) if following else state
    return state


__all__ = [
    "ACTIONS",
    "ACTION_ROLES",
    "ActionSpec",
    "Actor",
    "Available",
    "CaseState",
    "Field",
    "GateCheck",
    "acting_role",
    "allows",
    "applicant_stage_before",
    "available",
    "desk_stages",
    "entry_stages",
    "gate",
    "gate_rules",
    "is_decision_stage",
    "memo_stages",
    "missing_opinions",
    "names_sv",
    "next_state",
    "on_desk",
    "roles_named",
    "stage_action",
    "stage_form",
    "stage_of",
    "waits_for",
]
