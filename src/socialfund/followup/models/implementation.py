"""Implementation: the plan a successful project draws up during the project, its anchoring with the office
head and the board, and the decision that the method becomes regular operations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.followup.codes import AnchoringKind
from socialfund.followup.models.project import Project
from socialfund.organisation.models import Board

USER = settings.AUTH_USER_MODEL


class ImplementationPlan(models.Model):
    """How the method enters regular operations. Editable until the first anchoring; then it is fixed."""

    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="implementation_plan")
    text = models.TextField(_("implementeringsplan"))
    responsible = models.CharField(_("ansvarig"), max_length=200)
    starts_on = models.DateField(_("införs från"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    saved_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("implementeringsplan")
        verbose_name_plural = _("implementeringsplaner")

    def __str__(self) -> str:
        return f"Implementeringsplan: {self.project}"

    @property
    def anchored_kinds(self) -> set[str]:
        return {a.kind for a in self.anchorings.all()}

    @property
    def is_anchored(self) -> bool:
        return self.anchored_kinds >= set(AnchoringKind.values)


class ImplementationAnchoring(models.Model):
    plan = models.ForeignKey(ImplementationPlan, on_delete=models.PROTECT, related_name="anchorings")
    kind = models.CharField(_("förankring"), max_length=20, choices=AnchoringKind.choices)
    signed_on = models.DateField(_("datum"))
    reference = models.CharField(_("referens"), max_length=200, blank=True, help_text=_("T.ex. nämndens §."))
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("förankring av implementeringsplan")
        verbose_name_plural = _("förankringar av implementeringsplaner")
        constraints = [models.UniqueConstraint(fields=["plan", "kind"], name="implanchoring_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.signed_on.isoformat()}"


class RegularOperationsDecision(models.Model):
    """The board's decision that the method becomes part of its regular operations."""

    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="regular_operations")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+", verbose_name=_("nämnd"))
    decided_on = models.DateField(_("beslutsdatum"))
    paragraph = models.CharField(_("paragraf"), max_length=20)
    text = models.TextField(_("beslutstext"))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("beslut om ordinarie verksamhet")
        verbose_name_plural = _("beslut om ordinarie verksamhet")

    def __str__(self) -> str:
        return f"{self.board.code} {self.decided_on.isoformat()} {self.paragraph}"
