"""Consultation services: who may do what, validation that stores nothing, answers, statements, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.consultations import services
from socialfund.consultations.models import Answer, Consultation, Recipient, Reminder, Statement
from socialfund.kit.refusals import InputRefusal, PermissionRefusal, StateRefusal
from socialfund.organisation.models import Board, DecisionBody, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(demo) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


def _create(user: User, **changes):
    organisation = Organisation.objects.get(code="0181")
    arguments = {
        "organisation": organisation,
        "user": user,
        "title": "Riktlinjer 2016",
        "document_title": "Förslag till nya riktlinjer",
        "sent_by": DecisionBody.objects.get(organisation=organisation, code="HU"),
        "decided_on": dt.date(2016, 1, 10),
        "deadline": dt.date(2016, 3, 31),
        "questions": ["Tillstyrker nämnden förslaget?"],
        "recipients": [
            services.RecipientSpec(code="SN", board=Board.objects.get(code="SN")),
            services.RecipientSpec(code="UN", board=Board.objects.get(code="UN")),
            services.RecipientSpec(code="Telge", name="Telge AB:s styrelse", kind="company_board"),
        ],
    }
    arguments.update(changes)
    return services.consultation_create(**arguments)


def _rows() -> tuple[int, int, int, int]:
    return (Consultation.objects.count(), Recipient.objects.count(), Answer.objects.count(), Statement.objects.count())


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("registrator", True),
        ("yttrande", True),
        ("admin", True),
        ("beredning", False),
        ("handlaggare", False),
        ("ekonomi", False),
        ("lasare", False),
        ("kontorschef", False),
        ("stadsdirektor", False),
    ],
)
def test_who_may_create_and_answer(users, username, allowed):
    before = _rows()
    if allowed:
        consultation = _create(users[username])
        recipient = consultation.recipients.get(code="SN")
        services.answer_register(
            recipient=recipient, user=users[username], position="supports", received_on=dt.date(2016, 3, 1)
        )
        assert AuditEvent.objects.filter(action="consultation_answer_register").exists()
    else:
        with pytest.raises(PermissionRefusal):
            _create(users[username])
        assert _rows() == before
        consultation = _create(users["registrator"])
        with pytest.raises(PermissionRefusal):
            services.answer_register(
                recipient=consultation.recipients.get(code="SN"),
                user=users[username],
                position="supports",
                received_on=dt.date(2016, 3, 1),
            )
        assert not Answer.objects.filter(recipient__consultation=consultation).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"questions": ["", " "]}, "questions"),
        ({"recipients": []}, "recipients"),
        ({"deadline": dt.date(2015, 12, 31)}, "deadline"),
        ({"recipients": [services.RecipientSpec(code="SN"), services.RecipientSpec(code="SN")]}, "recipients"),
    ],
)
def test_invalid_consultations_store_nothing(users, changes, field):
    before = _rows()
    with pytest.raises(InputRefusal) as error:
        _create(users["registrator"], **changes)
    assert error.value.field == field
    assert _rows() == before


def test_additions_are_required_with_that_position_and_an_answer_can_be_corrected(users):
    consultation = _create(users["registrator"])
    recipient = consultation.recipients.get(code="SN")
    with pytest.raises(InputRefusal):
        services.answer_register(
            recipient=recipient,
            user=users["yttrande"],
            position="supports_with_additions",
            received_on=dt.date(2016, 3, 1),
        )
    assert not Answer.objects.filter(recipient=recipient).exists()
    services.answer_register(
        recipient=recipient, user=users["yttrande"], position="supports", received_on=dt.date(2016, 3, 1)
    )
    services.answer_register(
        recipient=recipient,
        user=users["yttrande"],
        position="supports_with_additions",
        additions="Slopa kravet om återbetalning.",
        received_on=dt.date(2016, 3, 2),
    )
    answer = Answer.objects.get(recipient=recipient)
    assert answer.position == "supports_with_additions" and answer.additions == "Slopa kravet om återbetalning."
    event = AuditEvent.objects.filter(action="consultation_answer_update").get()
    assert (event.from_state, event.to_state) == ("supports", "supports_with_additions")


def test_statements_need_people_with_parties(users):
    consultation = _create(users["registrator"])
    answer = services.answer_register(
        recipient=consultation.recipients.get(code="UN"),
        user=users["yttrande"],
        position="supports",
        received_on=dt.date(2016, 3, 1),
    )
    with pytest.raises(InputRefusal):
        services.statement_add(
            answer=answer,
            user=users["yttrande"],
            kind="reservation",
            signatories=[("Mats Siljebrand", "")],
            wording="reserverar sig.",
        )
    assert not Statement.objects.exists() or Statement.objects.filter(answer=answer).count() == 0
    statement = services.statement_add(
        answer=answer,
        user=users["yttrande"],
        kind="separate_statement",
        signatories=[("Mats Siljebrand", "FP")],
        wording="anmäler särskilt yttrande.",
        summary="Kort.",
    )
    assert statement.signatories == [{"name": "Mats Siljebrand", "party": "FP"}]

    # Removing one needs a manager and a reason; a refusal removes nothing.
    with pytest.raises(PermissionRefusal):
        services.statement_remove(statement=statement, user=users["lasare"], reason="Fel.")
    with pytest.raises(InputRefusal):
        services.statement_remove(statement=statement, user=users["yttrande"], reason="  ")
    assert Statement.objects.filter(pk=statement.pk).exists()
    services.statement_remove(statement=statement, user=users["yttrande"], reason="Fel nämnd.")
    assert not Statement.objects.filter(pk=statement.pk).exists()
    with pytest.raises(StateRefusal):
        services.statement_remove(statement=statement, user=users["yttrande"], reason="Igen.")


def test_reminders_go_to_those_who_have_not_answered_after_commit(users, django_capture_on_commit_callbacks):
    consultation = _create(
        users["registrator"],
        recipients=[
            services.RecipientSpec(code="UN", board=Board.objects.get(code="UN")),
            services.RecipientSpec(code="SN", board=Board.objects.get(code="SN")),
            services.RecipientSpec(code="Telge", name="Telge AB:s styrelse", email="styrelse@telge.invalid"),
        ],
    )
    services.answer_register(
        recipient=consultation.recipients.get(code="SN"),
        user=users["yttrande"],
        position="supports",
        received_on=dt.date(2016, 3, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = services.reminders_send(consultation=consultation, user=users["yttrande"], today=dt.date(2016, 4, 2))
    assert sorted(r.recipient.code for r in result.sent) == ["Telge", "UN"]  # UN: the demo's handläggare
    assert len(mail.outbox) == 2
    assert "skulle ha kommit in 2016-03-31" in mail.outbox[0].body
    assert Reminder.objects.count() == 2
    with pytest.raises(PermissionRefusal):
        services.reminders_send(consultation=consultation, user=users["lasare"])


def test_no_reminder_when_everyone_has_answered(users):
    consultation = _create(users["registrator"], recipients=[services.RecipientSpec(code="SN")])
    services.answer_register(
        recipient=consultation.recipients.get(),
        user=users["yttrande"],
        position="opposes",
        received_on=dt.date(2016, 3, 1),
    )
    with pytest.raises(StateRefusal):
        services.reminders_send(consultation=consultation, user=users["yttrande"])
