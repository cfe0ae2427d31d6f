"""Walk a case through any shipped policy's workflow, from idea to decision, asking the case machine who acts.

The walker knows no fund: at each step it asks which role the case waits for, lets that role's sandbox user
take the action the machine offers (recording the sign-offs and assessments the gate asks for first), and
goes on until the decision. A `Driver` performs the actions: through the services, or through the API's
two endpoints alone.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from socialfund.accounts.models import User
from socialfund.cases.machine import waits_for
from socialfund.cases.models import Initiative
from socialfund.cases.screening import screening_for
from socialfund.core.policy import Policy
from socialfund.demo.sandbox import SandboxSummary
from tests.cases.application_content import application_content


class Driver(Protocol):
    def create(
        self, user: User, fund_slug: str, *, title: str, initiator_type: str, content: dict[str, Any]
    ) -> int: ...

    def offered(self, user: User, case_id: int) -> list[str]: ...

    def act(self, user: User, case_id: int, code: str, data: dict[str, Any]) -> None: ...


def walk_date(policy: Policy, today: dt.date) -> dt.date:
    """A day the fund takes applications: inside its call window where it has one, else today."""
    calls = policy.calls
    if calls is None:
        return today
    if calls.closes is not None and calls.closes <= today:
        return calls.closes - dt.timedelta(days=60)
    past = [d for d in calls.deadlines if d < today]
    if calls.deadlines and len(past) == len(calls.deadlines):
        return max(calls.deadlines) - dt.timedelta(days=30)
    return today


def content_for(policy: Policy, on: dt.date) -> dict[str, Any]:
    """The demo's complete application (Mobilt team skola), fitted to the policy's own limits."""
    content = copy.deepcopy(application_content())
    start = on.year
    years = [start, start + 1]
    yearly = 200_000
    content["funding"] = {
        "requested": {str(y): str(yearly) for y in years},
        "cofinancing_share": 0.5,
        "duration_months": 24,
    }
    calc = content["calculation"]
    calc["start_year"] = start
    calc["costs"] = [
        {"label": "Mobilt team", "payer": "fund", "amounts": {y: yearly for y in years}},
        {"label": "Egen insats", "payer": "board", "amounts": {y: yearly for y in years}},
    ]
    for effect in calc["effects"]:
        effect["quantity"] = {start + 2 + n: q for n, q in enumerate(effect["quantity"].values())}
    if policy.target_groups is not None and policy.target_groups.groups:
        content["target_groups"] = [policy.target_groups.groups[0]]
    if policy.tracks:
        content["funding"]["track"] = policy.default_track or policy.tracks[0].code
    content["needs_analysis"] = {
        "description": "Hög skolfrånvaro i årskurs 4–7.",
        "data": ["Elevhälsans statistik 2025: 12 % av eleverna har hög frånvaro."],
    }
    content["partners"] = [{"name": "SN", "type": "board", "area": "social", "signed_off": on.isoformat()}]
    return content


def initiator_type_for(policy: Policy) -> str:
    allowed = policy.applicants.allowed_types if policy.applicants else ()
    for kind in ("board", "office", "region_unit"):
        if kind in allowed:
            return kind
    return "board" if not allowed else "office"


@dataclass
class Walk:
    sandbox: SandboxSummary
    driver: Driver
    on: dt.date
    steps: list[tuple[str, str, str]] = field(default_factory=list)
    """(role, action code, stage before) for every action taken."""

    def user(self, role: str) -> User:
        return self.sandbox.users[role]

    def act(self, role: str, case: Initiative, code: str, data: dict[str, Any] | None = None) -> None:
        offered = self.driver.offered(self.user(role), case.pk)
        assert code in offered, f"{role} is not offered {code} at {case.stage} ({case.status}): {offered}"
        self.steps.append((role, code, case.stage))
        self.driver.act(self.user(role), case.pk, code, data or {})

    def run(self, max_steps: int = 40) -> Initiative:
        policy = self.sandbox.policy
        case_id = self.driver.create(
            self.user("applicant"),
            self.sandbox.fund.slug,
            title=f"Mobilt team skola ({policy.id})",
            initiator_type=initiator_type_for(policy),
            content=content_for(policy, self.on),
        )
        self.steps.append(("applicant", "create", ""))
        for _ in range(max_steps):
            case = Initiative.objects.get(pk=case_id)
            if case.status in ("granted", "rejected"):
                return case
            self.step(case)
        raise AssertionError(f"the walk did not reach a decision: {self.steps}")

    def step(self, case: Initiative) -> None:
        if case.status == "draft":
            self.act("applicant", case, "submit")
            return
        role = waits_for(case)
        assert role is not None, f"nobody acts at {case.stage}"
        self.sign_what_the_gate_asks(case)
        handlers: dict[str, Callable[[Initiative], None]] = {
            "applicant": lambda c: self.act("applicant", c, "submit"),
            "preparation_group": self.prepare,
            "city_director": lambda c: self.act("city_director", c, "approve", {"note": "Godkänns."}),
            "opinion_giver": self.opinions,
            "registrar": self.decide,
        }
        handlers[role](case)

    def sign_what_the_gate_asks(self, case: Initiative) -> None:
        policy = self.sandbox.policy
        needed = policy.signoffs_up_to(case.stage)
        recorded = set(case.signoffs.values_list("kind", flat=True))
        date = self.on.isoformat()
        if "office_head" in needed and "office_head" not in recorded:
            self.act("office_head", case, "signoff", {"kind": "office_head", "signed_on": date})
        if ("board" in needed or "all_parties" in needed) and "board" not in recorded:
            self.act("applicant", case, "signoff", {"kind": "board", "signed_on": date, "reference": "UN § 1"})

    def prepare(self, case: Initiative) -> None:
        for finding in screening_for(case).findings:
            if finding.status == "assess":
                self.act("preparation_group", case, "assess", {"rule_id": finding.rule, "verdict": "pass", "note": ""})
        self.act("preparation_group", case, "prepare", {"memo": "Beredningen tillstyrker ansökan."})

    def opinions(self, case: Initiative) -> None:
        """Every opinion the stage's gate asks for (its bodies by name, the boards the case concerns), or one
        from the sandbox's committee where the gate names no one."""
        role = "opinion_giver"
        for giver in self.opinion_givers(case):
            self.act(role, case, "opinion", {"giver": giver, "position": "supports", "decided_on": self.on.isoformat()})
        self.act(role, case, "opinions_complete")

    def opinion_givers(self, case: Initiative) -> list[str]:
        stage = next(s for s in self.sandbox.policy.stages if s.code == case.stage)
        required = stage.gate.opinions
        if required is None:
            return ["UTSK"]
        bodies = self.sandbox.organisation.decision_bodies.all()
        codes = [next(b.code for b in bodies if b.name.casefold() == name.casefold()) for name in required.bodies]
        if required.affected_boards:
            codes += [case.lead_board.code] if case.lead_board is not None else []
            codes += [b.code for b in case.partner_boards.exclude(pk=case.lead_board_id)]
        return codes

    def decide(self, case: Initiative) -> None:
        date = self.on.isoformat()
        offered = self.driver.offered(self.user("registrar"), case.pk)
        if "stage_decision" in offered:
            self.act(
                "registrar", case, "stage_decision", {"decided_on": date, "paragraph": "§ 10", "note": "Prioriteras."}
            )
            return
        year = str(self.on.year)
        self.act(
            "registrar",
            case,
            "decide",
            {
                "decided_on": date,
                "paragraph": "§ 42",
                "outcome": "granted",
                "text": "Beviljas medel ur fonden.",
                "amounts": {year: "200000", str(self.on.year + 1): "200000"},
            },
        )
