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
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.funds.models import Fund
from socialfund.record_language import record_language
from socialfund.records.codes import RecordType, RetentionEvent
from socialfund.records.cullers import CULLERS, Candidate
from socialfund.records.models import CullingLogEntry, RetentionRule
from socialfund.records.services import RecordsError

# What a culling run knows how to remove; a rule for anything else can only say "kept".
CULLABLE = frozenset(CULLERS)

# The defaults a new fund starts from (a board adopts its own gallringsbeslut and edits them).
DEFAULT_RULES: dict[str, tuple[int | None, str]] = {
    RecordType.CONTACT_DETAILS: (2, RetentionEvent.CASE_CLOSED),
}


def retention_rules_ensure(fund: Fund) -> None:
    """Every record type gets a rule; the defaults keep everything but outside contact people's details."""
    for record_type in RecordType.values:
        years, event = DEFAULT_RULES.get(record_type, (None, RetentionEvent.CASE_CLOSED))
        RetentionRule.objects.get_or_create(
            fund=fund,
            record_type=record_type,
            defaults={"keep_forever": years is None, "years": years, "from_event": event},
        )


LONGEST_RETENTION = 200  # years; a longer time is a typing slip, not a gallringsbeslut


def may_edit_rules(user: User) -> bool:
    """The fund's records officer: the registrar (arkivansvarig) or the administrator."""
    return user.has_role(Role.ADMINISTRATOR) or user.has_role(Role.REGISTRAR)


def _check_rule(record_type: str, keep_forever: bool, years: int | None, from_event: str) -> None:
    if record_type not in RecordType.values:
        raise RecordsError(_("Välj en handlingstyp i listan."), field="record_type")
    if from_event not in RetentionEvent.values:
        raise RecordsError(_("Välj från vilken händelse tiden räknas."), field="from_event")
    if keep_forever:
        return
    if record_type in RecordType.never_culled():
        raise RecordsError(_("Handlingstypen ska bevaras och kan inte gallras."), field="keep_forever")
    if record_type not in CULLABLE:
        raise RecordsError(_("Gallring av den här handlingstypen stöds inte; välj bevaras."), field="keep_forever")
    if years is None or years < 0:
        raise RecordsError(_("Ange efter hur många år handlingen gallras."), field="years")
    if years > LONGEST_RETENTION:
        raise RecordsError(
            _("Ange högst %(years)s år; ska handlingen sparas längre, välj bevaras.") % {"years": LONGEST_RETENTION},
            field="years",
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
    """Add or change the fund's rule for a record type; refuses culling what must be kept. Audited."""
    if not may_edit_rules(user):
        raise RecordsError(_("Bara registrator eller administratör ändrar gallringsregler."))
    _check_rule(record_type, keep_forever, years, from_event)
    before = RetentionRule.objects.filter(fund=fund, record_type=record_type).first()
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
    audit_record(
        actor=user,
        action="retention_rule_set",
        target=rule,
        message=f"Gallringsregel {'ändrad' if before else 'tillagd'}: {_rule_text(rule)}",
        data={"from": _rule_text(before) if before else ""},
    )
    return rule


@transaction.atomic
def retention_rule_end(*, rule: RetentionRule, user: User) -> None:
    """End a rule: without one the record type is kept (nothing is culled without a gallringsbeslut). Audited."""
    if not may_edit_rules(user):
        raise RecordsError(_("Bara registrator eller administratör ändrar gallringsregler."))
    text = _rule_text(rule)
    audit_record(actor=user, action="retention_rule_end", target=rule, message=f"Gallringsregel avslutad: {text}")
    rule.delete()


@dataclass(frozen=True)
class CullingRun:
    run: uuid.UUID
    entries: list[CullingLogEntry]


def _rule_text(rule: RetentionRule) -> str:
    with record_language():
        text = f"{rule.get_record_type_display()}: {rule.description}"
    return text + (f" ({rule.decision_reference})" if rule.decision_reference else "")


def _log(run: uuid.UUID, user: User | None, candidate: Candidate) -> CullingLogEntry:
    rule = candidate.rule
    return CullingLogEntry.objects.create(
        run=run,
        actor=user,
        fund=rule.fund,
        record_type=rule.record_type,
        rule=_rule_text(rule),
        target_type=candidate.target._meta.label_lower,
        target_id=str(candidate.target.pk),
        case_number=candidate.case_number,
        removed=candidate.removed,
    )


def culling_preview(*, fund: Fund, today: dt.date | None = None) -> list[Candidate]:
    """What a run would remove as of `today`, rule by rule; nothing is touched (the page's dry run)."""
    today = today or timezone.localdate()
    found: list[Candidate] = []
    rules = RetentionRule.objects.filter(fund=fund, keep_forever=False, years__isnull=False).select_related("fund")
    for rule in rules.order_by("record_type"):
        if rule.record_type in RecordType.never_culled():
            continue  # a rule that slipped past the service's check still removes nothing that must be kept
        culler = CULLERS.get(rule.record_type)
        if culler is not None:
            found += culler(rule, today)
    return found


@transaction.atomic
def culling_run(*, fund: Fund, today: dt.date | None = None, user: User | None = None) -> CullingRun:
    """Remove what the fund's rules allow as of `today`; log each removal. Nothing else is touched."""
    today = today or timezone.localdate()
    run = uuid.uuid4()
    entries: list[CullingLogEntry] = []
    for candidate in culling_preview(fund=fund, today=today):
        entries.append(_log(run, user, candidate))  # first: the target's id is gone once it is removed
        candidate.remove(today)
    audit_record(
        actor=user,
        action="culling_run",
        target=fund,
        message=f"Gallring: {len(entries)} uppgifter togs bort enligt fondens gallringsregler.",
        data={"run": str(run)},
    )
    return CullingRun(run=run, entries=entries)
