"""Reports from the project: a schedule from the policy, versioned drafts in the PDSA frame, the
preparation group's review, and the reminders sent (each exactly once)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.followup.codes import EffectFinding, Fidelity, ReportKind, ReportStatus, ReviewVerdict
from socialfund.followup.models.project import Project

USER = settings.AUTH_USER_MODEL


class ImmutableRowError(Exception):
    """A saved draft version or review is history: it is never changed, a new one is written instead."""


class Report(models.Model):
    """A report the project owes: due on a date, from one of the policy's reporting duties."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("slag"), max_length=20, choices=ReportKind.choices)
    title = models.CharField(_("rapport"), max_length=200)
    due_on = models.DateField(_("ska lämnas senast"))
    duty = models.CharField(_("rapporteringskrav"), max_length=300, blank=True)
    recipient = models.CharField(_("mottagare"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DUE)
    skip_reason = models.TextField(_("skäl att inte lämna rapporten"), blank=True)
    submitted_version = models.ForeignKey(
        "ReportVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["project", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "due_on"], name="report_unique_due"),
            models.CheckConstraint(
                condition=~models.Q(status=ReportStatus.SKIPPED) | ~models.Q(skip_reason=""),
                name="report_skipped_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on.isoformat()})"


class ReportVersion(models.Model):
    """One saved draft of a report. Every save is a new version; a version is never overwritten."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    plan = models.TextField(_("Planera"), blank=True, help_text=_("Utmaningen, problemet och metoderna."))
    do = models.TextField(_("Göra"), blank=True, help_text=_("Hur insatsen genomförts med den valda metoden."))
    study = models.TextField(_("Studera"), blank=True, help_text=_("Uppföljningen och utvärderingen."))
    act = models.TextField(_("Agera"), blank=True, help_text=_("Vad ni ändrar, eller hur metoden implementeras."))
    fidelity = models.CharField(_("metodtrohet"), max_length=20, choices=Fidelity.choices, blank=True)
    fidelity_note = models.TextField(_("om metodtroheten"), blank=True)
    saved_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("sparad av"))
    saved_at = models.DateTimeField(_("sparad"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("rapportversion")
        verbose_name_plural = _("rapportversioner")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique_number")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableRowError("En sparad version av en rapport kan inte ändras; spara en ny version.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableRowError("En sparad version av en rapport kan inte tas bort.")


class ReportReview(models.Model):
    """The preparation group's review of a submitted version: approved (with what the evaluation shows) or
    returned for completion."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="reviews")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="reviews")
    verdict = models.CharField(_("granskning"), max_length=20, choices=ReviewVerdict.choices)
    effect_finding = models.CharField(
        _("vad utvärderingen visar"), max_length=20, choices=EffectFinding.choices, blank=True
    )
    note = models.TextField(_("kommentar"), blank=True)
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("granskad av"))
    reviewed_at = models.DateTimeField(_("granskad"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("granskning")
        verbose_name_plural = _("granskningar")
        ordering = ["report", "reviewed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(verdict=ReviewVerdict.APPROVED) | ~models.Q(effect_finding=""),
                name="reportreview_approval_has_finding",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_verdict_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableRowError("En granskning kan inte ändras.")
        super().save(*args, **kwargs)


class ReminderSent(models.Model):
    """A reminder that went out: at most one per report and offset (the unique constraint makes it so)."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="reminders")
    offset_days = models.SmallIntegerField(_("dagar från förfallodagen"))
    sent_on = models.DateField(_("skickad"))
    recipient_count = models.PositiveIntegerField(_("antal mottagare"))

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["report", "offset_days"]
        constraints = [models.UniqueConstraint(fields=["report", "offset_days"], name="remindersent_once")]

    def __str__(self) -> str:
        return f"{self.report} {self.offset_days:+d} d"
