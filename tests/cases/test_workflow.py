"""The case workflow: every transition, every forbidden one, and the whole path from idea to decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from socialfund.audit.models import AuditEvent
from socialfund.cases import registry, services
from socialfund.cases.errors import CasePermissionDenied, CaseStateError, CaseValidationError
from socialfund.cases.models import Decision, Initiative, Opinion
from socialfund.organisation.models import Board, DecisionBody
from tests.cases.conftest import give_every_opinion, walk_to_preparation

pytestmark = pytest.mark.django_db


def state(initiative: Initiative) -> tuple[str, str, int]:
    fresh = Initiative.objects.get(pk=initiative.pk)
    return fresh.status, fresh.stage, AuditEvent.objects.filter(initiative=initiative).count()


def test_the_whole_path_from_draft_to_granted(users, draft, django_capture_on_commit_callbacks, mailoutbox):
    assert draft.status == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        initiative = walk_to_preparation(draft, users)
    assert (initiative.status, initiative.stage) == ("active", "preparation")
    assert initiative.policy_id == "sodertalje-2013"
    assert initiative.filed_on is not None

    with django_capture_on_commit_callbacks(execute=True):
        services.preparation_complete(initiative=initiative, user=users["beredning"], memo="Uppfyller riktlinjerna.")
    assert mailoutbox[-1].to == ["stadsdirektor@demo.invalid"]
    assert "Beredningen är klar" in mailoutbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.director_approve(initiative=initiative, user=users["stadsdirektor"])
    assert mailoutbox[-1].to == ["yttrande@demo.invalid"]
    initiative.refresh_from_db()
    assert initiative.stage == "opinions"

    services.opinion_register(
        initiative=initiative,
        user=users["yttrande"],
        position="supports",
        decided_on=dt.date(2016, 4, 5),
        body=DecisionBody.objects.get(code="HU"),
    )
    services.opinion_register(
        initiative=initiative,
        user=users["yttrande"],
        position="supports_with_additions",
        summary="Följ upp frånvaron terminsvis.",
        decided_on=dt.date(2016, 4, 12),
        board=Board.objects.get(code="SN"),
    )
    # The 2013 guidelines: the committee *and* the boards the case concerns give their word (issue 18).
    with pytest.raises(CaseStateError, match="^Yttrande saknas från Utbildningsnämnden.$"):
        services.opinions_complete(initiative=initiative, user=users["yttrande"])
    services.opinion_register(
        initiative=initiative,
        user=users["yttrande"],
        position="supports",
        decided_on=dt.date(2016, 4, 14),
        board=Board.objects.get(code="UN"),
    )
    services.opinions_complete(initiative=initiative, user=users["yttrande"])
    initiative.refresh_from_db()
    assert initiative.stage == "decision"

    decision = services.decision_register(
        initiative=initiative,
        user=users["registrator"],
        body=DecisionBody.objects.get(code="KS"),
        decided_on=dt.date(2016, 5, 2),
        paragraph="§ 101",
        outcome="granted",
        text="Kommunstyrelsen beviljar 1 200 000 kr ur den sociala investeringsfonden.",
        amounts={2016: Decimal("600000"), 2017: Decimal("600000")},
    )
    initiative.refresh_from_db()
    assert initiative.status == "granted"
    assert [(a.year, a.amount) for a in decision.amounts.all()] == [
        (2016, Decimal("600000.00")),
        (2017, Decimal("600000.00")),
    ]
    actions = list(AuditEvent.objects.filter(initiative=initiative).values_list("action", flat=True))
    assert actions == [
        "initiative_create",
        "initiative_submit",
        "signoff_record",
        "initiative_submit",
        "signoff_record",
        "initiative_submit",
        "preparation_complete",
        "director_approve",
        "opinion_register",
        "opinion_register",
        "opinion_register",
        "opinions_complete",
        "decision_register",
        "project_start",  # a grant starts the project's follow-up in the same transaction
    ]
    last = AuditEvent.objects.get(initiative=initiative, action="decision_register")
    assert (last.from_state, last.to_state, last.actor.username) == (
        "active:decision",
        "granted:decision",
        "registrator",
    )
    assert initiative.project.started_on == dt.date(2016, 5, 2)


def test_leaving_the_idea_stage_needs_the_office_heads_anchoring(users, draft):
    services.initiative_submit(initiative=draft, user=users["handlaggare"])
    before = state(draft)
    with pytest.raises(CaseStateError, match="Förankring saknas.*kontorschefens förankring"):
        services.initiative_submit(initiative=draft, user=users["handlaggare"])
    assert state(draft) == before


def test_preparation_blocks_while_screening_is_not_clear(users, draft):
    content = dict(draft.content)
    content["calculation"] = None
    services.initiative_update_draft(initiative=draft, user=users["handlaggare"], content=content)
    initiative = walk_to_preparation(draft, users)
    before = state(initiative)
    with pytest.raises(CaseStateError, match="calculation"):
        services.preparation_complete(initiative=initiative, user=users["beredning"], memo="Klar.")
    assert state(initiative) == before


def test_preparation_needs_a_memo(users, draft):
    initiative = walk_to_preparation(draft, users)
    with pytest.raises(CaseValidationError) as error:
        services.preparation_complete(initiative=initiative, user=users["beredning"], memo="  ")
    assert error.value.field == "memo"


def test_the_outside_actors_path(users, fund, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        idea = services.idea_register_external(
            fund=fund,
            title="Läxhjälp i föreningsregi",
            summary="Läxhjälp för barn i årskurs 4–6.",
            organisation_name="Föreningen Läxhjälpen",
            organisation_type="association",
            contact_name="Kim Kontakt",
            contact_email="kim@example.se",
            area_board=Board.objects.get(code="UN"),
        )
    assert (idea.status, idea.stage, idea.lead_board) == ("active", "interest", None)
    # The idea goes to its area's office and board first, not to the preparation group (DOMAIN.md rule 12).
    recipients = {address for m in mailoutbox for address in m.to}
    assert {"kontorschef@demo.invalid", "handlaggare@demo.invalid"} <= recipients
    assert "beredning@demo.invalid" not in recipients
    # The association cannot move it: there is no login for it, and no board acts for it yet.
    with pytest.raises(CasePermissionDenied):
        services.initiative_submit(initiative=idea, user=users["handlaggare"])
    with pytest.raises(CaseStateError, match="ansvarig nämnd"):
        services.signoff_record(
            initiative=idea, user=users["kontorschef"], kind="office_head", signed_on=timezone.localdate()
        )
    services.initiative_sponsor(initiative=idea, user=users["handlaggare"])
    idea.refresh_from_db()
    assert idea.lead_board.code == "UN"
    services.initiative_submit(initiative=idea, user=users["handlaggare"])  # interest -> idea
    services.signoff_record(
        initiative=idea, user=users["kontorschef"], kind="office_head", signed_on=timezone.localdate()
    )
    services.initiative_submit(initiative=idea, user=users["handlaggare"])  # idea -> application
    idea.refresh_from_db()
    assert idea.stage == "application"
    with pytest.raises(CaseStateError, match="redan en ansvarig nämnd"):
        services.initiative_sponsor(initiative=idea, user=users["handlaggare"])


def test_an_internal_type_cannot_use_the_outside_door(fund):
    with pytest.raises(CaseValidationError):
        services.idea_register_external(
            fund=fund,
            title="X",
            summary="Y",
            organisation_name="UK",
            organisation_type="office",
            contact_name="A",
            contact_email="a@example.se",
        )
    assert not Initiative.objects.filter(title="X").exists()


def test_withdrawal_with_reason_and_back_out(users, draft):
    walk_to_preparation(draft, users)
    with pytest.raises(CaseValidationError):
        services.initiative_withdraw(initiative=draft, user=users["handlaggare"], reason="other", note="")
    services.initiative_withdraw(initiative=draft, user=users["handlaggare"], reason="repayment_risk")
    draft.refresh_from_db()
    assert (draft.status, draft.withdrawal_reason) == ("withdrawn", "repayment_risk")
    with pytest.raises(CaseStateError, match="redan avslutat"):
        services.initiative_withdraw(initiative=draft, user=users["handlaggare"], reason="other", note="igen")
    with pytest.raises(CaseStateError):
        services.preparation_complete(initiative=draft, user=users["beredning"], memo="x")


def test_refusal_names_the_failing_rules(users, draft):
    walk_to_preparation(draft, users)
    with pytest.raises(CaseValidationError, match="Okända regler"):
        services.initiative_refuse(initiative=draft, user=users["beredning"], rule_ids=["nonsense"], note="x")
    with pytest.raises(CaseValidationError):
        services.initiative_refuse(initiative=draft, user=users["beredning"], rule_ids=[], note="x")
    services.initiative_refuse(initiative=draft, user=users["beredning"], rule_ids=["purpose"], note="Driftsbidrag.")
    draft.refresh_from_db()
    assert (draft.status, draft.failed_rules) == ("refused", ["purpose"])


def test_hold_resume_and_advise_against(users, draft):
    walk_to_preparation(draft, users)
    services.initiative_hold(initiative=draft, user=users["beredning"], note="Inväntar budget.")
    draft.refresh_from_db()
    assert draft.status == "on_hold"
    with pytest.raises(CaseStateError):
        services.preparation_complete(initiative=draft, user=users["beredning"], memo="x")
    services.initiative_resume(initiative=draft, user=users["beredning"])
    services.initiative_advise_against(initiative=draft, user=users["beredning"], note="Kommunallagen.")
    draft.refresh_from_db()
    assert draft.status == "advised_against"


def test_assessment_is_recorded_and_replaced(users, draft):
    initiative = walk_to_preparation(draft, users)
    with pytest.raises(CaseValidationError, match="Motivera"):
        services.assessment_record(
            initiative=initiative, user=users["beredning"], rule_id="equal_treatment", verdict="fail", note=""
        )
    services.assessment_record(
        initiative=initiative, user=users["beredning"], rule_id="equal_treatment", verdict="fail", note="Gynnar vissa."
    )
    services.assessment_record(
        initiative=initiative, user=users["beredning"], rule_id="equal_treatment", verdict="pass", note=""
    )
    assert initiative.assessments.get().verdict == "pass"
    assert AuditEvent.objects.filter(initiative=initiative, action="assessment_record").count() == 2


def test_decision_input_is_checked_and_nothing_half_saved(users, draft):
    initiative = walk_to_preparation(draft, users)
    services.preparation_complete(initiative=initiative, user=users["beredning"], memo="Klar.")
    services.director_approve(initiative=initiative, user=users["stadsdirektor"])
    give_every_opinion(initiative, users, dt.date(2016, 4, 5))
    services.opinions_complete(initiative=initiative, user=users["yttrande"])
    ks = DecisionBody.objects.get(code="KS")
    bad = [
        ({"outcome": "granted", "amounts": {}}, "amounts"),
        ({"outcome": "rejected", "amounts": {2016: Decimal("1")}}, "amounts"),
        ({"outcome": "granted", "amounts": {2016: Decimal("-5")}}, "amounts"),
        ({"outcome": "granted", "amounts": {2016: Decimal("1")}, "paragraph": ""}, "paragraph"),
        ({"outcome": "granted", "amounts": {2016: Decimal("1")}, "decided_on": dt.date(2999, 1, 1)}, "decided_on"),
    ]
    for changes, field in bad:
        kwargs = {"paragraph": "§ 1", "text": "Beslut.", "decided_on": dt.date(2016, 5, 2), **changes}
        with pytest.raises(CaseValidationError) as error:
            services.decision_register(initiative=initiative, user=users["registrator"], body=ks, **kwargs)
        assert error.value.field == field
    assert not Decision.objects.exists()
    assert Initiative.objects.get(pk=initiative.pk).status == "active"


def test_registry_number_suggestion_follows_the_funds_pattern(users, fund, draft):
    walk_to_preparation(draft, users)
    draft.refresh_from_db()
    # The case took the fund's first number when its idea came in and was registered (records).
    assert draft.registry_number == f"KS {draft.filed_on.year % 100:02d}-1"
    suggestion = registry.registry_number_peek(fund=fund, on=draft.filed_on)
    assert suggestion == f"KS {draft.filed_on.year % 100:02d}-2"
    services.registry_number_set(initiative=draft, user=users["registrator"], registry_number=suggestion)
    # The series continues after the number given by hand.
    assert registry.registry_number_peek(fund=fund, on=draft.filed_on).endswith("-3")
    with pytest.raises(CasePermissionDenied):
        services.registry_number_set(initiative=draft, user=users["handlaggare"], registry_number="X")


def test_opinions_only_while_out_for_opinion(users, draft):
    initiative = walk_to_preparation(draft, users)
    with pytest.raises(CaseStateError, match="inte ute på yttrande"):
        services.opinion_register(
            initiative=initiative,
            user=users["yttrande"],
            position="supports",
            decided_on=dt.date(2016, 4, 5),
            body=DecisionBody.objects.get(code="HU"),
        )
    assert not Opinion.objects.exists()
