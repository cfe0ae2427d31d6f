"""A consultation (remiss): a document sent to boards and company boards with questions and a
deadline; their answers, with additions, reservations and separate statements by party and person.

State changes only through `socialfund.consultations.services`; each leaves an audit event.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.consultations.codes import AnswerPosition, RecipientKind, StatementKind
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board, DecisionBody, Organisation

USER = settings.AUTH_USER_MODEL


class Consultation(models.Model):
    """The remiss: who sent what to whom, what they are asked, and by when."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="consultations")
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, null=True, blank=True, related_name="consultations", verbose_name=_("fond")
    )
    title = models.CharField(
        _("rubrik"), max_length=300, help_text=_("T.ex. Södertälje kommuns sociala investeringsfond.")
    )
    document_title = models.CharField(_("handlingen som remitteras"), max_length=300)
    document_date = models.DateField(_("handlingens datum"), null=True, blank=True)
    registry_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    sent_by = models.ForeignKey(DecisionBody, on_delete=models.PROTECT, related_name="+", verbose_name=_("beslutat av"))
    decided_on = models.DateField(_("beslut om remiss"))
    deadline = models.DateField(_("svar senast"))
    questions = models.JSONField(_("frågor"), default=list, help_text=_("Frågorna remissen ska besvara, i ordning."))
    consulted_on = models.TextField(
        _("vad remissen gäller"),
        blank=True,
        help_text=_("Förslagen som remitteras, t.ex. nuvarande och föreslagen lydelse. Ett stycke per tom rad."),
    )
    row_labels = models.JSONField(
        _("radrubriker i sammanställningen"),
        default=dict,
        blank=True,
        help_text=_("Egna rubriker för svarsraderna, t.ex. 'Biträder förvaltningens utvärdering'."),
    )
    office = models.CharField(_("kontor"), max_length=200, blank=True, help_text=_("T.ex. Kommunstyrelsens kontor."))
    handler_name = models.CharField(_("handläggare"), max_length=200, blank=True)
    handler_title = models.CharField(_("titel"), max_length=200, blank=True)
    handler_unit = models.CharField(_("enhet"), max_length=200, blank=True)
    handler_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    handler_email = models.EmailField(_("e-post"), blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("remiss")
        verbose_name_plural = _("remisser")
        ordering = ["-decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.decided_on.isoformat()})"

    def row_label(self, position: str) -> str:
        return str(self.row_labels.get(position) or AnswerPosition(position).label)


class Recipient(models.Model):
    """A board, or a municipal company's board, asked to answer; `order` is the column order of the table."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="recipients")
    kind = models.CharField(_("slag"), max_length=20, choices=RecipientKind.choices, default=RecipientKind.BOARD)
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("nämnd")
    )
    code = models.CharField(_("förkortning"), max_length=30)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(_("e-post för påminnelser"), blank=True)
    answer_unknown = models.BooleanField(
        _("okänt om svar kommit in"),
        default=False,
        help_text=_("Underlaget visar inte om instansen svarat (en äldre remiss registrerad i efterhand)."),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("remissinstans")
        verbose_name_plural = _("remissinstanser")
        ordering = ["consultation", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["consultation", "code"], name="recipient_unique_code")]

    def __str__(self) -> str:
        return self.code

    @property
    def display_name(self) -> str:
        return self.name or (self.board.display_name if self.board else self.code)


class Answer(models.Model):
    """A recipient's answer (remissvar): its position and, for supports-with-additions, the additions."""

    recipient = models.OneToOneField(Recipient, on_delete=models.PROTECT, related_name="answer")
    position = models.CharField(_("ställningstagande"), max_length=30, choices=AnswerPosition.choices)
    additions = models.TextField(
        _("tillägg"), blank=True, help_text=_("Nämndens tillägg till förslaget, som beslutat.")
    )
    summary = models.TextField(_("sammanfattning"), blank=True)
    administration_answer = models.TextField(
        _("förvaltningens svar"),
        blank=True,
        help_text=_("Förvaltningens svar på nämndens tillägg, så som tjänsteskrivelsen ger det."),
    )
    received_on = models.DateField(_("inkom"))
    decided_on = models.DateField(_("nämndens beslutsdatum"), null=True, blank=True)
    paragraph = models.CharField(_("paragraf"), max_length=20, blank=True)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("remissvar")
        verbose_name_plural = _("remissvar")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(position=AnswerPosition.SUPPORTS_WITH_ADDITIONS) | ~models.Q(additions=""),
                name="answer_additions_written",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient.code}: {self.get_position_display()}"


class Statement(models.Model):
    """A reservation or separate statement (särskilt yttrande) in a board's decision, by party and person.

    `signatories` is a list of {"name": …, "party": …}; `wording` says what they did, as the
    minutes say it ("anmäler och inkommer med skriftligt yttrande. Yttrandet i kort
    sammanfattning:"); `summary` is the gist, empty when nothing was handed in.
    """

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="statements")
    kind = models.CharField(_("slag"), max_length=20, choices=StatementKind.choices)
    signatories = models.JSONField(_("undertecknare"), default=list)
    wording = models.TextField(_("lydelse"))
    summary = models.TextField(_("i kort sammanfattning"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reservation eller särskilt yttrande")
        verbose_name_plural = _("reservationer och särskilda yttranden")
        ordering = ["answer", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.wording[:40]}"


class Reminder(models.Model):
    """A reminder sent to a recipient that had not answered."""

    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="reminders")
    sent_on = models.DateField(_("skickad"))
    addresses = models.JSONField(_("mottagare"), default=list)
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["recipient", "sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.recipient.code} {self.sent_on.isoformat()}"
