"""Special review (särskild prövning): when the evaluation shows no or negative effects, the evidence that
the project followed its decided method goes to kommunstyrelsen, which may waive the repayment duty."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.followup.codes import EffectFinding, EvidenceKind, SpecialReviewOutcome, SpecialReviewStatus
from socialfund.followup.models.project import Project
from socialfund.followup.models.project_reports import ReportReview, ReportVersion
from socialfund.organisation.models import DecisionBody

USER = settings.AUTH_USER_MODEL


class SpecialReview(models.Model):
    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="special_review")
    status = models.CharField(
        _("status"), max_length=20, choices=SpecialReviewStatus.choices, default=SpecialReviewStatus.OPEN
    )
    grounds = models.TextField(_("skäl"))
    evaluation = models.ForeignKey(
        ReportReview, on_delete=models.PROTECT, related_name="+", verbose_name=_("utvärderingen prövningen vilar på")
    )
    effects = models.CharField(_("utvärderingens resultat"), max_length=20, choices=EffectFinding.choices)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    body = models.ForeignKey(
        DecisionBody, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("beslutande")
    )
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    paragraph = models.CharField(_("paragraf"), max_length=20, blank=True)
    outcome = models.CharField(_("beslut"), max_length=20, choices=SpecialReviewOutcome.choices, blank=True)
    decision_text = models.TextField(_("beslutstext"), blank=True)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    waived_amount = models.DecimalField(_("efterskänkt belopp"), max_digits=15, decimal_places=2, null=True, blank=True)
    ledger_reference = models.CharField(_("verifikation i fondens bokföring"), max_length=100, blank=True)
    waiver = models.OneToOneField(
        "ledger.Waiver",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="special_review",
        verbose_name=_("eftergiften i fondens bokföring"),
        help_text=_("Dess nämnd är den vars återföring efterskänktes (tom: alla nämnders)."),
    )

    class Meta:
        verbose_name = _("särskild prövning")
        verbose_name_plural = _("särskilda prövningar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effects__in=[EffectFinding.NONE, EffectFinding.NEGATIVE]),
                name="specialreview_only_failed_effects",
            )
        ]

    def __str__(self) -> str:
        return f"Särskild prövning: {self.project}"

    @property
    def is_decided(self) -> bool:
        return self.status in (SpecialReviewStatus.WAIVED, SpecialReviewStatus.MAINTAINED)

    @property
    def waived(self) -> Decimal | None:
        return self.waived_amount if self.status == SpecialReviewStatus.WAIVED else None


class Evidence(models.Model):
    """One piece of the evidence: a report (with its method fidelity), an external evaluation, indicators…"""

    review = models.ForeignKey(SpecialReview, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("slag"), max_length=30, choices=EvidenceKind.choices)
    description = models.TextField(_("beskrivning"))
    report_version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("rapport")
    )
    reference = models.CharField(_("hänvisning"), max_length=300, blank=True, help_text=_("T.ex. diarienummer."))
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("underlag")
        verbose_name_plural = _("underlag")
        ordering = ["review", "added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"
