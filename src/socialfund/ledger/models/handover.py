"""Records about verifications: which SIE 4i hand-over carried them; the payout schedule a grant sets.

Hand-overs to the municipality's ledger: which SIE 4i file carried which verifications.

A verification is handed over at most once: `HandedOver.transaction` is one-to-one, so the
database refuses a second hand-over of the same verification even if two run at once.
The file itself is kept, so finance can download exactly what was handed over again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.funds.models import Fund
from socialfund.ledger.models.base import AppendOnlyModel, AppendOnlyQuerySet
from socialfund.ledger.models.core import Transaction

USER = settings.AUTH_USER_MODEL


class Handover(AppendOnlyModel):
    """One SIE 4i file handed to the municipality's ledger: a period's payouts, repayments and waivers."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="ledger_handovers")
    number = models.PositiveIntegerField(_("överlämning nr"))
    period_start = models.DateField(_("från och med"))
    period_end = models.DateField(_("till och med"))
    filename = models.CharField(_("filnamn"), max_length=120)
    content = models.BinaryField(_("fil (SIE 4i, PC8)"))
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    voucher_count = models.PositiveIntegerField(_("antal verifikationer"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("överlämnad av"))
    created_at = models.DateTimeField(_("överlämnad"), default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet["Handover"].as_manager()

    class Meta:
        verbose_name = _("överlämning till kommunens redovisning")
        verbose_name_plural = _("överlämningar till kommunens redovisning")
        ordering = ["fund", "number"]
        constraints = [models.UniqueConstraint(fields=["fund", "number"], name="ledger_handover_unique_number")]

    def __str__(self) -> str:
        return f"{self.fund} {self.number}: {self.period_start.isoformat()}–{self.period_end.isoformat()}"


class HandedOver(AppendOnlyModel):
    """A verification and the hand-over that carried it; one-to-one, so never handed over twice."""

    handover = models.ForeignKey(Handover, on_delete=models.PROTECT, related_name="items")
    transaction = models.OneToOneField(Transaction, on_delete=models.PROTECT, related_name="handed_over")

    objects = AppendOnlyQuerySet["HandedOver"].as_manager()

    class Meta:
        verbose_name = _("överlämnad verifikation")
        verbose_name_plural = _("överlämnade verifikationer")
        ordering = ["handover", "transaction"]

    def __str__(self) -> str:
        return f"{self.handover.number}: {self.transaction.number}"


class PayoutInstalment(AppendOnlyModel):
    """One instalment of a grant's payout schedule: finance is asked to pay it out from `due_on`.

    Written with the grant (`grant_decide`), one or more per granted year; a reversed grant's
    schedule goes with it (the selectors read only schedules of grants not reversed).
    """

    grant = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="payout_schedule")
    year = models.PositiveSmallIntegerField(_("beviljandeår"))
    number = models.PositiveSmallIntegerField(_("delbetalning"))
    due_on = models.DateField(_("ska betalas ut från"))
    amount = models.DecimalField(_("belopp"), max_digits=15, decimal_places=2)

    objects = AppendOnlyQuerySet["PayoutInstalment"].as_manager()

    class Meta:
        verbose_name = _("delbetalning enligt utbetalningsplan")
        verbose_name_plural = _("utbetalningsplaner")
        ordering = ["grant", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "year", "number"], name="ledger_instalment_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_instalment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year}:{self.number} {self.due_on.isoformat()} {self.amount}"
