"""A version of a fund's guidelines made in the editor: a draft, a proposal, or an adopted version.

The content is the policy document (what a policy file holds), validated by the shipped files' schema.
Only `socialfund.guidelines.services` changes a version, and each change leaves an audit event. A version
that is proposed or adopted is frozen: cases filed under it keep exactly what they were judged by.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.funds.models import Fund, PolicyVersion
from socialfund.organisation.models import DecisionBody


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    PROPOSED = "proposed", _("Förslag")
    ADOPTED = "adopted", _("Antagen")
    SUPERSEDED = "superseded", _("Ersatt")


class GuidelineVersion(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="guideline_versions")
    policy_id = models.CharField(_("riktlinjernas id"), max_length=100, unique=True, editable=False)
    based_on = models.CharField(
        _("utgår från"), max_length=100, help_text=_("Riktlinjerna utkastet började som."), editable=False
    )
    title = models.CharField(_("rubrik"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    document = models.JSONField(_("innehåll"), default=dict)
    proposed_on = models.DateField(_("föreslagen"), null=True, blank=True)
    adopted_on = models.DateField(_("gäller från"), null=True, blank=True)
    decided_by = models.ForeignKey(
        DecisionBody, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("antagen av")
    )
    decision_paragraph = models.CharField(_("paragraf"), max_length=20, blank=True)
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    policy_version = models.OneToOneField(
        PolicyVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="guideline_version"
    )
    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("senast ändrad"), default=timezone.now)

    class Meta:
        verbose_name = _("riktlinjeversion i arbete")
        verbose_name_plural = _("riktlinjeversioner i arbete")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT
