"""What Kolada said a key figure was when an indicator was linked to it, and what it says now.

Kolada renames and redefines key figures now and then. An indicator linked to N15428
was chosen for what N15428 meant that day; the snapshot keeps that (title, unit, gender
split) and every refresh compares Kolada's current title with it, so a changed
definition is a visible warning on the indicator, not a silent break in the series.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.core.kolada_sets import same_title
from socialfund.followup.models.indicators import Indicator


class KpiSnapshot(models.Model):
    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="kpi_snapshot", verbose_name=_("indikator")
    )
    kpi = models.CharField(_("Kolada-nyckeltal"), max_length=20)
    title = models.CharField(_("titel när indikatorn kopplades"), max_length=500)
    unit = models.CharField(_("enhet"), max_length=40, blank=True)
    divided_by_gender = models.BooleanField(_("uppdelat på kön"), default=False)
    taken_at = models.DateTimeField(_("hämtad"), default=timezone.now)
    current_title = models.CharField(_("titel i Kolada nu"), max_length=500)
    checked_at = models.DateTimeField(_("senast kontrollerad"), default=timezone.now)
    title_changed_at = models.DateTimeField(_("titeln ändrades"), null=True, blank=True)

    class Meta:
        verbose_name = _("nyckeltalets metadata")
        verbose_name_plural = _("nyckeltalens metadata")

    def __str__(self) -> str:
        return f"{self.kpi}: {self.title}"

    @property
    def title_changed(self) -> bool:
        return not same_title(self.title, self.current_title)


class GroupMean(models.Model):
    """A comparison group's mean of the indicator's key figure, per year, as Kolada gave it when last asked.

    Kolada's municipality groups (e.g. "Liknande kommuner, barn och unga") are the comparison groups of
    issue 27: the municipality's own figure beside the mean of comparable municipalities. Stored, not asked
    for on every page view, so that the page never waits for Kolada and always says when the figure was fetched.
    """

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="group_means", verbose_name=_("indikator")
    )
    group_id = models.CharField(_("kommungrupp i Kolada"), max_length=20)
    group_title = models.CharField(_("kommungruppens namn"), max_length=300)
    members = models.PositiveIntegerField(_("antal kommuner i gruppen"))
    year = models.PositiveIntegerField(_("år"))
    mean = models.DecimalField(_("gruppens medelvärde"), max_digits=18, decimal_places=4)
    fetched_at = models.DateTimeField(_("hämtad"), default=timezone.now)

    class Meta:
        verbose_name = _("jämförelsegruppens medelvärde")
        verbose_name_plural = _("jämförelsegruppens medelvärden")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="groupmean_one_per_year")]

    def __str__(self) -> str:
        return f"{self.group_id} {self.year}: {self.mean}"
