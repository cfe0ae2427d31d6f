"""What a culling rule can remove, one culler per record type.

Each culler lists the candidates a rule allows as of a day, without touching anything: the preview shows
them ("would cull 12 handlings: …"), and the run removes exactly those. A record type without a culler can
only be kept; the types the law keeps (`RecordType.never_culled`) never get one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import Max, Min, Q
from django.utils import timezone

from socialfund.cases.codes import ApplicantType, Status
from socialfund.cases.models import Attachment, Initiative, Opinion
from socialfund.outbox.models import MailState, OutboxMail
from socialfund.records.codes import RecordType, RetentionEvent
from socialfund.records.models import Handling, RetentionRule, StoredDocument
from socialfund.reports.models import ReportText

OPEN_STATUSES = (Status.DRAFT, Status.ACTIVE, Status.ON_HOLD)


@dataclass(frozen=True)
class Candidate:
    """One thing a rule lets a run remove: what it is (for the preview), what is removed (for the log)."""

    rule: RetentionRule
    target: models.Model
    case_number: str
    what: str
    removed: str
    remove: Callable[[dt.date], None]


def years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def case_closed_on(initiative: Initiative) -> dt.date | None:
    """When the case's handling ended: the decision's date, or the last recorded change of a closed case."""
    if initiative.status in OPEN_STATUSES:
        return None
    decision = getattr(initiative, "decision", None)
    if decision is not None:
        decided_on: dt.date = decision.decided_on
        return decided_on
    return timezone.localdate(initiative.updated_at)


def due(rule: RetentionRule, event: dt.date | None, today: dt.date) -> bool:
    return event is not None and rule.years is not None and years_after(event, rule.years) <= today


def _case_event(rule: RetentionRule, initiative: Initiative, registered_on: dt.date | None) -> dt.date | None:
    if rule.from_event == RetentionEvent.REGISTERED:
        return registered_on or initiative.filed_on
    return case_closed_on(initiative)


def _mark_culled(handling: Handling, today: dt.date) -> None:
    handling.culled_on = today
    handling.save(update_fields=["culled_on"])


def contact_details(rule: RetentionRule, today: dt.date) -> list[Candidate]:
    """The contact person's name and e-mail on an outside actor's case; the case and its documents stay."""
    people = (
        Initiative.objects.filter(fund=rule.fund)
        .exclude(initiator_type__in=ApplicantType.internal())
        .filter(~Q(contact_name="") | ~Q(contact_email=""))
        .select_related("decision")
        .order_by("pk")
    )

    def remover(pk: int) -> Callable[[dt.date], None]:
        def remove(_day: dt.date) -> None:
            Initiative.objects.filter(pk=pk).update(contact_name="", contact_email="")

        return remove

    return [
        Candidate(
            rule,
            initiative,
            initiative.registry_number,
            f"{initiative.registry_number} {initiative.title}".strip(),
            "Kontaktpersonens namn och e-postadress",
            remover(initiative.pk),
        )
        for initiative in people
        if due(rule, _case_event(rule, initiative, None), today)
    ]


def _registered(rule: RetentionRule, source_type: str) -> models.QuerySet[Handling]:
    return Handling.objects.filter(
        fund=rule.fund, record_type=rule.record_type, source_type=source_type, culled_on__isnull=True
    ).select_related("initiative__decision")


def attachments(rule: RetentionRule, today: dt.date) -> list[Candidate]:
    """An uploaded attachment's file and row (never one an opinion rests on); the handling stays, marked culled."""
    found = []
    for handling in _registered(rule, "cases.attachment"):
        attachment = Attachment.objects.filter(pk=handling.source_id).first()
        if attachment is None or handling.initiative is None:
            continue
        if not due(rule, _case_event(rule, handling.initiative, handling.registered_on), today):
            continue
        if Opinion.objects.filter(attachment=attachment).exists():
            continue  # an opinion's own document is kept with the opinion

        def remove(day: dt.date, attachment: Attachment = attachment, handling: Handling = handling) -> None:
            attachment.file.delete(save=False)
            attachment.delete()
            _mark_culled(handling, day)

        found.append(
            Candidate(
                rule, attachment, handling.number, f"{handling.number} {handling.title}",
                f"Handlingen {handling.number} (filen)", remove,
            )
        )  # fmt: skip
    return found


def letters(rule: RetentionRule, today: dt.date) -> list[Candidate]:
    """A sent mail to an applicant (its text and addresses); the handling stays, marked culled. A mail still
    waiting in the queue is not culled: it has not left the system yet."""
    found = []
    for handling in _registered(rule, "outbox.outboxmail"):
        mail = OutboxMail.objects.filter(pk=handling.source_id).exclude(state=MailState.QUEUED).first()
        if mail is None or handling.initiative is None:
            continue
        if not due(rule, _case_event(rule, handling.initiative, handling.registered_on), today):
            continue

        def remove(day: dt.date, mail: OutboxMail = mail, handling: Handling = handling) -> None:
            mail.delete()
            _mark_culled(handling, day)

        found.append(
            Candidate(
                rule, mail, handling.number, f"{handling.number} {handling.title}",
                f"Handlingen {handling.number} (brevets text och adresser)", remove,
            )
        )  # fmt: skip
    return found


def report_drafts(rule: RetentionRule, today: dt.date) -> list[Candidate]:
    """Earlier versions of an April report's written parts (working drafts, never registered). The latest
    version of each year is kept; the filed report itself is an annual report and kept for ever."""
    texts = ReportText.objects.filter(fund=rule.fund)
    latest = {row["year"]: row["v"] for row in texts.values("year").annotate(v=Max("version"))}
    filed = {
        row["year"]: row["on"]
        for row in StoredDocument.objects.filter(fund=rule.fund, record_type=RecordType.ANNUAL_REPORT)
        .values("year")
        .annotate(on=Min("filed_on"))
    }
    found = []
    for text in texts.order_by("year", "version"):
        if text.version == latest[text.year]:
            continue
        event = (
            timezone.localdate(text.saved_at) if rule.from_event == RetentionEvent.REGISTERED else filed.get(text.year)
        )
        if not due(rule, event, today):
            continue

        def remove(_day: dt.date, text: ReportText = text) -> None:
            text.delete()

        found.append(
            Candidate(
                rule, text, "", f"Uppföljningen {text.year}, version {text.version}",
                f"Utkast till uppföljningen {text.year}, version {text.version}", remove,
            )
        )  # fmt: skip
    return found


CULLERS: dict[str, Callable[[RetentionRule, dt.date], list[Candidate]]] = {
    RecordType.CONTACT_DETAILS: contact_details,
    RecordType.ATTACHMENT: attachments,
    RecordType.LETTER: letters,
    RecordType.REPORT_DRAFT: report_drafts,
}
