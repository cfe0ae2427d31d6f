"""A social investment fund and the guideline (policy) versions it has adopted."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialfund.organisation.models import DecisionBody, Organisation


class Fund(models.Model):
    """A fund: money set aside by a decision (Södertälje: 24 mnkr, KF 2013-02-25 § 7)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="funds")
    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), max_length=60, unique=True)
    capital = models.DecimalField(_("kapital"), max_digits=15, decimal_places=2)
    currency = models.CharField(_("valuta"), max_length=3, default="SEK", editable=False)
    decided_by = models.ForeignKey(
        DecisionBody, on_delete=models.PROTECT, related_name="funds_decided", verbose_name=_("beslutat av")
    )
    decided_on = models.DateField(_("beslutsdatum"))
    decision_paragraph = models.CharField(_("paragraf"), max_length=20, blank=True, help_text=_("T.ex. § 7."))
    registry_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    forecast_assumptions = models.JSONField(
        _("prognosens antaganden"),
        default=dict,
        blank=True,
        help_text=_(
            "Fondens antaganden för prognosen (nya insatser per år, storlek, återföring); ändras på prognossidan."
        ),
    )
    registry_number_pattern = models.CharField(
        _("mönster för diarienummer"),
        max_length=60,
        blank=True,
        default="KS {yy}-{n}",
        help_text=_("Förslag till nya ärenden: {yyyy} eller {yy} för året, {n} för löpnummer."),
    )

    class Meta:
        verbose_name = _("fond")
        verbose_name_plural = _("fonder")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def decision_reference(self) -> str:
        """'KF 2013-02-25 § 7'."""
        return " ".join(
            part for part in (self.decided_by.code, self.decided_on.isoformat(), self.decision_paragraph) if part
        )

    def policy_in_force(self, on: dt.date) -> PolicyVersion | None:
        """The guideline version adopted most recently on or before `on`.

        Only a version whose adoption date the data states is ever in force: a proposal (no `adopted_on`,
        e.g. Södertälje's 2015 changes, whose adoption by KF the seed does not record) is shown, never applied.
        """
        return self.policy_versions.filter(adopted_on__lte=on).order_by("-adopted_on").first()


class PolicyVersion(models.Model):
    """A version of the fund's guidelines (riktlinjer), pointing at a policy file by its id.

    The policy content is data (`socialfund/data/policies/<policy_id>.yaml`); a case is
    judged by the version in force on the day it was filed.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="policy_versions")
    policy_id = models.CharField(_("riktlinjernas id"), max_length=100, help_text=_("T.ex. sodertalje-2013."))
    adopted_on = models.DateField(
        _("antagen"),
        null=True,
        blank=True,
        help_text=_("Dagen riktlinjerna antogs. Tomt: ett förslag som inte är antaget och därför inte gäller."),
    )
    decided_by = models.ForeignKey(
        DecisionBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policies_adopted",
        verbose_name=_("antagen av"),
    )
    decision_paragraph = models.CharField(_("paragraf"), max_length=20, blank=True)
    note = models.TextField(_("anmärkning"), blank=True)

    class Meta:
        verbose_name = _("riktlinjeversion")
        verbose_name_plural = _("riktlinjeversioner")
        ordering = ["fund", "adopted_on"]
        constraints = [models.UniqueConstraint(fields=["fund", "adopted_on"], name="policyversion_unique_date")]

    def __str__(self) -> str:
        return f"{self.policy_id} ({self.adopted_on.isoformat() if self.adopted_on else 'förslag'})"

    @property
    def is_proposal(self) -> bool:
        """Not adopted (no adoption date in the data): never in force."""
        return self.adopted_on is None

    def clean(self) -> None:
        """The id must name guidelines the system has: every case of the fund is judged by them."""
        from socialfund.core.policy.registry import policy_id_known, shipped_policy_ids

        known = shipped_policy_ids()
        if not policy_id_known(self.policy_id):
            raise ValidationError(
                {
                    "policy_id": _("Riktlinjerna ”%(id)s” finns inte i systemet. Välj en av: %(known)s.")
                    % {"id": self.policy_id, "known": ", ".join(known)}
                }
            )
