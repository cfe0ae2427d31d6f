"""Registering handlings: one entry in the fund's register per document that comes in, is drawn up or sent."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund
from socialfund.records.classification import classification_for
from socialfund.records.document_kinds import KINDS, DocumentKind, Entry
from socialfund.records.models import Handling


class RecordsError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def source_key(kind: DocumentKind, document: models.Model) -> tuple[str, str]:
    return kind.source_type, str(document.pk)


def handling_of(kind: DocumentKind, document: models.Model) -> Handling | None:
    source_type, source_id = source_key(kind, document)
    return Handling.objects.filter(source_type=source_type, source_id=source_id).first()


def _case_number(entry: Entry) -> str:
    """The case's registry number; a case without one gets the fund's next when its first document comes in."""
    if entry.case_number:
        return entry.case_number
    initiative = entry.initiative
    if initiative is None:
        return entry.fund.registry_number or entry.fund.slug
    if not initiative.registry_number:
        from socialfund.cases.registry import registry_number_take

        number = registry_number_take(fund=initiative.fund, on=initiative.filed_on or entry.on)
        # Straight to the row: the case's own version and audit trail are not the register's to touch.
        Initiative.objects.filter(pk=initiative.pk, registry_number="").update(registry_number=number)
        initiative.refresh_from_db(fields=["registry_number"])
    return initiative.registry_number


@transaction.atomic
def handling_register(kind: DocumentKind, document: models.Model, *, user: User | None = None) -> Handling:
    """Register a document once; registering it again returns the entry it has."""
    existing = handling_of(kind, document)
    if existing is not None:
        return existing
    entry = kind.entry(document)
    case_number = _case_number(entry)
    # Lock the fund's row so that two registrations at once never take the same serial.
    # FOR NO KEY UPDATE: the case row just inserted holds a key-share lock on the fund's row; a full
    # FOR UPDATE after it deadlocks with a second idea doing the same at once (PostgreSQL).
    Fund.objects.select_for_update(no_key=True).filter(pk=entry.fund.pk).first()
    serial = Handling.objects.filter(fund=entry.fund, case_number=case_number).count() + 1
    source_type, source_id = source_key(kind, document)
    handling = Handling.objects.create(
        fund=entry.fund,
        initiative=entry.initiative,
        case_number=case_number,
        number=f"{case_number}:{serial}",
        serial=serial,
        registered_on=entry.on,
        direction=entry.direction,
        record_type=entry.record_type,
        counterpart=entry.counterpart[:200],
        title=entry.title[:300],
        classification=classification_for(entry.fund, entry.record_type),
        source_type=source_type,
        source_id=source_id,
        registered_by=user,
    )
    from socialfund.records.diarium.delivery import delivery_enqueue

    delivery_enqueue(handling)
    return handling


def handlings_renumber(initiative_id: int, *, old: str, new: str) -> None:
    """The registrar gave the case another number: its handlings follow (serials kept)."""
    if not new or old == new:
        return
    for handling in Handling.objects.filter(initiative_id=initiative_id, case_number=old or F("case_number")):
        handling.case_number = new
        handling.number = f"{new}:{handling.serial}"
        handling.save(update_fields=["case_number", "number"])


def register_missing(fund: Fund, *, user: User | None = None) -> list[Handling]:
    """Register every document of the fund that has no handling yet (data from before the register, the demo)."""
    made = []
    for kind in KINDS:
        for document in kind.documents(fund).order_by("pk"):
            if handling_of(kind, document) is None:
                made.append(handling_register(kind, document, user=user))
    return made


def unregistered(fund: Fund) -> list[tuple[str, Any]]:
    """Documents of the fund without a handling: (kind, document). Empty when the register is complete."""
    return [
        (kind.source_type, document)
        for kind in KINDS
        for document in kind.documents(fund).order_by("pk")
        if handling_of(kind, document) is None
    ]


@transaction.atomic
def handling_mark_secret(*, handling: Handling, user: User, paragraph: str, public_title: str) -> Handling:
    """Mark a handling as covered by secrecy: the OSL paragraph, and the title the public register shows."""
    if not user.has_role(Role.REGISTRAR):
        raise RecordsError(_("Bara registrator markerar sekretess."))
    if not paragraph.strip():
        raise RecordsError(_("Ange paragrafen i offentlighets- och sekretesslagen."), field="paragraph")
    if not public_title.strip():
        raise RecordsError(_("Ange en rubrik som kan visas offentligt."), field="public_title")
    handling.secrecy_paragraph = paragraph.strip()
    handling.public_title = public_title.strip()
    handling.save(update_fields=["secrecy_paragraph", "public_title"])
    audit_record(
        actor=user,
        action="handling_mark_secret",
        target=handling,
        initiative=handling.initiative,
        message=f"Sekretessmarkerad enligt {handling.secrecy_paragraph}.",
    )
    return handling
