"""Stable codes for whether an initiative is still alive (status) and for what is recorded on it.

Stages come from the fund's policy (Klippan adds behovsanalys, Gävleborg decides in
two rounds): a stage is the policy's code, named by the policy, never listed here.
Codes are stored, never display strings.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ACTIVE = "active", _("Pågående")
    GRANTED = "granted", _("Beviljad")
    REJECTED = "rejected", _("Avslagen av kommunstyrelsen")
    WITHDRAWN = "withdrawn", _("Återkallad av initiativtagaren")
    REFUSED = "refused", _("Avvisad – inte förenlig med riktlinjerna")
    ADVISED_AGAINST = "advised_against", _("Avrådd")
    ON_HOLD = "on_hold", _("Vilande")


class WithdrawalReason(models.TextChoices):
    REPAYMENT_RISK = "repayment_risk", _("Risk att inte kunna återföra medlen")
    EVALUATION_BURDEN = "evaluation_burden", _("Kraven på uppföljning och utvärdering")
    PROCUREMENT = "procurement", _("Kravet på upphandling enligt LOU")
    NOT_ANCHORED = "not_anchored", _("Inte förankrat på kontorschefsnivå")
    OTHER = "other", _("Annat skäl")


class ApplicantType(models.TextChoices):
    """Who stands behind an initiative; the same codes as the initiative file."""

    BOARD = "board", _("Nämnd")
    OFFICE = "office", _("Kontor")
    MUNICIPAL_COMPANY = "municipal_company", _("Kommunalt bolag")
    ASSOCIATION = "association", _("Förening")
    FOUNDATION = "foundation", _("Stiftelse")
    COOPERATIVE = "cooperative", _("Kooperativ")
    COMPANY = "company", _("Företag")
    SOLE_TRADER = "sole_trader", _("Enskild firma")
    PUBLIC_BODY = "public_body", _("Annan offentlig aktör")
    REGION_UNIT = "region_unit", _("Regionens verksamhet")
    UNIVERSITY = "university", _("Lärosäte")
    UNKNOWN = "unknown", _("Okänd")

    @classmethod
    def internal(cls) -> frozenset[str]:
        """The fund's own organisation: a municipality's boards and offices, a region's own units."""
        return frozenset({cls.BOARD, cls.OFFICE, cls.REGION_UNIT})


# Statuses in which a case has its decision memo (tjänsteskrivelse); the stages come from the policy
# (socialfund.core.casemachine.memo_stages).
MEMO_STATUSES = (Status.ACTIVE, Status.GRANTED)


# Statuses from which nothing more happens to the case.
CLOSED_STATUSES = frozenset({Status.GRANTED, Status.REJECTED, Status.WITHDRAWN, Status.REFUSED, Status.ADVISED_AGAINST})


class SignoffKind(models.TextChoices):
    """Anchoring (förankring): the office head's and the board's sign-off."""

    OFFICE_HEAD = "office_head", _("Kontorschefens förankring")
    BOARD = "board", _("Nämndens förankring")


class Verdict(models.TextChoices):
    PASS = "pass", _("Uppfylls")
    WARN = "warn", _("Uppfylls med anmärkning")
    FAIL = "fail", _("Uppfylls inte")


class OpinionPosition(models.TextChoices):
    SUPPORTS = "supports", _("Tillstyrker")
    SUPPORTS_WITH_ADDITIONS = "supports_with_additions", _("Tillstyrker med tillägg")
    OPPOSES = "opposes", _("Avstyrker")


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", _("Beviljas")
    REJECTED = "rejected", _("Avslås")


class CommentVisibility(models.TextChoices):
    INTERNAL = "internal", _("Intern (handläggare och beredning)")
    APPLICANT = "applicant", _("Synlig för sökande")


class AttachmentKind(models.TextChoices):
    APPLICATION = "application", _("Ansökan eller bilaga till den")
    MEMO = "memo", _("Beredningspromemoria")
    OPINION = "opinion", _("Yttrande")
    DECISION = "decision", _("Beslut")
    OTHER = "other", _("Övrigt")
