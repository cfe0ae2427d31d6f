"""The one thing the reports app stores: whether a fund publishes its funded projects, and the page's intro.

Everything else here is read from the other apps and written out as documents.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.funds.models import Fund


class PublicPage(models.Model):
    """A fund's public page (as Örebro publishes its projects): off until an administrator turns it on."""

    fund = models.OneToOneField(Fund, on_delete=models.PROTECT, related_name="public_page", verbose_name=_("fond"))
    enabled = models.BooleanField(_("publicerad"), default=False)
    intro = models.TextField(_("inledning"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)

    class Meta:
        verbose_name = _("offentlig sida")
        verbose_name_plural = _("offentliga sidor")

    def __str__(self) -> str:
        return f"{self.fund}: {'publicerad' if self.enabled else 'inte publicerad'}"


class ReportText(models.Model):
    """The parts of a year's April report the official writes (lessons, proposals, comments) and the report's
    registry number. Every save is a new version; the report prints the latest, and the earlier ones stay."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="report_texts", verbose_name=_("fond"))
    year = models.PositiveSmallIntegerField(_("år"))
    version = models.PositiveIntegerField(_("version"))
    registry_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    lessons = models.TextField(_("lärdomar"), blank=True)
    proposals = models.TextField(_("förslag"), blank=True)
    comments = models.TextField(_("kommentarer"), blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(_("sparad"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("uppföljningens text")
        verbose_name_plural = _("uppföljningarnas texter")
        ordering = ["fund", "year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "year", "version"], name="report_text_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.fund} {self.year} v{self.version}"
