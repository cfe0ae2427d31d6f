"""The organisation that runs a fund: a municipality or a region and its parts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A municipality (kommun) or region, identified by its SCB/Kolada code (0181 Södertälje)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("kommun")
        REGION = "region", _("region")

    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    code = models.CharField(
        _("kommun- eller regionkod"), max_length=4, unique=True, help_text=_("SCB:s och Koladas kod, t.ex. 0181.")
    )
    public_host = models.CharField(
        _("adress för de offentliga sidorna"),
        max_length=253,
        blank=True,
        help_text=_(
            "Värdnamnet utan https://, t.ex. fond.sodertalje.se. Den som inte är inloggad och kommer dit ser bara "
            "den här organisationens offentliga sidor. Behövs bara när flera organisationer delar installationen."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["public_host"], condition=~models.Q(public_host=""), name="organisation_public_host_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class DecisionBody(models.Model):
    """A political body that decides or gives opinions: KF, KS, a committee such as hållbarhetsutskottet."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("fullmäktige")
        EXECUTIVE = "executive", _("styrelse")
        COMMITTEE = "committee", _("utskott")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="decision_bodies")
    code = models.CharField(_("förkortning"), max_length=20)
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committees",
        verbose_name=_("under"),
        help_text=_("Ett utskott hör till en styrelse, t.ex. hållbarhetsutskottet under kommunstyrelsen."),
    )

    class Meta:
        verbose_name = _("beslutande organ")
        verbose_name_plural = _("beslutande organ")
        ordering = ["organisation", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="decisionbody_unique_code")]

    def __str__(self) -> str:
        return self.name


class Board(models.Model):
    """A board (nämnd): applies to the fund, owns projects, repays when its costs fall."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="boards")
    code = models.CharField(_("förkortning"), max_length=20)
    name = models.CharField(
        _("namn"), max_length=200, blank=True, help_text=_("Lämnas tomt om bara förkortningen är känd.")
    )
    area = models.CharField(
        _("verksamhetsområde"), max_length=50, blank=True, help_text=_("T.ex. education, social, culture.")
    )
    demo_note = models.TextField(
        _("demonstrationens antagande"),
        blank=True,
        help_text=_(
            "Vad demonstrationen antar om nämnden där underlaget är tyst (t.ex. namnet). Skrivs aldrig ut i handlingar."
        ),
    )
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_until = models.DateField(_("gäller till och med"), null=True, blank=True, help_text=_("Tomt: nämnden finns."))
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("efterträds av"),
        help_text=_("Sätts av ett beslut om omorganisation i fondens bokföring, som också flyttar skyldigheterna."),
    )

    class Meta:
        verbose_name = _("nämnd")
        verbose_name_plural = _("nämnder")
        ordering = ["organisation", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="board_unique_code")]

    def __str__(self) -> str:
        # Never the code alone: a list option or a label that read only "ALN" names nothing to a reader.
        return f"{self.code} {self.name}" if self.name else self.accessible_name

    @property
    def display_name(self) -> str:
        return self.name or self.code

    @property
    def accessible_name(self) -> str:
        """The name a control or a label reads out: the board's name, or its code said to be one."""
        if self.name:
            return self.name
        return _("%(code)s (förkortning, fullständigt namn saknas)") % {"code": self.code}

    @property
    def label_html(self) -> str:
        """The accessible name with the code marked as an abbreviation, for a checkbox's or a page's label."""
        if self.name:
            return format_html('{} (<abbr title="{}">{}</abbr>)', self.name, self.name, self.code)
        return format_html(
            '<abbr title="{}">{}</abbr> ({})',
            _("Nämndens fullständiga namn saknas"),
            self.code,
            _("förkortning, fullständigt namn saknas"),
        )


class Office(models.Model):
    """An office (kontor) of the administration, or a unit within one (Ksk/HR), with its head."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="offices")
    code = models.CharField(_("förkortning"), max_length=30)
    name = models.CharField(_("namn"), max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="units", verbose_name=_("del av")
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offices_headed",
        verbose_name=_("kontorschef"),
    )
    boards = models.ManyToManyField(
        Board, blank=True, related_name="offices", verbose_name=_("nämnder som kontoret arbetar för")
    )

    class Meta:
        verbose_name = _("kontor")
        verbose_name_plural = _("kontor")
        ordering = ["organisation", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="office_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
