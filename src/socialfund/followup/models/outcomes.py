"""The project's outcome metrics: what counts as the outcome, for whom, the target, how it is validated, from
which data and by which organisation (INDIGO's outcome metric); and how far each measured figure is checked.

Only descriptions of groups and methods live here: a target population is "elever i åk 7–9
med hög frånvaro i Södertälje", never a person.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.followup.models.indicators import Indicator
from socialfund.followup.models.project import Project

USER = settings.AUTH_USER_MODEL


class ResultStatus(models.TextChoices):
    """How far a measured figure is checked (INDIGO's estimated / reported / validated)."""

    ESTIMATED = "estimated", _("uppskattat")
    REPORTED = "reported", _("rapporterat")
    VALIDATED = "validated", _("validerat")


class OutcomeMetric(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="outcome_metrics")
    name = models.CharField(_("effektmått"), max_length=200)
    definition = models.TextField(_("definition"))
    target_population = models.TextField(_("målgrupp"))
    target = models.TextField(_("mål"))
    validation_method = models.TextField(_("valideringsmetod"))
    data_source = models.TextField(_("datakälla för valideringen"))
    validator_organisation = models.CharField(_("validerande organisation"), max_length=200)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcome_metrics",
        verbose_name=_("indikator som mäter effekten"),
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("effektmått")
        verbose_name_plural = _("effektmått")
        ordering = ["project", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="outcomemetric_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class MeasurementStatus(models.Model):
    """A measured figure's status and who set it; a figure without a row is "rapporterat" (reported)."""

    measurement = models.OneToOneField(
        "followup.Measurement", on_delete=models.CASCADE, related_name="result_status", verbose_name=_("mätvärde")
    )
    status = models.CharField(_("status"), max_length=10, choices=ResultStatus.choices)
    validated_by = models.CharField(_("validerat av"), max_length=200, blank=True)
    note = models.CharField(_("anmärkning"), max_length=300, blank=True)
    set_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mätvärdets status")
        verbose_name_plural = _("mätvärdenas status")

    def __str__(self) -> str:
        return f"{self.measurement_id}: {self.status}"
