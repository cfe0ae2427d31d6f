"""Delivering registered handlings to the municipality's own registry: queued, retried, never lost.

A handling is registered in socialfund's register in the action's own transaction; when the fund keeps
its diarium elsewhere, a delivery row is written beside it. `deliver_due` (the `diarium_deliver`
command, run by a timer like the mail queue) sends what is due; a registry that is down leaves the row
pending with its error and a later time to try again.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from socialfund.records.codes import DeliveryStatus
from socialfund.records.diarium.base import CaseRequest, Diarium, DiariumUnavailable, DocumentRequest
from socialfund.records.diarium.own import OwnRegister
from socialfund.records.models import DiariumCase, DiariumDelivery, Handling

log = logging.getLogger(__name__)
MAX_WAIT = dt.timedelta(hours=6)


def diarium_from_settings() -> Diarium:
    """`RECORDS_DIARIUM = {"adapter": "platina", ...PlatinaConfig fields}`; without it, socialfund's own register."""
    config: dict[str, Any] = dict(getattr(settings, "RECORDS_DIARIUM", None) or {})
    if config.pop("adapter", "own") == "platina":
        from socialfund.records.diarium.platina import PlatinaConfig, PlatinaDiarium

        return PlatinaDiarium(PlatinaConfig(**config))
    return OwnRegister()


def delivery_enqueue(handling: Handling) -> DiariumDelivery | None:
    if diarium_from_settings().name == OwnRegister.name:
        return None
    return DiariumDelivery.objects.create(handling=handling)


def _wait_after(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2**attempts), MAX_WAIT)


def _external_case(diarium: Diarium, handling: Handling) -> DiariumCase:
    case = DiariumCase.objects.filter(
        fund=handling.fund, case_number=handling.case_number, adapter=diarium.name
    ).first()
    if case is not None:
        return case
    initiative = handling.initiative
    registered = diarium.create_case(
        CaseRequest(
            case_number=handling.case_number,
            title=initiative.title if initiative else handling.title,
            description=(initiative.summary if initiative else "") or handling.title,
            opened_on=(initiative.filed_on if initiative and initiative.filed_on else handling.registered_on),
            initiator=initiative.initiator_name if initiative else "",
            classification=handling.classification.code if handling.classification else "",
        )
    )
    return DiariumCase.objects.create(
        fund=handling.fund,
        case_number=handling.case_number,
        adapter=diarium.name,
        external_id=registered.external_id,
        external_number=registered.number,
    )


def deliver(delivery: DiariumDelivery, diarium: Diarium, *, now: dt.datetime) -> bool:
    handling = delivery.handling
    try:
        case = _external_case(diarium, handling)
        registered = diarium.register_document(
            case.external_id,
            DocumentRequest(
                title=handling.title,
                direction=handling.direction,
                counterpart=handling.counterpart,
                registered_on=handling.registered_on,
                secrecy_paragraph=handling.secrecy_paragraph,
                public_title=handling.public_title,
                record_type=handling.record_type,
            ),
        )
    except (DiariumUnavailable, KeyError, ValueError) as exc:
        delivery.attempts += 1
        delivery.last_error = str(exc)[:2000]
        delivery.next_attempt_at = now + _wait_after(delivery.attempts)
        delivery.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        log.warning("Diariet tog inte emot %s (försök %s).", handling.number, delivery.attempts)
        return False
    with transaction.atomic():
        handling.external_number = registered.number or case.external_number
        handling.save(update_fields=["external_number"])
        delivery.status = DeliveryStatus.DELIVERED
        delivery.attempts += 1
        delivery.delivered_at = now
        delivery.last_error = ""
        delivery.save(update_fields=["status", "attempts", "delivered_at", "last_error"])
    return True


def deliver_due(*, diarium: Diarium | None = None, now: dt.datetime | None = None) -> tuple[int, int]:
    """Send every due delivery in registration order; (delivered, still pending)."""
    diarium = diarium or diarium_from_settings()
    now = now or timezone.now()
    due = DiariumDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).select_related(
        "handling", "handling__initiative", "handling__fund", "handling__classification"
    )
    delivered = 0
    for delivery in due.order_by("handling__pk"):
        delivered += deliver(delivery, diarium, now=now)
    pending = DiariumDelivery.objects.filter(status=DeliveryStatus.PENDING).count()
    return delivered, pending
