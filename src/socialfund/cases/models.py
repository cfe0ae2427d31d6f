"""An initiative: a case that walks the fund's stages from idea to decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.cases.codes import ApplicantType, Status, WithdrawalReason, stage_name
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board


class Initiative(models.Model):
    """A case from first idea to kommunstyrelsen's decision (and, when granted, a project)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("fond"))
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("sammanfattning"), blank=True)
    initiator_name = models.CharField(_("initiativtagare"), max_length=200)
    initiator_type = models.CharField(_("typ av initiativtagare"), max_length=30, choices=ApplicantType.choices)
    lead_board = models.ForeignKey(
        Board,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives_led",
        verbose_name=_("ansvarig nämnd"),
    )
    partner_boards = models.ManyToManyField(
        Board, blank=True, related_name="initiatives_partnered", verbose_name=_("samverkande nämnder")
    )
    stage = models.CharField(_("steg"), max_length=40, help_text=_("Stegets kod enligt fondens riktlinjer."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    withdrawal_reason = models.CharField(
        _("skäl till återkallelse"), max_length=30, choices=WithdrawalReason.choices, blank=True
    )
    failed_rules = models.JSONField(
        _("regler som inte uppfylls"), default=list, blank=True, help_text=_("Regel-id vid avvisning.")
    )
    outcome_note = models.TextField(_("motivering"), blank=True)
    filed_on = models.DateField(
        _("inkom"), null=True, blank=True, help_text=_("Avgör vilken version av riktlinjerna som gäller.")
    )
    registry_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    content = models.JSONField(
        _("innehåll"), default=dict, blank=True, help_text=_("Initiativets uppgifter i initiativfilens form.")
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives_created",
        verbose_name=_("skapad av"),
    )

    class Meta:
        verbose_name = _("initiativ")
        verbose_name_plural = _("initiativ")
        ordering = ["-filed_on", "title"]
        indexes = [models.Index(fields=["fund", "status", "stage"], name="initiative_fund_status_stage")]

    def __str__(self) -> str:
        return self.title

    @property
    def stage_name(self) -> str:
        return stage_name(self.stage)

    @property
    def is_external(self) -> bool:
        return self.initiator_type not in ApplicantType.internal()
