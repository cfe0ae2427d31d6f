"""Roles × actions: every step refuses every role but its own, and a refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.cases import permissions, services
from socialfund.cases.errors import CaseError, CasePermissionDenied
from socialfund.cases.models import Initiative
from socialfund.organisation.models import Board, DecisionBody
from tests.cases.conftest import give_every_opinion, walk_to_preparation

pytestmark = pytest.mark.django_db

ALL_USERS = ["handlaggare", "kontorschef", "beredning", "stadsdirektor", "yttrande", "registrator", "ekonomi", "lasare"]


def attempt(step, initiative: Initiative, user: User) -> str:
    """'ok', 'denied' (role) or 'state' (right role, wrong moment) — and nothing changes unless ok."""
    before = (Initiative.objects.filter(pk=initiative.pk).values().get(), AuditEvent.objects.count())
    try:
        step(initiative, user)
    except CasePermissionDenied:
        outcome = "denied"
    except CaseError:
        outcome = "state"
    else:
        return "ok"
    after = (Initiative.objects.filter(pk=initiative.pk).values().get(), AuditEvent.objects.count())
    assert after == before, f"{step.__name__} by {user.username} changed something"
    return outcome


def prep_steps():
    return {
        "assessment_record": lambda i, u: services.assessment_record(
            initiative=i, user=u, rule_id="equal_treatment", verdict="pass", note=""
        ),
        "initiative_hold": lambda i, u: services.initiative_hold(initiative=i, user=u, note="Vänta."),
        "initiative_refuse": lambda i, u: services.initiative_refuse(
            initiative=i, user=u, rule_ids=["purpose"], note="Drift."
        ),
        "initiative_advise_against": lambda i, u: services.initiative_advise_against(initiative=i, user=u, note="Nej."),
        "preparation_complete": lambda i, u: services.preparation_complete(initiative=i, user=u, memo="Klar."),
        "director_approve": lambda i, u: services.director_approve(initiative=i, user=u),
        "registry_number_set": lambda i, u: services.registry_number_set(
            initiative=i, user=u, registry_number="KS 16-1"
        ),
        "initiative_withdraw": lambda i, u: services.initiative_withdraw(initiative=i, user=u, reason="repayment_risk"),
    }


# At the preparation stage: who may do what.
EXPECTED_AT_PREPARATION = {
    "assessment_record": {"beredning"},
    "initiative_hold": {"beredning"},
    "initiative_refuse": {"beredning"},
    "initiative_advise_against": {"beredning"},
    "preparation_complete": {"beredning"},
    "director_approve": set(),  # the city director's role, but not its stage: 'state'
    "registry_number_set": {"registrator"},
    "initiative_withdraw": {"handlaggare"},
}


@pytest.mark.parametrize("step_name", sorted(EXPECTED_AT_PREPARATION))
def test_role_matrix_at_preparation(users, draft, step_name):
    walk_to_preparation(draft, users)
    step = prep_steps()[step_name]
    for username in ALL_USERS:
        outcome = attempt(step, Initiative.objects.get(pk=draft.pk), users[username])
        if username in EXPECTED_AT_PREPARATION[step_name]:
            assert outcome == "ok", f"{step_name} by {username}: {outcome}"
            # Put the case back at preparation for the next user (the step may have closed it).
            Initiative.objects.filter(pk=draft.pk).update(status="active", stage="preparation")
        elif step_name == "director_approve" and username == "stadsdirektor":
            assert outcome == "state"
        else:
            assert outcome == "denied", f"{step_name} by {username}: {outcome}"


def test_only_the_office_head_of_the_boards_office_anchors(users, draft):
    services.initiative_submit(initiative=draft, user=users["handlaggare"])
    for username in ALL_USERS:
        if username == "kontorschef":
            continue
        outcome = attempt(
            lambda i, u: services.signoff_record(
                initiative=i, user=u, kind="office_head", signed_on=dt.date(2016, 1, 1)
            ),
            draft,
            users[username],
        )
        assert outcome == "denied", username
    # An office head of another office is refused too.
    other = User.objects.create_user(
        "annan-chef", password="x-long-password-1", organisation=users["kontorschef"].organisation
    )
    other.groups.add(*users["kontorschef"].groups.all())
    assert (
        attempt(
            lambda i, u: services.signoff_record(
                initiative=i, user=u, kind="office_head", signed_on=dt.date(2016, 1, 1)
            ),
            draft,
            other,
        )
        == "denied"
    )


def test_only_the_registrar_registers_the_decision(users, draft):
    initiative = walk_to_preparation(draft, users)
    services.preparation_complete(initiative=initiative, user=users["beredning"], memo="Klar.")
    services.director_approve(initiative=initiative, user=users["stadsdirektor"])
    give_every_opinion(initiative, users, dt.date(2016, 4, 5))
    services.opinions_complete(initiative=initiative, user=users["yttrande"])

    def decide(i, u):
        return services.decision_register(
            initiative=i,
            user=u,
            body=DecisionBody.objects.get(code="KS"),
            decided_on=dt.date(2016, 5, 2),
            paragraph="§ 1",
            outcome="granted",
            text="Beviljas.",
            amounts={2016: Decimal("600000")},
        )

    for username in ALL_USERS:
        expected = "ok" if username == "registrator" else "denied"
        assert attempt(decide, Initiative.objects.get(pk=initiative.pk), users[username]) == expected, username


def test_applicants_of_another_board_cannot_touch_or_see_a_draft(users, draft):
    other = User.objects.create_user(
        "sn-handlaggare",
        password="x-long-password-1",
        organisation=users["handlaggare"].organisation,
        board=Board.objects.get(code="SN"),
    )
    other.groups.add(*users["handlaggare"].groups.all())
    assert not permissions.can_view(other, draft)
    assert permissions.can_view(users["handlaggare"], draft)
    assert not permissions.can_view(users["beredning"], draft)  # a draft is the board's own until filed
    assert attempt(lambda i, u: services.initiative_submit(initiative=i, user=u), draft, other) == "denied"
    services.initiative_submit(initiative=draft, user=users["handlaggare"])
    assert permissions.can_view(other, draft)  # filed cases are public records within the organisation
    assert permissions.can_view(users["beredning"], draft)


def test_a_user_without_a_role_sees_nothing(users, draft):
    nobody = User.objects.create_user("ingen", password="x-long-password-1")
    services.initiative_submit(initiative=draft, user=users["handlaggare"])
    assert not permissions.visible_initiatives(nobody).exists()
