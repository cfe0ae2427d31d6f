"""The project: a granted initiative under follow-up, from the grant to its closure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.cases.models import Initiative
from socialfund.followup.codes import ClosureOutcome, ProjectStatus

USER = settings.AUTH_USER_MODEL


class Project(models.Model):
    """A granted initiative being followed up. State changes only through `socialfund.followup.services`.

    The decided method is copied from the application when the project starts, so that
    the method fidelity the reports speak of is the method kommunstyrelsen granted.
    """

    initiative = models.OneToOneField(
        Initiative, on_delete=models.PROTECT, related_name="project", verbose_name=_("initiativ")
    )
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.RUNNING)
    started_on = models.DateField(_("projektstart"))
    ends_on = models.DateField(_("planerat slut"))
    policy_id = models.CharField(_("riktlinjer"), max_length=100)
    method_description = models.TextField(_("beslutad metod"), blank=True)
    method_documented = models.BooleanField(
        _("dokumenterad metod"), default=False, help_text=_("Då följs metodtroheten upp i varje rapport.")
    )
    closed_on = models.DateField(_("avslutat"), null=True, blank=True)
    closure_outcome = models.CharField(_("utfall"), max_length=20, choices=ClosureOutcome.choices, blank=True)
    closure_note = models.TextField(_("avslutande kommentar"), blank=True)
    started_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("startat av"))
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("started_on")), name="project_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(status=ProjectStatus.RUNNING, closed_on__isnull=True)
                | models.Q(status=ProjectStatus.CLOSED, closed_on__isnull=False),
                name="project_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.initiative.title

    @property
    def title(self) -> str:
        return self.initiative.title

    @property
    def is_running(self) -> bool:
        return self.status == ProjectStatus.RUNNING
