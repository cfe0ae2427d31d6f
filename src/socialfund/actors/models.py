"""Outside actors' data: organisations, the private status link of an idea, the conversation with the
fund's staff, the e-legitimation representatives, and the co-applicants of an application.

No model here holds a personal identity number: a representative is found again by a keyed hash of it
(see socialfund.actors.eleg), and organisation numbers of sole traders (which are personal identity
numbers) are never taken.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.cases.models import Initiative
from socialfund.organisation.models import Board

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrOrPromise

USER = settings.AUTH_USER_MODEL


def written_at(label: StrOrPromise) -> models.DateTimeField[dt.datetime, dt.datetime]:
    """When an entry of a thread was written: set once, on creation."""
    return models.DateTimeField(label, default=timezone.now, editable=False)


class ThreadEntry(models.Model):
    """What the two threads share, the messages about an idea and the comments on a joint application: a text,
    shown oldest first and named by its beginning. Each names its own `text` and `created_at` (their labels
    differ)."""

    text: models.TextField[str, str]
    created_at: models.DateTimeField[dt.datetime, dt.datetime]

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class OutsideOrganisation(models.Model):
    """An association, foundation, firm… known by its organisation number."""

    number = models.CharField(_("organisationsnummer"), max_length=11, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("sorts organisation"), max_length=30)
    created_at = models.DateTimeField(_("registrerad"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("extern organisation")
        verbose_name_plural = _("externa organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class IdeaFollow(models.Model):
    """An outside idea's receipt: who sent it and the private link to its status page.

    Only a SHA-256 digest of the link's token is stored, so the database alone never opens a status page."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="follow", verbose_name=_("idé")
    )
    organisation = models.ForeignKey(
        OutsideOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("organisation"),
    )
    token_digest = models.CharField(_("länkens kontrollsumma"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("statuslänk för idé")
        verbose_name_plural = _("statuslänkar för idéer")

    def __str__(self) -> str:
        return str(self.initiative)


class ActorMessage(ThreadEntry):
    """A message between the fund's staff and the outside actor about an idea, shown on its status page."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="actor_messages", verbose_name=_("idé")
    )
    author = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("från fondens personal"),
        help_text=_("Tomt när idélämnaren skriver."),
    )
    text = models.TextField(_("meddelande"))
    created_at = written_at(_("skickat"))

    class Meta(ThreadEntry.Meta):
        verbose_name = _("meddelande till eller från idélämnare")
        verbose_name_plural = _("meddelanden med idélämnare")

    @property
    def from_staff(self) -> bool:
        return self.author_id is not None


class Representative(models.Model):
    """A person who logged in with e-legitimation for an outside organisation.

    `subject_key` is an HMAC (keyed with the installation's pepper) of the personal identity number: it lets
    the same person be recognised next time, and cannot be turned back into the number."""

    subject_key = models.CharField(_("igenkänningsnyckel"), max_length=64)
    name = models.CharField(_("namn"), max_length=200)
    organisation = models.ForeignKey(
        OutsideOrganisation, on_delete=models.PROTECT, related_name="representatives", verbose_name=_("organisation")
    )
    last_login_at = models.DateTimeField(_("senast inloggad"), default=timezone.now)

    class Meta:
        verbose_name = _("företrädare för extern organisation")
        verbose_name_plural = _("företrädare för externa organisationer")
        # One person may stand for several organisations: one row for each.
        constraints = [
            models.UniqueConstraint(fields=["subject_key", "organisation"], name="representative_once_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation.name}"


class CoApplicant(models.Model):
    """A party of an application besides the lead board: a partner board or an outside organisation.

    Each is invited by the lead board and its head signs off before the application is submitted."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="coapplicants", verbose_name=_("ansökan")
    )
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("nämnd")
    )
    organisation = models.ForeignKey(
        OutsideOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coapplications",
        verbose_name=_("organisation"),
    )
    invite_email = models.EmailField(_("inbjudan skickad till"), blank=True)
    invited_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("inbjuden av"))
    invited_at = models.DateTimeField(_("inbjuden"), default=timezone.now)
    signed_at = models.DateTimeField(_("undertecknad"), null=True, blank=True)
    signed_by_user = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("undertecknad av")
    )
    signed_by_representative = models.ForeignKey(
        Representative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undertecknad av företrädare"),
    )
    signer_name = models.CharField(_("undertecknarens namn"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("medsökande")
        verbose_name_plural = _("medsökande")
        ordering = ["invited_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(board__isnull=False, organisation__isnull=True)
                | Q(board__isnull=True, organisation__isnull=False),
                name="coapplicant_board_or_organisation",
            ),
            models.UniqueConstraint(fields=["initiative", "board"], name="coapplicant_board_once"),
            models.UniqueConstraint(fields=["initiative", "organisation"], name="coapplicant_organisation_once"),
        ]

    def __str__(self) -> str:
        return self.party_name

    @property
    def party_name(self) -> str:
        if self.board is not None:
            return self.board.display_name
        assert self.organisation is not None
        return self.organisation.name


class PartyVisibility(models.TextChoices):
    STAFF = "staff", _("Bara fondens personal")
    ALL_PARTIES = "all_parties", _("Alla parter i ansökan")


class PartyComment(ThreadEntry):
    """A comment on a joint application, for the fund's staff only or for every party."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="party_comments", verbose_name=_("ansökan")
    )
    author_user = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("skriven av")
    )
    author_representative = models.ForeignKey(
        Representative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skriven av företrädare"),
    )
    text = models.TextField(_("kommentar"))
    visibility = models.CharField(_("synlig för"), max_length=20, choices=PartyVisibility.choices)
    created_at = written_at(_("skriven"))

    class Meta(ThreadEntry.Meta):
        verbose_name = _("kommentar i gemensam ansökan")
        verbose_name_plural = _("kommentarer i gemensamma ansökningar")

    @property
    def author_name(self) -> str:
        if self.author_representative is not None:
            return str(self.author_representative)
        if self.author_user is not None:
            return self.author_user.get_full_name() or self.author_user.username
        return ""
