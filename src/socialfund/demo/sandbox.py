"""A sandbox fund under any shipped policy, beside the Södertälje demo: to walk a fund's rules before adopting them.

`sandbox_load("klippan")` makes an organisation of its own (so its users see only its fund), two
boards and an office, the deciding executive board and a committee that gives opinions, the fund
under that policy (in force from its adoption date, or from 2000 where the file states none), and a
demo user for every role the policy's workflow names (plus finance, who books a grant). Idempotent:
loading it twice gives the same rows. The per-policy walks in the tests use the same loader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.core import casemachine
from socialfund.core.policy import Policy, load_policy
from socialfund.core.policy.registry import shipped_policy_ids
from socialfund.demo.loader import DemoLogin
from socialfund.demo.sodertalje import demo_password
from socialfund.funds.models import Fund, PolicyVersion
from socialfund.organisation.models import Board, DecisionBody, Office, Organisation

# The user name's ending per role: `klippan-beredning`, `region-gavleborg-registrator`.
ROLE_USERNAMES: dict[str, str] = {
    Role.APPLICANT: "handlaggare",
    Role.OFFICE_HEAD: "kontorschef",
    Role.PREPARATION_GROUP: "beredning",
    Role.CITY_DIRECTOR: "stadsdirektor",
    Role.OPINION_GIVER: "yttrande",
    Role.REGISTRAR: "registrator",
    Role.FINANCE: "ekonomi",
}
EARLIEST_ADOPTION = dt.date(2000, 1, 1)
SANDBOX_CAPITAL = Decimal("50000000.00")


@dataclass(frozen=True)
class SandboxSummary:
    policy: Policy
    organisation: Organisation
    fund: Fund
    users: dict[str, User]
    """By role code."""
    logins: list[DemoLogin]
    lead_board: Board
    partner_board: Board


def sandbox_roles(policy: Policy) -> tuple[str, ...]:
    """The roles that get a demo user: those the workflow names, the registrar (who registers the decision)
    and finance (who books a grant), in the order they act."""
    roles = list(casemachine.roles_named(policy))
    for role in (Role.APPLICANT, Role.REGISTRAR, Role.FINANCE):
        if role not in roles:
            roles.append(role)
    return tuple(roles)


def sandbox_username(policy: Policy, role: str) -> str:
    return f"{policy.id}-{ROLE_USERNAMES[role]}"


def _organisation_code(policy_id: str) -> str:
    """A code of its own that no real municipality has (real codes are four digits)."""
    return f"P{shipped_policy_ids().index(policy_id):03d}" if policy_id in shipped_policy_ids() else "P999"


def _committees(policy: Policy) -> list[tuple[str, str]]:
    """The committees that give opinions: those the policy's opinion gates name (so that each opinion the gate
    asks for can be given), or one committee of its own where no gate names any."""
    names: list[str] = []
    for stage in policy.stages:
        required = stage.gate.opinions
        names += [n for n in (required.bodies if required else ()) if n not in names]
    names = names or ["Utskottet för hållbarhet"]
    return [("UTSK" if i == 0 else f"UTSK{i + 1}", name) for i, name in enumerate(names)]


@transaction.atomic
def sandbox_load(policy_id: str) -> SandboxSummary:
    policy = load_policy(policy_id)
    kind = "region" if policy.fund.organisation_type == "region" else "municipality"
    organisation, _ = Organisation.objects.update_or_create(
        code=_organisation_code(policy.id),
        defaults={"name": f"{policy.fund.organisation} (prova riktlinjerna)", "kind": kind},
    )
    executive, _ = DecisionBody.objects.update_or_create(
        organisation=organisation,
        code="KS" if kind == "municipality" else "RS",
        defaults={"name": policy.decision_body or "Kommunstyrelsen", "kind": "executive"},
    )
    for code, name in _committees(policy):
        DecisionBody.objects.update_or_create(
            organisation=organisation, code=code, defaults={"name": name, "kind": "committee", "parent": executive}
        )
    lead, _ = Board.objects.update_or_create(
        organisation=organisation, code="UN", defaults={"name": "Utbildningsnämnden", "area": "education"}
    )
    partner, _ = Board.objects.update_or_create(
        organisation=organisation, code="SN", defaults={"name": "Socialnämnden", "area": "social"}
    )
    office, _ = Office.objects.update_or_create(
        organisation=organisation, code="FV", defaults={"name": "Förvaltningen", "parent": None}
    )
    office.boards.set([lead, partner])
    adopted = policy.adopted.date or EARLIEST_ADOPTION
    fund, _ = Fund.objects.update_or_create(
        slug=f"prova-{policy.id}",
        defaults={
            "organisation": organisation,
            "name": f"{policy.fund.name} (prova)",
            "capital": SANDBOX_CAPITAL,
            "decided_by": executive,
            "decided_on": adopted,
        },
    )
    PolicyVersion.objects.update_or_create(
        fund=fund,
        adopted_on=adopted,
        defaults={"policy_id": policy.id, "decided_by": executive, "note": "Sandlåda för att prova riktlinjerna."},
    )
    users, logins = _load_users(policy, organisation, lead, office)
    return SandboxSummary(policy, organisation, fund, users, logins, lead, partner)


def _load_users(
    policy: Policy, organisation: Organisation, lead: Board, office: Office
) -> tuple[dict[str, User], list[DemoLogin]]:
    users: dict[str, User] = {}
    logins: list[DemoLogin] = []
    for role in sandbox_roles(policy):
        username = sandbox_username(policy, role)
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": str(Role(role).label),
                "last_name": f"({policy.fund.short_name or policy.id})",
                "email": f"{username}@demo.invalid",
                "organisation": organisation,
                "board": lead if role == Role.APPLICANT else None,
                "office": office,
                "is_active": True,
            },
        )
        password = demo_password(username)
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        if role == Role.OFFICE_HEAD:
            Office.objects.filter(pk=office.pk).update(head=user)
        users[role] = user
        logins.append(DemoLogin(username=username, password=password, role=str(Role(role).label)))
    return users, logins
