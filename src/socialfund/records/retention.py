"""Retention: the fund's rules per kind of record, and a culling run that removes only what a rule allows.

Decisions, applications, memos, annual reports and the ledger are kept for ever whatever anyone sets
(`RecordType.never_culled`; the ledger is never a record type here). A run removes, for each rule that
allows culling, what has passed its time, and writes one line per removal to the gallringslogg, which
is itself kept (append-only). The registered handling stays in the register, marked culled.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.cases.codes import ApplicantType, Status
from socialfund.cases.models import Attachment, Initiative, Opinion
from socialfund.funds.models import Fund
from socialfund.records.codes import RecordType, RetentionEvent
from socialfund.records.models import CullingLogEntry, Handling, RetentionRule
from socialfund.records.services import RecordsError

# What a culling run knows how to remove; a rule for anything else can only say "kept".
CULLABLE = frozenset({RecordType.CONTACT_DETAILS, RecordType.ATTACHMENT})

# The defaults a new fund starts from (a board adopts its own gallringsbeslut and edits them).
DEFAULT_RULES: dict[str, tuple[int | None, str]] = {
    RecordType.CONTACT_DETAILS: (2, RetentionEvent.CASE_CLOSED),
}
OPEN_STATUSES = (Status.DRAFT, Status.ACTIVE, Status.ON_HOLD)


def retention_rules_ensure(fund: Fund) -> None:
    """Every record type gets a rule; the defaults keep everything but outside contact people's details."""
    for record_type in RecordType.values:
        years, event = DEFAULT_RULES.get(record_type, (None, RetentionEvent.CASE_CLOSED))
        RetentionRule.objects.get_or_create(
            fund=fund,
            record_type=record_type,
            defaults={"keep_forever": years is None, "years": years, "from_event": event},
        )


@transaction.atomic
def retention_rule_set(
    *,
    fund: Fund,
    user: User,
    record_type: str,
    keep_forever: bool,
    years: int | None,
    from_event: str,
    reference: str = "",
) -> RetentionRule:
    if not user.has_role(Role.ADMINISTRATOR) and not user.has_role(Role.REGISTRAR):
        raise RecordsError(_("Bara registrator eller administratör ändrar gallringsregler."))
    if not keep_forever:
        if record_type in RecordType.never_culled():
            raise RecordsError(_("Handlingstypen ska bevaras och kan inte gallras."), field="keep_forever")
        if record_type not in CULLABLE:
            raise RecordsError(_("Gallring av den här handlingstypen stöds inte; välj bevaras."), field="keep_forever")
        if years is None or years < 0:
            raise RecordsError(_("Ange efter hur många år handlingen gallras."), field="years")
    rule, _created = RetentionRule.objects.update_or_create(
        fund=fund,
        record_type=record_type,
        defaults={
            "keep_forever": keep_forever,
            "years": None if keep_forever else years,
            "from_event": from_event,
            "decision_reference": reference.strip(),
        },
    )
    audit_record(actor=user, action="retention_rule_set", target=rule, message=str(rule))
    return rule


def _years_after(day: dt.date, years: int) -> dt.date:
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


def _event_date(rule: RetentionRule, initiative: Initiative, registered_on: dt.date | None) -> dt.date | None:
    if rule.from_event == RetentionEvent.REGISTERED:
        return registered_on or initiative.filed_on
    return case_closed_on(initiative)


def _due(rule: RetentionRule, event: dt.date | None, today: dt.date) -> bool:
    return event is not None and rule.years is not None and _years_after(event, rule.years) <= today


@dataclass(frozen=True)
class CullingRun:
    run: uuid.UUID
    entries: list[CullingLogEntry]


def _log(
    run: uuid.UUID, user: User | None, rule: RetentionRule, target: object, case: str, removed: str
) -> CullingLogEntry:
    return CullingLogEntry.objects.create(
        run=run,
        actor=user,
        fund=rule.fund,
        record_type=rule.record_type,
        rule=f"{rule.get_record_type_display()}: {rule.description}"
        + (f" ({rule.decision_reference})" if rule.decision_reference else ""),
        target_type=target._meta.label_lower,  # type: ignore[attr-defined]
        target_id=str(target.pk),  # type: ignore[attr-defined]
        case_number=case,
        removed=removed,
    )


def _cull_contact_details(
    run: uuid.UUID, rule: RetentionRule, today: dt.date, user: User | None
) -> list[CullingLogEntry]:
    entries = []
    people = (
        Initiative.objects.filter(fund=rule.fund)
        .exclude(initiator_type__in=ApplicantType.internal())
        .filter(~Q(contact_name="") | ~Q(contact_email=""))
        .select_related("decision")
    )
    for initiative in people:
        if not _due(rule, _event_date(rule, initiative, None), today):
            continue
        Initiative.objects.filter(pk=initiative.pk).update(contact_name="", contact_email="")
        entries.append(
            _log(run, user, rule, initiative, initiative.registry_number, "Kontaktpersonens namn och e-postadress")
        )
    return entries


def _cull_attachments(run: uuid.UUID, rule: RetentionRule, today: dt.date, user: User | None) -> list[CullingLogEntry]:
    entries = []
    handlings = Handling.objects.filter(
        fund=rule.fund, record_type=RecordType.ATTACHMENT, source_type="cases.attachment", culled_on__isnull=True
    ).select_related("initiative")
    for handling in handlings:
        attachment = Attachment.objects.filter(pk=handling.source_id).first()
        if attachment is None or handling.initiative is None:
            continue
        if not _due(rule, _event_date(rule, handling.initiative, handling.registered_on), today):
            continue
        if Opinion.objects.filter(attachment=attachment).exists():
            continue  # an opinion's own document is kept with the opinion
        attachment.file.delete(save=False)
        attachment.delete()
        handling.culled_on = today
        handling.save(update_fields=["culled_on"])
        entries.append(_log(run, user, rule, attachment, handling.number, f"Handlingen {handling.number} (filen)"))
    return entries


@transaction.atomic
def culling_run(*, fund: Fund, today: dt.date | None = None, user: User | None = None) -> CullingRun:
    """Remove what the fund's rules allow as of `today`; log each removal. Nothing else is touched."""
    today = today or timezone.localdate()
    run = uuid.uuid4()
    entries: list[CullingLogEntry] = []
    for rule in RetentionRule.objects.filter(fund=fund, keep_forever=False, years__isnull=False):
        if rule.record_type in RecordType.never_culled():
            continue  # a rule that slipped past the service's check still removes nothing that must be kept
        if rule.record_type == RecordType.CONTACT_DETAILS:
            entries += _cull_contact_details(run, rule, today, user)
        elif rule.record_type == RecordType.ATTACHMENT:
            entries += _cull_attachments(run, rule, today, user)
    audit_record(
        actor=user,
        action="culling_run",
        target=fund,
        message=f"Gallring: {len(entries)} uppgifter togs bort enligt fondens gallringsregler.",
        data={"run": str(run)},
    )
    return CullingRun(run=run, entries=entries)
