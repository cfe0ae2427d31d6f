"""What a transaction comes from: a capital decision, a payout order, a repayment plan, a repayment,
a waiver decision. (A grant comes from kommunstyrelsen's `cases.Decision`.) Append-only like the books.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund
from socialfund.ledger.codes import EvaluatedEffects, PlanBasis, RepaymentMethod
from socialfund.ledger.models.base import AppendOnlyModel, AppendOnlyQuerySet
from socialfund.organisation.models import Board, DecisionBody

USER = settings.AUTH_USER_MODEL


def _amount(label: Any) -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(label, max_digits=15, decimal_places=2)


class CapitalDecision(AppendOnlyModel):
    """Fullmäktige puts money in the fund (Södertälje: 24 mnkr, KF 2013-02-25 § 7)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="capital_decisions")
    body = models.ForeignKey(DecisionBody, on_delete=models.PROTECT, related_name="+", verbose_name=_("beslutande"))
    decided_on = models.DateField(_("beslutsdatum"))
    paragraph = models.CharField(_("paragraf"), max_length=20)
    registry_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    amount = _amount(_("belopp"))
    text = models.TextField(_("beslutstext"), blank=True)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet["CapitalDecision"].as_manager()

    class Meta:
        verbose_name = _("kapitalbeslut")
        verbose_name_plural = _("kapitalbeslut")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.body.code} {self.decided_on.isoformat()} {self.paragraph}"


class PayoutOrder(AppendOnlyModel):
    """An order to pay a project's board part of its grant (utbetalningsorder)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="payout_orders")
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="payout_orders")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+", verbose_name=_("mottagande nämnd"))
    year = models.PositiveSmallIntegerField(_("beviljandeår"))
    amount = _amount(_("belopp"))
    paid_on = models.DateField(_("utbetalningsdag"))
    reference = models.CharField(_("referens"), max_length=100, blank=True)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet["PayoutOrder"].as_manager()

    class Meta:
        verbose_name = _("utbetalningsorder")
        verbose_name_plural = _("utbetalningsordrar")
        ordering = ["paid_on", "pk"]

    def __str__(self) -> str:
        return f"{self.initiative} {self.paid_on.isoformat()} {self.amount}"


class RepaymentPlan(AppendOnlyModel):
    """The repayment duties of a project's boards, year by year, as adopted; the amounts are on the books."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="repayment_plans")
    basis = models.CharField(_("underlag"), max_length=20, choices=PlanBasis.choices)
    adopted_on = models.DateField(_("fastställd"))
    reference = models.CharField(_("beslut eller överenskommelse"), max_length=200, blank=True)
    plan = models.JSONField(_("plan"), help_text=_("{år: {nämndkod: belopp}} som det fastställdes."))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet["RepaymentPlan"].as_manager()

    class Meta:
        verbose_name = _("återföringsplan")
        verbose_name_plural = _("återföringsplaner")
        ordering = ["adopted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.initiative} {self.adopted_on.isoformat()}"


class Repayment(AppendOnlyModel):
    """Money a board returns to the fund: paid in, or by a cut in its budget frame (Norrköping)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="repayments")
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="repayments")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+", verbose_name=_("nämnd"))
    method = models.CharField(_("sätt"), max_length=20, choices=RepaymentMethod.choices)
    amount = _amount(_("belopp"))
    received_on = models.DateField(_("datum"))
    reference = models.CharField(_("referens"), max_length=100, blank=True)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet["Repayment"].as_manager()

    class Meta:
        verbose_name = _("återföring")
        verbose_name_plural = _("återföringar")
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.board.code} {self.received_on.isoformat()} {self.amount}"


class Waiver(AppendOnlyModel):
    """A decision after special review (särskild prövning) that a repayment duty is waived.

    The guidelines allow it when the evaluation shows that the project followed its
    decided method and still gave no or negative effects; the record keeps both the
    motivation and the evaluation it rests on.
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="waivers")
    board = models.ForeignKey(
        Board,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nämnd"),
        help_text=_("Tom: alla nämnders återstående skyldighet för insatsen."),
    )
    body = models.ForeignKey(DecisionBody, on_delete=models.PROTECT, related_name="+", verbose_name=_("beslutande"))
    decided_on = models.DateField(_("beslutsdatum"))
    paragraph = models.CharField(_("paragraf"), max_length=20)
    motivation = models.TextField(_("motivering"))
    evaluation = models.TextField(_("utvärdering som beslutet vilar på"))
    method_followed = models.BooleanField(_("insatsen genomfördes enligt den beslutade metoden"))
    effects = models.CharField(_("utvärderingens resultat"), max_length=20, choices=EvaluatedEffects.choices)
    amount = _amount(_("efterskänkt belopp"))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet["Waiver"].as_manager()

    class Meta:
        verbose_name = _("eftergift efter särskild prövning")
        verbose_name_plural = _("eftergifter efter särskild prövning")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.body.code} {self.decided_on.isoformat()} {self.paragraph}"


class BoardSuccession(AppendOnlyModel):
    """A reorganisation: a board ends, and its open repayment duties move to its successor, or lapse.

    They lapse when the responsibility moves to the fund's owner itself (Malmö: income support moved
    from the district boards to kommunstyrelsen, so repaying would move money from KS to KS).
    """

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+", verbose_name=_("nämnd som upphör"))
    successor = models.ForeignKey(
        Board,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("efterträdande nämnd"),
        help_text=_("Tom: ansvaret går till fondens ägare (kommunstyrelsen) och skyldigheten upphör."),
    )
    effective_on = models.DateField(_("gäller från"))
    body = models.ForeignKey(DecisionBody, on_delete=models.PROTECT, related_name="+", verbose_name=_("beslutande"))
    decided_on = models.DateField(_("beslutsdatum"))
    paragraph = models.CharField(_("paragraf"), max_length=20)
    motivation = models.TextField(_("motivering"))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet["BoardSuccession"].as_manager()

    class Meta:
        verbose_name = _("omorganisation av nämnd")
        verbose_name_plural = _("omorganisationer av nämnder")
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.board.code} → {self.successor.code if self.successor else 'KS'} {self.effective_on.isoformat()}"
