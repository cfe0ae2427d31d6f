"""An initiative: a case that walks the fund's stages from idea to decision, and what is recorded on it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.cases.codes import (
    ApplicantType,
    AttachmentKind,
    CommentVisibility,
    DecisionOutcome,
    OpinionPosition,
    SignoffKind,
    Status,
    Verdict,
    WithdrawalReason,
)
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board, DecisionBody

USER = settings.AUTH_USER_MODEL


class Initiative(models.Model):
    """A case from first idea to kommunstyrelsen's decision (and, when granted, a project).

    State changes only through `socialfund.cases.services`; each leaves an audit event.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("fond"))
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("sammanfattning"), blank=True)
    initiator_name = models.CharField(_("initiativtagare"), max_length=200)
    initiator_type = models.CharField(_("typ av initiativtagare"), max_length=30, choices=ApplicantType.choices)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-post till kontaktperson"), blank=True)
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
    area_board = models.ForeignKey(
        Board,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas_in_area",
        verbose_name=_("område"),
        help_text=_("En extern idés område: den nämnd och det kontor som får idén först."),
    )
    stage = models.CharField(_("steg"), max_length=40, help_text=_("Stegets kod enligt fondens riktlinjer."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    policy_id = models.CharField(
        _("riktlinjer"), max_length=100, blank=True, help_text=_("Riktlinjerna som gällde när initiativet kom in.")
    )
    withdrawal_reason = models.CharField(
        _("skäl till återkallelse"), max_length=30, choices=WithdrawalReason.choices, blank=True
    )
    further_withdrawal_reasons = models.JSONField(
        _("fler skäl till återkallelse"),
        default=list,
        blank=True,
        help_text=_("Fler skäl som initiativtagaren angav, utöver huvudskälet."),
    )
    failed_rules = models.JSONField(
        _("regler som inte uppfylls"), default=list, blank=True, help_text=_("Regel-id vid avvisning.")
    )
    outcome_note = models.TextField(_("motivering"), blank=True)
    demo_note = models.TextField(
        _("demonstrationens antaganden"),
        blank=True,
        help_text=_("Vad demonstrationen antar där underlaget är tyst. Skrivs aldrig ut i handlingar."),
    )
    demo_assumed = models.JSONField(
        _("antagna uppgifter"),
        default=list,
        blank=True,
        help_text=_("Delar av ansökan som demonstrationen har hittat på; handlingar skriver inte ut dem."),
    )
    preparation_memo = models.TextField(_("beredningspromemoria"), blank=True)
    filed_on = models.DateField(
        _("inkom"), null=True, blank=True, help_text=_("Avgör vilken version av riktlinjerna som gäller.")
    )
    registry_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    content = models.JSONField(
        _("innehåll"), default=dict, blank=True, help_text=_("Initiativets uppgifter i initiativfilens form.")
    )
    draft_inputs = models.JSONField(
        _("osparade svar"),
        default=dict,
        blank=True,
        help_text=_(
            "Svar i den guidade ansökan som ännu inte klarar kontrollerna, per steg, så att inget går förlorat."
        ),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Räknas upp vid varje ändring; fångar två som redigerar samtidigt.")
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ändrad av")
    )
    created_by = models.ForeignKey(
        USER,
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
        indexes = [
            # The pipeline: each stage's count and its newest cards, read in order from the index (issue 22).
            models.Index(fields=["fund", "status", "stage", "-filed_on", "-id"], name="initiative_stage_newest"),
            models.Index(fields=["fund", "filed_on"], name="initiative_fund_filed"),
            # The case list's order: its first page is the first 50 entries of this index, not a sort of all.
            models.Index(fields=["-filed_on", "title", "id"], name="initiative_list_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def stage_name(self) -> str:
        """The stage's name in the case's own guidelines."""
        from socialfund.cases.workflow import stage_name_of

        return stage_name_of(self)

    @property
    def withdrawal_reasons(self) -> list[str]:
        """Every reason the initiator gave for withdrawing, the main one first (the seed's two internal
        initiatives each named more than one)."""
        reasons = [self.withdrawal_reason] if self.withdrawal_reason else []
        return reasons + [r for r in self.further_withdrawal_reasons or [] if r and r not in reasons]

    @property
    def is_external(self) -> bool:
        return self.initiator_type not in ApplicantType.internal()


class Signoff(models.Model):
    """Anchoring: the office head's or the board's sign-off, with its date."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="signoffs")
    kind = models.CharField(_("förankring"), max_length=20, choices=SignoffKind.choices)
    signed_on = models.DateField(_("datum"))
    reference = models.CharField(_("referens"), max_length=200, blank=True, help_text=_("T.ex. nämndens § ."))
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrerad av"))
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("förankring")
        verbose_name_plural = _("förankringar")
        constraints = [models.UniqueConstraint(fields=["initiative", "kind"], name="signoff_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.signed_on.isoformat()}"


class Assessment(models.Model):
    """The preparation group's judgment on a rule that needs a human assessment."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="assessments")
    rule_id = models.CharField(_("regel"), max_length=60)
    verdict = models.CharField(_("bedömning"), max_length=10, choices=Verdict.choices)
    note = models.TextField(_("motivering"), blank=True)
    assessed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("bedömd av"))
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        constraints = [models.UniqueConstraint(fields=["initiative", "rule_id"], name="assessment_unique_rule")]

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.get_verdict_display()}"


class Attachment(models.Model):
    """A document on the case, stored through Django's storage; type checked by content on upload."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(_("typ av handling"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("fil"), upload_to="attachments/%Y/")
    original_name = models.CharField(_("filnamn"), max_length=255)
    file_format = models.CharField(_("format"), max_length=10)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("uppladdad av"))
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Opinion(models.Model):
    """A committee's or board's written opinion (yttrande) on an application."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="opinions")
    body = models.ForeignKey(
        DecisionBody, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("utskott")
    )
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("nämnd")
    )
    position = models.CharField(_("ställningstagande"), max_length=30, choices=OpinionPosition.choices)
    summary = models.TextField(_("sammanfattning"), blank=True)
    decided_on = models.DateField(_("beslutsdatum"))
    paragraph = models.CharField(_("paragraf"), max_length=20, blank=True)
    attachment = models.ForeignKey(
        Attachment, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("handling")
    )
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("yttrande")
        verbose_name_plural = _("yttranden")
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(body__isnull=False, board__isnull=True)
                | models.Q(body__isnull=True, board__isnull=False),
                name="opinion_from_body_or_board",
            )
        ]

    def __str__(self) -> str:
        return f"{self.giver_name}: {self.get_position_display()}"

    @property
    def giver_name(self) -> str:
        if self.body is not None:
            return self.body.name
        return self.board.display_name if self.board else ""


class Decision(models.Model):
    """Kommunstyrelsen's decision on an application, with the amounts granted per year."""

    initiative = models.OneToOneField(Initiative, on_delete=models.PROTECT, related_name="decision")
    body = models.ForeignKey(DecisionBody, on_delete=models.PROTECT, related_name="+", verbose_name=_("beslutande"))
    decided_on = models.DateField(_("beslutsdatum"))
    paragraph = models.CharField(_("paragraf"), max_length=20)
    outcome = models.CharField(_("beslut"), max_length=20, choices=DecisionOutcome.choices)
    text = models.TextField(_("beslutstext"))
    conditions = models.TextField(_("villkor"), blank=True)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")

    def __str__(self) -> str:
        return f"{self.body.code} {self.decided_on.isoformat()} {self.paragraph}"

    @property
    def total_granted(self) -> Decimal:
        return sum((row.amount for row in self.amounts.all()), start=Decimal(0))

    @property
    def repayment_exception_or_none(self) -> RepaymentException | None:
        """The exception from the repayment limits recorded with this grant, if any."""
        try:
            return self.repayment_exception
        except RepaymentException.DoesNotExist:
            return None


class DecisionAmount(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="amounts")
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.DecimalField(_("belopp"), max_digits=15, decimal_places=2)

    class Meta:
        verbose_name = _("beviljat belopp")
        verbose_name_plural = _("beviljade belopp")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "year"], name="decisionamount_unique_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="decisionamount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Comment(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("skriven av"))
    text = models.TextField(_("kommentar"))
    visibility = models.CharField(_("synlighet"), max_length=20, choices=CommentVisibility.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class RepaymentLimit(models.TextChoices):
    """The repayment limits of the guidelines a calculation can depart from (the calculation's violation codes)."""

    INCOMPLETE = "repayment_incomplete", _("Hela beloppet återförs i tid ur besparingarna")
    START_TOO_LATE = "repayment_start_too_late", _("Återföringen börjar senast fem år efter projektstart")
    TOO_LONG = "repayment_too_long", _("Återföringen är klar senast fem år efter att den började")
    NON_MUNICIPAL = "repayment_non_municipal", _("Bara kommunens besparingar bär återföringen")


class RepaymentException(models.Model):
    """Kommunstyrelsen grants despite a departure from the repayment limits ("under särskilda omständigheter").

    Part of the grant decision: which limits (from the screening), the preparation group's finding as it stood,
    and the decision body's reason. Written only by `cases.repayment_exceptions.repayment_exception_record`.
    The waiver after the project (särskild prövning) is another thing: `followup`'s special review.
    """

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="repayment_exception")
    limits = models.JSONField(_("avsteg från"), default=list, help_text=_("Koderna för de gränser som frångås."))
    finding = models.TextField(_("avvikelsen enligt prövningen"))
    reason = models.TextField(_("skäl till undantaget"))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("undantag från återföringskravet")
        verbose_name_plural = _("undantag från återföringskravet")

    def __str__(self) -> str:
        return f"{self.decision}: {', '.join(self.limits)}"

    @property
    def limit_labels_lazy(self) -> list[Any]:
        """The limits' labels, untranslated until shown (a record shows them in its own language)."""
        return [RepaymentLimit(code).label if code in RepaymentLimit.values else code for code in self.limits]

    @property
    def limit_labels(self) -> list[str]:
        return [str(label) for label in self.limit_labels_lazy]


class RegistrySerial(models.Model):
    """The last serial number given in a fund's registry series for a year ('KS 26-{n}').

    Every registry number the system gives (an outside idea's receipt, a case's first registered document,
    a report filed) is taken from this row under a row lock (`cases.registry.registry_number_take`), so two
    numbers of one fund and year never collide, whatever kind of document they belong to."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("löpnummer för diarienummer")
        verbose_name_plural = _("löpnummer för diarienummer")
        constraints = [models.UniqueConstraint(fields=["fund", "year"], name="registry_serial_unique_fund_year")]

    def __str__(self) -> str:
        return f"{self.fund} {self.year}: {self.last}"
