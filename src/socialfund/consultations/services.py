"""One service per state change of a consultation (remiss).

Each checks the user's role, runs in a transaction, writes an audit event and sends mail
only after commit. A refused step raises a ConsultationError with a Swedish message and changes
nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.audit.services import audit_record
from socialfund.consultations.codes import AnswerPosition, RecipientKind, StatementKind
from socialfund.consultations.errors import (
    ConsultationPermissionDenied,
    ConsultationStateError,
    ConsultationValidationError,
)
from socialfund.consultations.models import Answer, Consultation, Recipient, Reminder, Statement
from socialfund.consultations.permissions import may_manage
from socialfund.core.formatting import format_date
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board, DecisionBody, Organisation
from socialfund.outbox.services import mail_queue
from socialfund.record_language import in_record_language


@dataclass(frozen=True)
class RecipientSpec:
    code: str
    name: str = ""
    kind: str = RecipientKind.BOARD
    board: Board | None = None
    email: str = ""


@dataclass(frozen=True)
class Handler:
    """Who wrote the compilation: shown under it, as the seed signs it."""

    name: str = ""
    title: str = ""
    unit: str = ""
    office: str = ""
    phone: str = ""
    email: str = ""


def _require_manager(user: User, organisation_id: int | None, what: str) -> None:
    """`what` is what the user tried to do, already translated ("skicka en remiss")."""
    if not may_manage(user, organisation_id):
        # Translators: %(what)s is what the user tried to do, e.g. "skicka en remiss".
        raise ConsultationPermissionDenied(
            _("Bara registrator eller utskottssekreterare kan %(what)s.") % {"what": what}
        )


def _clean_questions(questions: list[str]) -> list[str]:
    cleaned = [q.strip() for q in questions if q.strip()]
    if not cleaned:
        raise ConsultationValidationError(_("Ange minst en fråga som remissen ska besvara."), field="questions")
    return cleaned


def _check_recipients(organisation: Organisation, recipients: list[RecipientSpec]) -> None:
    if not recipients:
        raise ConsultationValidationError(_("Välj minst en remissinstans."), field="recipients")
    codes = [r.code.strip() for r in recipients]
    if any(not code for code in codes):
        raise ConsultationValidationError(_("Varje remissinstans behöver en förkortning."), field="recipients")
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ConsultationValidationError(
            _("Remissinstansen %(codes)s finns två gånger.") % {"codes": ", ".join(duplicates)}, field="recipients"
        )
    if any(r.board is not None and r.board.organisation_id != organisation.pk for r in recipients):
        raise ConsultationValidationError(_("En nämnd hör inte till organisationen."), field="recipients")


def consultation_create(
    *,
    organisation: Organisation,
    user: User,
    title: str,
    document_title: str,
    sent_by: DecisionBody,
    decided_on: dt.date,
    deadline: dt.date,
    questions: list[str],
    recipients: list[RecipientSpec],
    fund: Fund | None = None,
    document_date: dt.date | None = None,
    registry_number: str = "",
    row_labels: dict[str, str] | None = None,
    handler: Handler | None = None,
    consulted_on: str = "",
) -> Consultation:
    """Send a document on consultation: the questions, the recipients and the deadline."""
    # Translators: completes "Bara registrator eller utskottssekreterare kan %(what)s."
    _require_manager(user, organisation.pk, _("skicka en remiss"))
    if not title.strip():
        raise ConsultationValidationError(_("Ange en rubrik."), field="title")
    if not document_title.strip():
        raise ConsultationValidationError(_("Ange vilken handling som remitteras."), field="document_title")
    if deadline < decided_on:
        raise ConsultationValidationError(_("Sista svarsdag kan inte ligga före beslutet om remiss."), field="deadline")
    if sent_by.organisation_id != organisation.pk or (fund is not None and fund.organisation_id != organisation.pk):
        raise ConsultationValidationError(_("Organet eller fonden hör inte till organisationen."), field="sent_by")
    cleaned = _clean_questions(questions)
    _check_recipients(organisation, recipients)
    handler = handler or Handler()
    with transaction.atomic():
        consultation = Consultation.objects.create(
            organisation=organisation,
            fund=fund,
            title=title.strip(),
            document_title=document_title.strip(),
            document_date=document_date,
            registry_number=registry_number.strip(),
            consulted_on=consulted_on.strip(),
            sent_by=sent_by,
            decided_on=decided_on,
            deadline=deadline,
            questions=cleaned,
            row_labels={k: v.strip() for k, v in (row_labels or {}).items() if v and v.strip()},
            office=handler.office,
            handler_name=handler.name,
            handler_title=handler.title,
            handler_unit=handler.unit,
            handler_phone=handler.phone,
            handler_email=handler.email,
            created_by=user,
        )
        Recipient.objects.bulk_create(
            Recipient(
                consultation=consultation,
                kind=spec.kind,
                board=spec.board,
                code=spec.code.strip(),
                name=spec.name.strip(),
                email=spec.email.strip(),
                order=order,
            )
            for order, spec in enumerate(recipients)
        )
        audit_record(
            actor=user,
            action="consultation_create",
            target=consultation,
            message=f"Remiss: {consultation.document_title}, svar senast {format_date(deadline)}.",
            data={"recipients": [spec.code for spec in recipients]},
        )
    return consultation


def _locked_recipient(recipient: Recipient) -> Recipient:
    return Recipient.objects.select_for_update(of=("self",)).select_related("consultation").get(pk=recipient.pk)


def answer_register(
    *,
    recipient: Recipient,
    user: User,
    position: str,
    received_on: dt.date,
    additions: str = "",
    summary: str = "",
    decided_on: dt.date | None = None,
    paragraph: str = "",
    administration_answer: str = "",
) -> Answer:
    """Register (or correct) a recipient's answer: its position and any additions."""
    # Translators: completes "Bara registrator eller utskottssekreterare kan %(what)s."
    _require_manager(user, recipient.consultation.organisation_id, _("registrera remissvar"))
    if position not in AnswerPosition.values:
        raise ConsultationValidationError(_("Välj nämndens ställningstagande."), field="position")
    if position == AnswerPosition.SUPPORTS_WITH_ADDITIONS and not additions.strip():
        raise ConsultationValidationError(_("Skriv tilläggen som nämnden beslutade."), field="additions")
    if received_on > timezone.localdate():
        raise ConsultationValidationError(_("Svaret kan inte ha kommit in i framtiden."), field="received_on")
    with transaction.atomic():
        recipient = _locked_recipient(recipient)
        existing = Answer.objects.filter(recipient=recipient).first()
        before = existing.position if existing else ""
        answer, _created = Answer.objects.update_or_create(
            recipient=recipient,
            defaults={
                "position": position,
                "additions": additions.strip(),
                "summary": summary.strip(),
                "received_on": received_on,
                "decided_on": decided_on,
                "paragraph": paragraph.strip(),
                "administration_answer": administration_answer.strip(),
                "registered_by": user,
                "registered_at": timezone.now(),
            },
        )
        audit_record(
            actor=user,
            action="consultation_answer_update" if existing else "consultation_answer_register",
            target=answer,
            from_state=before,
            to_state=position,
            message=f"Remissvar från {recipient.code}: {in_record_language(AnswerPosition(position).label)}.",
        )
    return answer


def _clean_signatories(signatories: list[tuple[str, str]]) -> list[dict[str, str]]:
    people = [{"name": name.strip(), "party": party.strip()} for name, party in signatories if name.strip()]
    if not people:
        raise ConsultationValidationError(_("Ange vem som reserverar sig eller lämnar yttrandet."), field="signatories")
    if any(not person["party"] for person in people):
        raise ConsultationValidationError(_("Ange partiet för varje person, t.ex. (FP)."), field="signatories")
    return people


def statement_add(
    *,
    answer: Answer,
    user: User,
    kind: str,
    signatories: list[tuple[str, str]],
    wording: str,
    summary: str = "",
) -> Statement:
    """Add a reservation or separate statement to an answer, with the people and their parties."""
    # Translators: completes "Bara registrator eller utskottssekreterare kan %(what)s."
    _require_manager(user, answer.recipient.consultation.organisation_id, _("registrera reservationer och yttranden"))
    if kind not in StatementKind.values:
        raise ConsultationValidationError(_("Välj reservation eller särskilt yttrande."), field="kind")
    people = _clean_signatories(signatories)
    if not wording.strip():
        raise ConsultationValidationError(_("Skriv vad som anmäldes, som protokollet säger det."), field="wording")
    with transaction.atomic():
        order = answer.statements.count()
        statement = Statement.objects.create(
            answer=answer,
            kind=kind,
            signatories=people,
            wording=wording.strip(),
            summary=summary.strip(),
            order=order,
            registered_by=user,
        )
        audit_record(
            actor=user,
            action="consultation_statement_add",
            target=statement,
            message=f"{in_record_language(StatementKind(kind).label)} i {answer.recipient.code}.",
        )
    return statement


def statement_remove(*, statement: Statement, user: User, reason: str) -> None:
    """A reservation or statement registered by mistake (or wrongly: remove it and register it anew) goes.

    The log keeps what it said, who signed it and why it was removed, so nothing is lost.
    """
    answer = statement.answer
    # Translators: completes "Bara registrator eller utskottssekreterare kan %(what)s."
    _require_manager(user, answer.recipient.consultation.organisation_id, _("ta bort reservationer och yttranden"))
    if not reason.strip():
        raise ConsultationValidationError(_("Skriv varför reservationen eller yttrandet tas bort."), field="reason")
    with transaction.atomic():
        recipient = _locked_recipient(answer.recipient)
        current = Statement.objects.filter(pk=statement.pk, answer__recipient=recipient).first()
        if current is None:
            raise ConsultationStateError(_("Reservationen eller yttrandet är redan borttaget."))
        statement = current
        people = ", ".join(f"{p.get('name', '')} ({p.get('party', '')})" for p in statement.signatories)
        kind = in_record_language(StatementKind(statement.kind).label)
        audit_record(
            actor=user,
            action="consultation_statement_remove",
            target=statement.answer,
            message=f"{kind} i {recipient.code} borttagen: {people} {statement.wording}. Skäl: {reason.strip()}",
            data={
                "kind": statement.kind,
                "signatories": statement.signatories,
                "wording": statement.wording,
                "summary": statement.summary,
                "reason": reason.strip(),
            },
        )
        statement.delete()


@dataclass
class ReminderResult:
    sent: list[Reminder] = field(default_factory=list)
    without_address: list[Recipient] = field(default_factory=list)


def reminder_addresses(recipient: Recipient) -> list[str]:
    """The recipient's own address, else the board's officials (its registrar and secretaries) in the system."""
    if recipient.email:
        return [recipient.email]
    if recipient.board_id is None:
        return []
    users = User.objects.filter(board_id=recipient.board_id, is_active=True).exclude(email="")
    return sorted({u.email for u in users})


def reminders_send(*, consultation: Consultation, user: User, today: dt.date | None = None) -> ReminderResult:
    """Remind every recipient that has not answered; each mail goes after commit."""
    # Translators: completes "Bara registrator eller utskottssekreterare kan %(what)s."
    _require_manager(user, consultation.organisation_id, _("skicka påminnelser"))
    today = today or timezone.localdate()
    waiting = list(consultation.recipients.filter(answer__isnull=True).select_related("board"))
    if not waiting:
        raise ConsultationStateError(_("Alla remissinstanser har svarat; ingen behöver påminnas."))
    result = ReminderResult()
    with transaction.atomic():
        for recipient in waiting:
            addresses = reminder_addresses(recipient)
            if not addresses:
                result.without_address.append(recipient)
                continue
            reminder = Reminder.objects.create(recipient=recipient, sent_on=today, addresses=addresses, sent_by=user)
            result.sent.append(reminder)
            _mail_after_commit(consultation, addresses, today)
        audit_record(
            actor=user,
            action="consultation_remind",
            target=consultation,
            message=f"Påminnelse till {len(result.sent)} remissinstanser.",
            data={"reminded": [r.recipient.code for r in result.sent]},
        )
    return result


def _mail_after_commit(consultation: Consultation, addresses: list[str], today: dt.date) -> None:
    late = today > consultation.deadline
    when = "skulle ha kommit in" if late else "ska komma in senast"
    subject = f"Påminnelse: remiss {consultation.title}"
    message = (
        f"Hej!\n\nVi har ännu inte fått ert svar på remissen om {consultation.document_title}"
        f"{f' (Dnr {consultation.registry_number})' if consultation.registry_number else ''}. "
        f"Svaret {when} {format_date(consultation.deadline)}.\n\n"
        f"Med vänlig hälsning\n{consultation.handler_name or consultation.sent_by.name}\n"
    )

    def send() -> None:
        mail_queue(subject=subject, message=message, from_email=None, recipient_list=addresses)

    transaction.on_commit(send)
