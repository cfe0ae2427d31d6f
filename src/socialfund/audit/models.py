"""Audit events: append-only. The model refuses updates and deletes; so does the admin."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventError(Exception):
    """An attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditEventError("Händelseloggen kan inte ändras.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditEventError("Händelseloggen kan inte raderas.")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("tidpunkt"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("utförd av"),
    )
    action = models.CharField(_("händelse"), max_length=60, help_text=_("Stabil kod, t.ex. initiative_submit."))
    target_type = models.CharField(_("objekttyp"), max_length=60)
    target_id = models.CharField(_("objekt-id"), max_length=40)
    initiative = models.ForeignKey(
        "cases.Initiative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("initiativ"),
    )
    from_state = models.CharField(_("från"), max_length=60, blank=True)
    to_state = models.CharField(_("till"), max_length=60, blank=True)
    message = models.TextField(_("beskrivning"), blank=True)
    data = models.JSONField(_("uppgifter"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditEventError("Händelseloggen kan inte ändras.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditEventError("Händelseloggen kan inte raderas.")
