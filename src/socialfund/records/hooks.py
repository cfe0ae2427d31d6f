"""The one hook into the rest of the system: an audited action that brings in or produces a document
registers it, in the same transaction as the action (so no document exists without its handling).

Services need not know the register: each already writes an audit event; `sources.KINDS` says which
events are documents. Mails to applicants are the one other way in: the outbox stores them with their
`letter`, and `register_letter` registers them as sent.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver

from socialfund.audit.models import AuditEvent
from socialfund.outbox.models import OutboxMail
from socialfund.records.document_kinds import kinds_for


@receiver(post_save, sender=AuditEvent, dispatch_uid="records_register_handling")
def register_on_audit(sender: Any, instance: AuditEvent, created: bool, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    if instance.action == "registry_number_set" and instance.initiative_id is not None:
        from socialfund.records.services import handlings_renumber

        handlings_renumber(instance.initiative_id, old=instance.data.get("from", ""), new=instance.data.get("to", ""))
        return
    kinds = kinds_for(instance)
    if not kinds:
        return
    from socialfund.records.services import handling_register

    target = apps.get_model(instance.target_type).objects.filter(pk=instance.target_id).first()
    for kind in kinds:
        document = kind.target_of(target) if target is not None else None
        if document is not None:
            handling_register(kind, document, user=instance.actor)


@receiver(post_save, sender=OutboxMail, dispatch_uid="records_register_letter")
def register_letter(sender: Any, instance: OutboxMail, created: bool, **kwargs: Any) -> None:
    """A mail to an applicant is a sent handling: registered as the outbox stores it (in the sender's transaction)."""
    if not created or kwargs.get("raw") or not instance.letter:
        return
    from socialfund.records.document_kinds import LETTERS, letter_target
    from socialfund.records.services import handling_register

    if letter_target(instance) is not None:
        handling_register(LETTERS, instance)
