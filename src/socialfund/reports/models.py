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


class GeneratedDocumentKind(models.TextChoices):
    APRIL = "april", _("Årlig uppföljning")
    ANNEX = "annex", _("Bilaga: projekten")


class DocumentState(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Skrivs")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Misslyckades")


def generated_document_path(document: GeneratedDocument, filename: str) -> str:
    """Where a written document is kept in the storage: per fund and year, under the file's own name."""
    return f"handlingar/{document.fund.slug}/{document.year}/{filename}"


class GeneratedDocument(models.Model):
    """A document written in the background at someone's request (the April report, its annex), kept in the
    storage so it can be downloaded again. The page that asked for it reads its state and step from here."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="generated_documents")
    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(_("handling"), max_length=10, choices=GeneratedDocumentKind.choices)
    file_format = models.CharField(_("format"), max_length=5)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("beställd av")
    )
    requested_at = models.DateTimeField(_("beställd"), default=timezone.now)
    state = models.CharField(_("läge"), max_length=10, choices=DocumentState.choices, default=DocumentState.QUEUED)
    step = models.PositiveSmallIntegerField(_("steg klara"), default=0)
    task_id = models.CharField(_("uppgiftens id"), max_length=64, blank=True)
    file = models.FileField(_("fil"), upload_to=generated_document_path, max_length=255, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("skriven handling")
        verbose_name_plural = _("skrivna handlingar")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["fund", "year", "kind"], name="generated_document_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} ({self.file_format})"

    @property
    def finished(self) -> bool:
        return self.state in (DocumentState.DONE, DocumentState.FAILED)
