"""The records' fixed vocabularies: direction of a handling and the kinds of records rules speak of."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Inkommande")
    DRAWN_UP = "drawn_up", _("Upprättad")
    OUTGOING = "outgoing", _("Utgående")


class RecordType(models.TextChoices):
    """What a registered handling is, and what a retention rule is written for."""

    IDEA = "idea", _("Idé")
    APPLICATION = "application", _("Ansökan")
    ATTACHMENT = "attachment", _("Bilaga")
    OPINION = "opinion", _("Yttrande")
    MEMO = "memo", _("Tjänsteskrivelse")
    DECISION = "decision", _("Beslut")
    CONSULTATION = "consultation", _("Remiss")
    CONSULTATION_ANSWER = "consultation_answer", _("Remissvar")
    PROJECT_REPORT = "project_report", _("Projektrapport")
    ANNUAL_REPORT = "annual_report", _("Årlig uppföljning")
    REPORT_DRAFT = "report_draft", _("Utkast till årlig uppföljning")
    LETTER = "letter", _("Skrivelse")
    CONTACT_DETAILS = "contact_details", _("Kontaktuppgifter till externa aktörers kontaktpersoner")

    @classmethod
    def never_culled(cls) -> frozenset[str]:
        """Kept for ever whatever a rule says: the decisions and what they rest on (arkivlagen; the ledger too).

        The idea is the case itself; opinions, consultation answers and project reports are what kommunstyrelsen's
        decisions, the guidelines' revision and a special review rest on; the filed April report is the fund's
        account to the council."""
        return frozenset(
            {
                cls.IDEA,
                cls.APPLICATION,
                cls.OPINION,
                cls.MEMO,
                cls.DECISION,
                cls.CONSULTATION,
                cls.CONSULTATION_ANSWER,
                cls.PROJECT_REPORT,
                cls.ANNUAL_REPORT,
            }
        )


class RetentionEvent(models.TextChoices):
    REGISTERED = "registered", _("registreringen")
    CASE_CLOSED = "case_closed", _("ärendets avslut")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Väntar")
    DELIVERED = "delivered", _("Levererad")
