"""Indicators, their measurements over time, and the savings realised per board and year.

Only aggregate figures live here: a share, a count, a number of days for a whole
group. Nothing in these tables describes a person (the services refuse text that
looks like a personal identity number).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.followup.codes import Direction, Gender, IndicatorSource, SavingBasis
from socialfund.followup.models.project import Project
from socialfund.organisation.models import Board

USER = settings.AUTH_USER_MODEL


# Figures: up to 10^14 with four decimals (a share 0.1234, a count, a number of days).
FIGURE_DIGITS, FIGURE_PLACES = 18, 4


class Indicator(models.Model):
    """What the project measures: a name, a unit, which way is better, a baseline, a target and a source."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(_("indikator"), max_length=200)
    unit = models.CharField(_("enhet"), max_length=40, blank=True)
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices)
    baseline_value = models.DecimalField(_("utgångsvärde"), max_digits=FIGURE_DIGITS, decimal_places=FIGURE_PLACES)
    baseline_on = models.DateField(_("utgångsvärdets datum"))
    target_value = models.DecimalField(
        _("målvärde"), max_digits=FIGURE_DIGITS, decimal_places=FIGURE_PLACES, null=True, blank=True
    )
    target_on = models.DateField(_("målår"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=10, choices=IndicatorSource.choices)
    kolada_kpi = models.CharField(_("Kolada-nyckeltal"), max_length=20, blank=True, help_text=_("T.ex. N15428."))
    kolada_municipality = models.CharField(_("kommun-id i Kolada"), max_length=10, blank=True)
    effect_index = models.PositiveSmallIntegerField(
        _("kalkylens effektrad"), null=True, blank=True, help_text=_("Raden i kalkylen som indikatorn mäter.")
    )
    effect_label = models.CharField(_("effektrad"), max_length=200, blank=True)
    quantity_per_unit = models.DecimalField(
        _("kalkylens mängd per indikatorenhet"),
        max_digits=18,
        decimal_places=6,
        default=Decimal(1),
        help_text=_("Hur många av effektradens enheter en enhet av indikatorn motsvarar."),
    )
    note = models.TextField(_("anmärkning"), blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["project", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="indicator_unique_name"),
            models.CheckConstraint(
                condition=~models.Q(source=IndicatorSource.KOLADA) | ~models.Q(kolada_kpi=""),
                name="indicator_kolada_has_kpi",
            ),
            models.CheckConstraint(condition=models.Q(quantity_per_unit__gt=0), name="indicator_quantity_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_kolada(self) -> bool:
        return self.source == IndicatorSource.KOLADA

    @property
    def lower_is_better(self) -> bool:
        return self.direction == Direction.LOWER


class Measurement(models.Model):
    """One aggregate figure of an indicator on a date (for Kolada: the last day of the period year)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="measurements")
    measured_on = models.DateField(_("datum"))
    gender = models.CharField(_("kön"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.DecimalField(_("värde"), max_digits=FIGURE_DIGITS, decimal_places=FIGURE_PLACES)
    source = models.CharField(_("källa"), max_length=10, choices=IndicatorSource.choices)
    source_note = models.CharField(_("källhänvisning"), max_length=300, blank=True)
    kolada_status = models.CharField(_("status i Kolada"), max_length=40, blank=True)
    note = models.TextField(_("anmärkning"), blank=True)
    entered_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inmatad av"),
        help_text=_("Tom när värdet hämtades från Kolada av ett schemalagt kommando."),
    )
    entered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("mätvärde")
        verbose_name_plural = _("mätvärden")
        ordering = ["indicator", "measured_on", "gender"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measured_on", "gender"], name="measurement_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.measured_on.isoformat()} {self.gender}: {self.value}"


class RealisedSaving(models.Model):
    """A board's realised saving in a year: entered by finance, or derived from an indicator."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="realised_savings")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+", verbose_name=_("nämnd"))
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.DecimalField(_("realiserad besparing"), max_digits=15, decimal_places=2)
    basis = models.CharField(_("underlag"), max_length=10, choices=SavingBasis.choices)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("indikator")
    )
    basis_data = models.JSONField(_("beräkningens uppgifter"), default=dict, blank=True)
    note = models.TextField(_("anmärkning"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("realiserad besparing")
        verbose_name_plural = _("realiserade besparingar")
        ordering = ["project", "year", "board"]
        constraints = [
            models.UniqueConstraint(fields=["project", "board", "year"], name="realisedsaving_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.board.code} {self.year}: {self.amount}"
