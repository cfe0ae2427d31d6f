"""Stable codes of follow-up: stored, never display strings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    RUNNING = "running", _("Pågående")
    CLOSED = "closed", _("Avslutat")


class ClosureOutcome(models.TextChoices):
    IMPLEMENTED = "implemented", _("Metoden införd i ordinarie verksamhet")
    NOT_IMPLEMENTED = "not_implemented", _("Metoden införs inte")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Högre är bättre")
    LOWER = "lower", _("Lägre är bättre")


class IndicatorSource(models.TextChoices):
    MANUAL = "manual", _("Inmatad för hand")
    KOLADA = "kolada", _("Kolada")


class Gender(models.TextChoices):
    """Kolada's codes: T totalt, K kvinnor/flickor, M män/pojkar. Hand-entered figures are totals."""

    TOTAL = "T", _("Totalt")
    FEMALE = "K", _("Kvinnor")
    MALE = "M", _("Män")


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("Lägesrapport")
    MONTHLY = "monthly", _("Månadsrapport")
    SINGLE = "single", _("Rapport")
    FINAL = "final", _("Slutrapport")


class ReportStatus(models.TextChoices):
    DUE = "due", _("Ska lämnas")
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inlämnad, väntar på granskning")
    RETURNED = "returned", _("Återsänd för komplettering")
    APPROVED = "approved", _("Godkänd")
    SKIPPED = "skipped", _("Lämnas inte")


# A report the project still owes: reminders go out for these.
OPEN_REPORT_STATUSES = frozenset({ReportStatus.DUE, ReportStatus.DRAFT, ReportStatus.RETURNED})
# A report the project may still write in.
WRITABLE_REPORT_STATUSES = OPEN_REPORT_STATUSES


class Fidelity(models.TextChoices):
    """Method fidelity (metodtrohet) for a documented method."""

    FULL = "full", _("Genomförd enligt metoden")
    LARGELY = "largely", _("I huvudsak enligt metoden")
    PARTLY = "partly", _("Delvis enligt metoden")
    NOT = "not", _("Inte enligt metoden")


FIDELITY_SHOWING_METHOD_FOLLOWED = frozenset({Fidelity.FULL, Fidelity.LARGELY})


class ReviewVerdict(models.TextChoices):
    APPROVED = "approved", _("Godkänns")
    RETURNED = "returned", _("Återsänds för komplettering")


class EffectFinding(models.TextChoices):
    """What the evaluation shows; the same codes as the ledger's EvaluatedEffects (plus 'too early')."""

    POSITIVE = "positive", _("Positiva effekter")
    NONE = "none", _("Inga effekter")
    NEGATIVE = "negative", _("Negativa effekter")
    TOO_EARLY = "too_early", _("För tidigt att bedöma")


# The evaluation results that open a special review (särskild prövning).
FAILED_FINDINGS = frozenset({EffectFinding.NONE, EffectFinding.NEGATIVE})


class SavingBasis(models.TextChoices):
    ENTERED = "entered", _("Inmatad")
    DERIVED = "derived", _("Härledd från indikator")


class SpecialReviewStatus(models.TextChoices):
    OPEN = "open", _("Underlag samlas in")
    SUBMITTED = "submitted", _("Hos kommunstyrelsen")
    WAIVED = "waived", _("Återföringen efterskänkt")
    MAINTAINED = "maintained", _("Återföringen kvarstår")


class SpecialReviewOutcome(models.TextChoices):
    WAIVE = "waive", _("Kravet på återföring upphävs")
    MAINTAIN = "maintain", _("Kravet på återföring kvarstår")


class EvidenceKind(models.TextChoices):
    REPORT = "report", _("Rapport från projektet")
    METHOD_FIDELITY = "method_fidelity", _("Underlag om metodtrohet")
    EXTERNAL_EVALUATION = "external_evaluation", _("Extern utvärdering")
    INDICATORS = "indicators", _("Indikatorer")
    OTHER = "other", _("Annat underlag")


class AnchoringKind(models.TextChoices):
    OFFICE_HEAD = "office_head", _("Kontorschefens förankring")
    BOARD = "board", _("Nämndens förankring")
