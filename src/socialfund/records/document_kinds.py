"""Which objects are documents (allmänna handlingar) and how each is registered.

Each kind says which audit actions bring one in or produce one (the central hook listens for them),
which of a fund's objects ought to have a handling (the demo walk and the backfill read it), and what
its register entry says. Adding a document-producing feature means adding one `DocumentKind` here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone

from socialfund.audit.models import AuditEvent
from socialfund.cases.codes import Status
from socialfund.cases.models import Attachment, Decision, Initiative, Opinion
from socialfund.consultations.models import Answer, Consultation
from socialfund.core.casemachine import APPLICANT, StageForm, acting_role, stage_form
from socialfund.core.policy import Policy
from socialfund.followup.models import Report
from socialfund.funds.models import Fund
from socialfund.outbox.models import OutboxMail
from socialfund.records.codes import Direction, RecordType
from socialfund.records.models import StoredDocument


@dataclass(frozen=True)
class Entry:
    """What the register says of one document."""

    fund: Fund
    initiative: Initiative | None
    case_number: str  # "" -> the case's number (assigned at first registration)
    direction: str
    record_type: str
    counterpart: str
    title: str
    on: dt.date


@dataclass(frozen=True)
class DocumentKind:
    source_type: str  # the object's label, or label + "." + field for a document kept in a field
    actions: frozenset[str]
    documents: Callable[[Fund], models.QuerySet[Any]]
    entry: Callable[[Any], Entry]
    target_of: Callable[[Any], Any] = lambda target: target  # from the audited target to the document
    applies: Callable[[Any], bool] = lambda event: True  # whether this audit event hands in this document


def _first_stage_of_form(policy: Policy, form: StageForm) -> str | None:
    """The first stage of the guidelines where the applicant hands in this form of document (an idea sketch,
    the full application): which stage that is differs between funds, so it is read from the guidelines."""
    for stage in policy.stages:
        if acting_role(policy, stage.code) == APPLICANT and stage_form(policy, stage.code) == form:
            return stage.code
    return None


def _reached(initiative: Initiative, form: StageForm) -> bool:
    """Whether the case has reached the stage where this form of document is handed in (so the document exists)."""
    from socialfund.cases.workflow import policy_if_any

    policy = policy_if_any(initiative)
    if policy is None:
        return False
    stage_code = _first_stage_of_form(policy, form)
    codes = [stage.code for stage in policy.stages]
    if stage_code is None or initiative.stage not in codes or codes.index(stage_code) == 0:
        return False
    return codes.index(initiative.stage) >= codes.index(stage_code)


def _initiative_entry(i: Initiative) -> Entry:
    """The initiative as first filed (the idea, idéskiss)."""
    return Entry(
        fund=i.fund,
        initiative=i,
        case_number="",
        direction=Direction.INCOMING,
        record_type=RecordType.IDEA,
        counterpart=i.initiator_name,
        title=i.title,
        on=i.filed_on or timezone.localdate(),
    )


def _application_entry(i: Initiative) -> Entry:
    """The application handed in when the case enters the application stage (idéskiss → ansökan)."""
    return Entry(
        i.fund, i, "", Direction.INCOMING, RecordType.APPLICATION, i.initiator_name, f"Ansökan: {i.title}", _today()
    )


def _sketch_entry(i: Initiative) -> Entry:
    """The idea sketch handed in after an interest registration (intresseanmälan → idéskiss)."""
    return Entry(i.fund, i, "", Direction.INCOMING, RecordType.IDEA, i.initiator_name, f"Idéskiss: {i.title}", _today())


def _files_the_case(event: AuditEvent) -> bool:
    return event.action == "idea_register_external" or event.from_state.startswith(f"{Status.DRAFT}:")


def _enters(form: StageForm) -> Callable[[AuditEvent], bool]:
    """A submission that moves an active case into the stage where this form of document is handed in."""

    def applies(event: AuditEvent) -> bool:
        if event.action != "initiative_submit" or not event.from_state.startswith(f"{Status.ACTIVE}:"):
            return False
        from socialfund.cases.workflow import policy_if_any

        policy = policy_if_any(event.initiative) if event.initiative is not None else None
        stage_code = _first_stage_of_form(policy, form) if policy is not None else None
        return stage_code is not None and event.to_state.endswith(f":{stage_code}")

    return applies


def _having_reached(form: StageForm) -> Callable[[Fund], models.QuerySet[Any]]:
    def documents(fund: Fund) -> models.QuerySet[Any]:
        cases = Initiative.objects.filter(fund=fund).exclude(status=Status.DRAFT)
        return Initiative.objects.filter(pk__in=[i.pk for i in cases if _reached(i, form)])

    return documents


def _memo_entry(i: Initiative) -> Entry:
    return Entry(i.fund, i, "", Direction.DRAWN_UP, RecordType.MEMO, "", f"Beredningspromemoria: {i.title}", _today())


def _attachment_entry(a: Attachment) -> Entry:
    i = a.initiative
    drawn_up = a.kind in ("memo", "decision")
    return Entry(
        fund=i.fund,
        initiative=i,
        case_number="",
        direction=Direction.DRAWN_UP if drawn_up else Direction.INCOMING,
        record_type=RecordType.ATTACHMENT,
        counterpart="" if drawn_up else i.initiator_name,
        title=f"{a.get_kind_display()}: {a.original_name}",
        on=timezone.localdate(a.uploaded_at),
    )


def _opinion_entry(o: Opinion) -> Entry:
    i = o.initiative
    return Entry(
        i.fund, i, "", Direction.INCOMING, RecordType.OPINION, o.giver_name, f"Yttrande: {i.title}", o.decided_on
    )


def _decision_entry(d: Decision) -> Entry:
    i = d.initiative
    title = f"Beslut {d.body.code} {d.decided_on.isoformat()} {d.paragraph}: {i.title}"
    return Entry(i.fund, i, "", Direction.DRAWN_UP, RecordType.DECISION, "", title, d.decided_on)


def _consultation_number(c: Consultation) -> str:
    return c.registry_number or (c.fund.registry_number if c.fund else "")


def _consultation_entry(c: Consultation) -> Entry:
    assert c.fund is not None
    return Entry(
        c.fund,
        None,
        _consultation_number(c),
        Direction.OUTGOING,
        RecordType.CONSULTATION,
        "",
        c.document_title,
        c.decided_on,
    )


def _answer_entry(a: Answer) -> Entry:
    c = a.recipient.consultation
    assert c.fund is not None
    return Entry(
        fund=c.fund,
        initiative=None,
        case_number=_consultation_number(c),
        direction=Direction.INCOMING,
        record_type=RecordType.CONSULTATION_ANSWER,
        counterpart=a.recipient.display_name,
        title=f"Remissvar: {c.document_title}",
        on=a.received_on,
    )


def _report_entry(r: Report) -> Entry:
    i = r.project.initiative
    on = timezone.localdate(r.submitted_at) if r.submitted_at else _today()
    return Entry(i.fund, i, "", Direction.INCOMING, RecordType.PROJECT_REPORT, i.initiator_name, r.title, on)


def _stored_entry(d: StoredDocument) -> Entry:
    """A document socialfund drew up and filed: registered on its own registry number (the April report's)."""
    return Entry(d.fund, None, d.case_number, Direction.DRAWN_UP, d.record_type, "", d.title, d.filed_on)


def letters_of(fund: Fund) -> models.QuerySet[Any]:
    """The mails to applicants about the fund's cases (the outbox names the case by label and id)."""
    cases = Initiative.objects.filter(fund=fund).values_list("pk", flat=True)
    return OutboxMail.objects.filter(
        letter__regarding=Initiative._meta.label_lower, letter__regarding_id__in=list(cases)
    )


def letter_target(mail: OutboxMail) -> OutboxMail | None:
    """Only a mail that says it is a letter to an applicant, about a case that still exists, is registered."""
    if mail.letter.get("regarding") != Initiative._meta.label_lower:
        return None
    return mail if Initiative.objects.filter(pk=mail.letter.get("regarding_id")).exists() else None


def _letter_entry(mail: OutboxMail) -> Entry:
    initiative = Initiative.objects.select_related("fund").get(pk=mail.letter["regarding_id"])
    return Entry(
        fund=initiative.fund,
        initiative=initiative,
        case_number="",
        direction=Direction.OUTGOING,
        record_type=RecordType.LETTER,
        counterpart=mail.letter.get("addressee", ""),
        title=mail.letter.get("title") or mail.subject,
        on=timezone.localdate(mail.created_at),
    )


def _today() -> dt.date:
    return timezone.localdate()


# Registered when the mail is stored (hooks.register_letter), not through an audit event.
LETTERS = DocumentKind("outbox.outboxmail", frozenset(), letters_of, _letter_entry, target_of=letter_target)

KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        "cases.initiative",
        frozenset({"initiative_submit", "idea_register_external"}),
        lambda fund: Initiative.objects.filter(fund=fund).exclude(status=Status.DRAFT),
        _initiative_entry,
        applies=_files_the_case,
    ),
    DocumentKind(
        "cases.initiative.idea",
        frozenset({"initiative_submit"}),
        # Not backfilled: whether a case at the idea stage was filed there or moved there is not recorded.
        lambda fund: Initiative.objects.none(),
        _sketch_entry,
        applies=_enters("sketch"),
    ),
    DocumentKind(
        "cases.initiative.application",
        frozenset({"initiative_submit"}),
        _having_reached("full"),
        _application_entry,
        applies=_enters("full"),
    ),
    DocumentKind(
        "cases.initiative.preparation_memo",
        frozenset({"preparation_complete"}),
        lambda fund: Initiative.objects.filter(fund=fund).exclude(preparation_memo=""),
        _memo_entry,
    ),
    DocumentKind(
        "cases.attachment",
        frozenset({"attachment_add"}),
        lambda fund: Attachment.objects.filter(initiative__fund=fund),
        _attachment_entry,
    ),
    DocumentKind(
        "cases.opinion",
        frozenset({"opinion_register"}),
        lambda fund: Opinion.objects.filter(initiative__fund=fund),
        _opinion_entry,
    ),
    DocumentKind(
        "cases.decision",
        frozenset({"decision_register"}),
        lambda fund: Decision.objects.filter(initiative__fund=fund),
        _decision_entry,
        target_of=lambda initiative: getattr(initiative, "decision", None),
    ),
    DocumentKind(
        "consultations.consultation",
        frozenset({"consultation_create"}),
        lambda fund: Consultation.objects.filter(fund=fund),
        _consultation_entry,
        # A consultation outside any fund (the organisation's own) belongs to another register.
        target_of=lambda c: c if c.fund_id is not None else None,
    ),
    DocumentKind(
        "consultations.answer",
        frozenset({"consultation_answer_register", "consultation_answer_update"}),
        lambda fund: Answer.objects.filter(recipient__consultation__fund=fund),
        _answer_entry,
        target_of=lambda a: a if a.recipient.consultation.fund_id is not None else None,
    ),
    DocumentKind(
        "followup.report",
        frozenset({"report_submit"}),
        lambda fund: Report.objects.filter(project__initiative__fund=fund, submitted_at__isnull=False),
        _report_entry,
    ),
    DocumentKind(
        "records.storeddocument",
        frozenset({"document_file"}),
        lambda fund: StoredDocument.objects.filter(fund=fund),
        _stored_entry,
    ),
    LETTERS,
)


def kinds_for(event: Any) -> list[DocumentKind]:
    """The documents an audit event hands in or produces (usually none, at most one)."""
    return [kind for kind in KINDS if event.action in kind.actions and kind.applies(event)]
