"""Load the Södertälje demo into the database: idempotent, keyed on natural keys.

Running it twice gives the same rows; `reset=True` removes the demo organisation's
data first and loads it anew.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.models import AuditEvent
from socialfund.cases.models import (
    Assessment,
    Attachment,
    Comment,
    Decision,
    DecisionAmount,
    Initiative,
    Opinion,
    RepaymentException,
    Signoff,
)
from socialfund.cases.workflow import policy_id_in_force
from socialfund.demo import sodertalje as seed
from socialfund.demo.consultation_demo import load_demo_documents, remove_demo_documents
from socialfund.demo.director_demo import load_director_case
from socialfund.demo.guidelines_demo import load_demo_guidelines, remove_demo_guidelines
from socialfund.demo.ledger_demo import load_demo_ledger
from socialfund.demo.record_history import load_history
from socialfund.demo.records_demo import load_demo_records, remove_demo_records
from socialfund.followup.purge import followup_purge
from socialfund.funds.models import Fund, PolicyVersion
from socialfund.ledger.purge import ledger_purge
from socialfund.organisation.models import Board, DecisionBody, Office, Organisation


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str


@dataclass(frozen=True)
class DemoSummary:
    organisation: Organisation
    fund: Fund
    logins: list[DemoLogin]


def demo_is_loaded() -> bool:
    return Organisation.objects.filter(code=seed.ORGANISATION["code"]).exists()


def database_is_empty() -> bool:
    return not Organisation.objects.exists() and not User.objects.exists()


@transaction.atomic
def demo_load(*, reset: bool = False) -> DemoSummary:
    if reset:
        _remove_demo()
    organisation, _ = Organisation.objects.update_or_create(
        code=seed.ORGANISATION["code"],
        defaults={"name": seed.ORGANISATION["name"], "kind": seed.ORGANISATION["kind"]},
    )
    bodies = _load_decision_bodies(organisation)
    boards = _load_boards(organisation)
    offices = _load_offices(organisation, boards)
    fund = _load_fund(organisation, bodies)
    logins = _load_users(organisation, boards, offices)
    users = {u.username: u for u in User.objects.filter(organisation=organisation)}
    _load_initiatives(fund, boards, users)
    load_director_case(fund, users)
    load_demo_ledger(fund, users)
    load_demo_documents(fund, users)
    load_demo_guidelines(fund, users)
    load_demo_records(fund, users)
    return DemoSummary(organisation=organisation, fund=fund, logins=logins)


def _remove_demo() -> None:
    organisation = Organisation.objects.filter(code=seed.ORGANISATION["code"]).first()
    if organisation is None:
        return
    funds = Fund.objects.filter(organisation=organisation)
    cases = Initiative.objects.filter(fund__in=funds)
    remove_demo_records(funds)
    remove_demo_guidelines(funds)
    remove_demo_documents(organisation)
    ledger_purge(funds)
    followup_purge(cases)
    # The audit log refuses deletes through the ORM; the demo's own history is the one
    # exception, removed with a raw delete so that --reset can start from nothing.
    AuditEvent.objects.filter(initiative__in=cases)._raw_delete(AuditEvent.objects.db)
    for model in (Comment, Opinion, DecisionAmount, RepaymentException, Decision, Attachment, Assessment, Signoff):
        model.objects.filter(
            **(
                {"decision__initiative__in": cases}
                if model in (DecisionAmount, RepaymentException)
                else {"initiative__in": cases}
            )
        ).delete()
    cases.delete()
    PolicyVersion.objects.filter(fund__in=funds).delete()
    funds.delete()
    Office.objects.filter(organisation=organisation).update(head=None)
    User.objects.filter(username__in=[u.username for u in seed.USERS]).delete()
    User.objects.filter(organisation=organisation).update(organisation=None, board=None, office=None)
    for office in Office.objects.filter(organisation=organisation, parent__isnull=False):
        office.delete()
    Office.objects.filter(organisation=organisation).delete()
    Board.objects.filter(organisation=organisation).delete()
    DecisionBody.objects.filter(organisation=organisation, parent__isnull=False).delete()
    DecisionBody.objects.filter(organisation=organisation).delete()
    organisation.delete()


def _load_decision_bodies(organisation: Organisation) -> dict[str, DecisionBody]:
    bodies: dict[str, DecisionBody] = {}
    for code, name, kind, parent in seed.DECISION_BODIES:
        bodies[code], _ = DecisionBody.objects.update_or_create(
            organisation=organisation,
            code=code,
            defaults={"name": name, "kind": kind, "parent": bodies[parent] if parent else None},
        )
    return bodies


def _load_boards(organisation: Organisation) -> dict[str, Board]:
    boards: dict[str, Board] = {}
    for code, name, area in seed.BOARDS:
        boards[code], _ = Board.objects.update_or_create(
            organisation=organisation,
            code=code,
            defaults={"name": name, "area": area, "demo_note": seed.BOARD_NOTES.get(code, "")},
        )
    return boards


def _load_offices(organisation: Organisation, boards: dict[str, Board]) -> dict[str, Office]:
    offices: dict[str, Office] = {}
    for code, name, parent, board_codes in seed.OFFICES:
        office, _ = Office.objects.update_or_create(
            organisation=organisation,
            code=code,
            defaults={"name": name, "parent": offices[parent] if parent else None},
        )
        office.boards.set([boards[b] for b in board_codes])
        offices[code] = office
    return offices


def _load_fund(organisation: Organisation, bodies: dict[str, DecisionBody]) -> Fund:
    spec = seed.FUND
    fund, _ = Fund.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "organisation": organisation,
            "name": spec.name,
            "capital": spec.capital,
            "decided_by": bodies[spec.decided_by],
            "decided_on": spec.decided_on,
            "decision_paragraph": spec.decision_paragraph,
            "registry_number": spec.registry_number,
            "registry_number_pattern": spec.registry_number_pattern,
        },
    )
    for policy_id, adopted_on, body, paragraph, note in seed.POLICY_VERSIONS:
        PolicyVersion.objects.update_or_create(
            fund=fund,
            adopted_on=adopted_on,
            defaults={
                "policy_id": policy_id,
                "decided_by": bodies[body] if body else None,
                "decision_paragraph": paragraph,
                "note": note,
            },
        )
    return fund


def _load_users(organisation: Organisation, boards: dict[str, Board], offices: dict[str, Office]) -> list[DemoLogin]:
    logins = []
    for spec in seed.USERS:
        user, _ = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@demo.invalid",
                "organisation": organisation,
                "board": boards[spec.board] if spec.board else None,
                "office": offices[spec.office] if spec.office else None,
                "is_staff": spec.superuser,
                "is_superuser": spec.superuser,
                "is_active": True,
            },
        )
        password = seed.demo_password(spec.username)
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get_or_create(name=Role(spec.role).value)[0]])
        if spec.heads_office:
            Office.objects.filter(pk=offices[spec.heads_office].pk).update(head=user)
        logins.append(DemoLogin(username=spec.username, password=password, role=str(Role(spec.role).label)))
    return logins


def _load_initiatives(fund: Fund, boards: dict[str, Board], users: dict[str, User]) -> None:
    for spec in seed.INITIATIVES:
        initiative, _ = Initiative.objects.update_or_create(
            fund=fund,
            title=spec.title,
            defaults={
                "policy_id": policy_id_in_force(fund, spec.filed_on),
                "content": spec.content,
                "initiator_name": spec.initiator_name,
                "initiator_type": spec.initiator_type,
                "stage": spec.stage,
                "status": spec.status,
                "filed_on": spec.filed_on,
                "summary": spec.summary,
                "lead_board": boards[spec.lead_board] if spec.lead_board else None,
                "withdrawal_reason": spec.withdrawal_reason,
                "further_withdrawal_reasons": spec.further_withdrawal_reasons,
                "demo_note": spec.demo_note,
                "demo_assumed": spec.demo_assumed,
                "failed_rules": spec.failed_rules,
                "outcome_note": spec.outcome_note,
            },
        )
        initiative.partner_boards.set([boards[b] for b in spec.partner_boards])
        for kind, signed_on, reference in spec.signoffs:
            recorder = users["kontorschef"] if kind == "office_head" else users["registrator"]
            Signoff.objects.update_or_create(
                initiative=initiative,
                kind=kind,
                defaults={"signed_on": signed_on, "reference": reference, "recorded_by": recorder},
            )
        load_history(initiative, spec, users["registrator"])
