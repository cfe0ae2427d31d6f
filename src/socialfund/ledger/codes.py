"""Stable codes of the ledger: account kinds, transaction kinds, repayment methods. Never display strings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    """The fund's chart of accounts. Debits are positive, credits negative.

    The fund's money: capital = available + committed + paid_out − repaid − frame_reduced.
    Repayment duties (a memorandum pair): receivable + waived = −repayment_plan.
    """

    CAPITAL = "capital", _("Fondkapital")
    AVAILABLE = "available", _("Disponibla medel")
    COMMITTED = "committed", _("Beviljade, ej utbetalda medel")
    PAID_OUT = "paid_out", _("Utbetalda medel")
    REPAID = "repaid", _("Återförda medel")
    FRAME_REDUCED = "frame_reduced", _("Återfört genom ramminskning")
    RECEIVABLE = "receivable", _("Återföringsskyldighet")
    REPAYMENT_PLAN = "repayment_plan", _("Fastställd återföring, motkonto")
    WAIVED = "waived", _("Efterskänkt återföring")


MONEY_KINDS = frozenset(
    {
        AccountKind.CAPITAL,
        AccountKind.AVAILABLE,
        AccountKind.COMMITTED,
        AccountKind.PAID_OUT,
        AccountKind.REPAID,
        AccountKind.FRAME_REDUCED,
    }
)
DUTY_KINDS = frozenset({AccountKind.RECEIVABLE, AccountKind.REPAYMENT_PLAN, AccountKind.WAIVED})
# Accounts whose debit balance may never go below zero, at any date: a payout never
# exceeds its commitment, a repayment or waiver never exceeds the duty.
NON_NEGATIVE_KINDS = frozenset({AccountKind.COMMITTED, AccountKind.RECEIVABLE})
# The fund's money in hand: what it has not promised plus what it has promised but not paid.
CASH_KINDS = frozenset({AccountKind.AVAILABLE, AccountKind.COMMITTED})


class TransactionKind(models.TextChoices):
    CAPITAL = "capital", _("Kapital beslutat")
    GRANT = "grant", _("Medel beviljade")
    PAYOUT = "payout", _("Utbetalning")
    REPAYMENT_PLAN = "repayment_plan", _("Återföringsplan fastställd")
    REPAYMENT = "repayment", _("Återföring")
    FRAME_REDUCTION = "frame_reduction", _("Ramminskning")
    WAIVER = "waiver", _("Eftergift efter särskild prövning")
    REVERSAL = "reversal", _("Rättelse (omvänd verifikation)")
    DUTY_MOVE = "duty_move", _("Återföringsskyldighet flyttad till efterträdande nämnd")
    DUTY_LAPSE = "duty_lapse", _("Återföringsskyldighet upphörd vid omorganisation")


class RepaymentMethod(models.TextChoices):
    PAYMENT = "payment", _("Inbetalning")
    FRAME_REDUCTION = "frame_reduction", _("Ramminskning")


class PlanBasis(models.TextChoices):
    CALCULATION = "calculation", _("Kalkylens förslag")
    AGREED = "agreed", _("Överenskommen plan")


class EvaluatedEffects(models.TextChoices):
    """What the evaluation found; the guidelines allow a waiver for no or negative effects."""

    NONE = "none", _("Inga effekter")
    NEGATIVE = "negative", _("Negativa effekter")
    POSITIVE = "positive", _("Positiva effekter")
