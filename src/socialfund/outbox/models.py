"""A mail waiting to be sent, sent, or given up on: the outbox between a committed action and SMTP."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailState(models.TextChoices):
    QUEUED = "queued", _("Väntar")
    SENT = "sent", _("Skickat")
    FAILED = "failed", _("Misslyckat, gav upp")


class OutboxMail(models.Model):
    subject = models.CharField(_("ämne"), max_length=998)
    body = models.TextField(_("text"))
    recipients = models.JSONField(_("mottagare"), default=list)
    from_email = models.CharField(_("avsändare"), max_length=254, blank=True)
    state = models.CharField(_("status"), max_length=10, choices=MailState.choices, default=MailState.QUEUED)
    attempts = models.PositiveIntegerField(_("försök"), default=0)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("nästa försök"), db_index=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)
    last_error = models.TextField(_("senaste fel"), blank=True)
    letter = models.JSONField(
        _("skrivelse"),
        default=dict,
        blank=True,
        help_text=_("För ett brev till en sökande: mottagarens organisation, rubriken och ärendet (diarieförs)."),
    )
    tenant = models.CharField(
        _("organisation"),
        max_length=4,
        blank=True,
        editable=False,
        help_text=_("Kommun- eller regionkoden för den organisation vars arbete skickade brevet."),
    )

    class Meta:
        verbose_name = _("e-postmeddelande")
        verbose_name_plural = _("e-postkö")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return self.subject
