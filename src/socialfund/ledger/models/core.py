"""The books: one `FundLedger` per fund, its accounts, its transactions and their entries (legs).

Design (after django-hordak): a transaction has two or more entries whose amounts sum to
zero, debits positive and credits negative, in whole öre (integers, so that every sum
in SQL is exact on SQLite as on PostgreSQL). The rules hold twice: the services check
them in Python, and the database refuses what breaks them (migration 0002):

- a transaction is written open, its entries added, then closed; closing checks that
  the entries sum to zero (both backends), and on PostgreSQL a deferred constraint
  trigger checks it again at commit for every transaction;
- entries cannot be added to a closed transaction, and no entry or transaction is ever
  updated (both) or deleted (PostgreSQL; on SQLite the models refuse, see docs/ledger.md);
- every entry moves its account's `balance_ore` (a trigger), and a check constraint
  keeps commitments and repayment duties from going below zero.

State changes only through `socialfund.ledger.services`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.cases.models import Decision, Initiative
from socialfund.core.money import from_ore
from socialfund.funds.models import Fund
from socialfund.ledger.codes import NON_NEGATIVE_KINDS, AccountKind, TransactionKind
from socialfund.ledger.models.base import AppendOnlyModel, AppendOnlyQuerySet
from socialfund.ledger.models.origins import (
    BoardSuccession,
    CapitalDecision,
    PayoutOrder,
    Repayment,
    RepaymentPlan,
    Waiver,
)
from socialfund.organisation.models import Board

USER = settings.AUTH_USER_MODEL
SOURCE_FIELDS = (
    "capital_decision",
    "grant_decision",
    "payout_order",
    "repayment_plan",
    "repayment",
    "waiver",
    "succession",
    "reverses",
)


def exactly_one_of(fields: tuple[str, ...]) -> Q:
    """A check that exactly one of the nullable foreign keys is set."""
    condition = Q()
    for chosen in fields:
        one = Q(**{f"{chosen}__isnull": False})
        for other in fields:
            if other != chosen:
                one &= Q(**{f"{other}__isnull": True})
        condition |= one
    return condition


class FundLedger(models.Model):
    """A fund's books: the row every posting locks first, so that postings to one fund queue up.

    It also hands out the verification numbers (one gapless series per fund, as the
    accounting act wants) and remembers the last closed date.
    """

    fund = models.OneToOneField(Fund, on_delete=models.PROTECT, related_name="ledger", verbose_name=_("fond"))
    next_number = models.PositiveIntegerField(_("nästa verifikationsnummer"), default=1)
    closed_through = models.DateField(_("stängd till och med"), null=True, blank=True)
    account_map = models.JSONField(
        _("kontoplan för export"), default=dict, blank=True, help_text=_("Tom: standardkontoplanen.")
    )

    class Meta:
        verbose_name = _("fondens bokföring")
        verbose_name_plural = _("fondernas bokföring")

    def __str__(self) -> str:
        return str(self.fund)


class AccountQuerySet(models.QuerySet["Account"]):
    def update(self, **kwargs: Any) -> int:
        from socialfund.ledger.errors import ImmutableLedgerError

        raise ImmutableLedgerError("Ett kontos saldo ändras bara genom bokförda verifikationer.")


class Account(models.Model):
    """One account of a fund, for a kind and (as the kind needs) a project, a board and a year.

    `balance_ore` is kept by the database: every entry inserted adds its amount.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="ledger_accounts")
    kind = models.CharField(_("kontoslag"), max_length=20, choices=AccountKind.choices)
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("insats")
    )
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("nämnd")
    )
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    key = models.CharField(_("nyckel"), max_length=80, help_text=_("T.ex. committed/p12/2016."))
    balance_ore = models.BigIntegerField(_("saldo (öre)"), default=0, editable=False)

    objects = AccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("konto")
        verbose_name_plural = _("konton")
        ordering = ["fund", "kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "key"], name="ledger_account_unique_key"),
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(NON_NEGATIVE_KINDS)) | Q(balance_ore__gte=0),
                name="ledger_account_not_overdrawn",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            from socialfund.ledger.errors import ImmutableLedgerError

            raise ImmutableLedgerError("Ett konto ändras inte efter att det lagts upp.")
        super().save(*args, **kwargs)

    @property
    def balance(self) -> Decimal:
        return from_ore(self.balance_ore)

    @property
    def label(self) -> str:
        parts = [str(AccountKind(self.kind).label)]
        if self.initiative_id:
            parts.append(self.initiative.title if self.initiative else f"insats {self.initiative_id}")
        if self.board_id:
            parts.append(self.board.code if self.board else f"nämnd {self.board_id}")
        if self.year:
            parts.append(str(self.year))
        return ", ".join(parts)


class TransactionQuerySet(AppendOnlyQuerySet["Transaction"]):
    def booked(self) -> TransactionQuerySet:
        """Closed transactions only: an open one is a posting under way (or one that never finished)."""
        return self.filter(closed=True)


class Transaction(AppendOnlyModel):
    """A verification: the date, the text, who booked it, and the one source it comes from."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="ledger_transactions")
    number = models.PositiveIntegerField(_("verifikationsnummer"))
    kind = models.CharField(_("händelse"), max_length=20, choices=TransactionKind.choices)
    booked_on = models.DateField(_("bokföringsdag"))
    text = models.CharField(_("text"), max_length=300)
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("insats")
    )
    capital_decision = models.ForeignKey(
        CapitalDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="transactions"
    )
    grant_decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_transactions"
    )
    payout_order = models.ForeignKey(
        PayoutOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="transactions"
    )
    repayment_plan = models.ForeignKey(
        RepaymentPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="transactions"
    )
    repayment = models.ForeignKey(
        Repayment, on_delete=models.PROTECT, null=True, blank=True, related_name="transactions"
    )
    waiver = models.ForeignKey(Waiver, on_delete=models.PROTECT, null=True, blank=True, related_name="transactions")
    succession = models.ForeignKey(
        BoardSuccession, on_delete=models.PROTECT, null=True, blank=True, related_name="transactions"
    )
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("rättar"),
        help_text=_("En verifikation rättas högst en gång."),
    )
    closed = models.BooleanField(_("avslutad"), default=False, editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("bokförd av"))
    created_at = models.DateTimeField(_("registrerad"), default=timezone.now, editable=False)

    objects: ClassVar[TransactionQuerySet] = TransactionQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("verifikation")
        verbose_name_plural = _("verifikationer")
        ordering = ["fund", "number"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "number"], name="ledger_transaction_unique_number"),
            models.CheckConstraint(condition=exactly_one_of(SOURCE_FIELDS), name="ledger_transaction_one_source"),
        ]
        indexes = [models.Index(fields=["fund", "booked_on"], name="ledger_txn_fund_date")]

    def __str__(self) -> str:
        return f"{self.number} {self.booked_on.isoformat()} {self.text}"

    @property
    def is_reversed(self) -> bool:
        return hasattr(self, "reversed_by")


class Entry(AppendOnlyModel):
    """A leg: an amount in öre on one account; debits positive, credits negative, never zero."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    amount_ore = models.BigIntegerField(_("belopp (öre)"))

    objects = AppendOnlyQuerySet["Entry"].as_manager()

    class Meta:
        verbose_name = _("kontering")
        verbose_name_plural = _("konteringar")
        ordering = ["transaction", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(amount_ore=0), name="ledger_entry_not_zero")]

    def __str__(self) -> str:
        return f"{self.account_id}: {self.amount}"

    @property
    def amount(self) -> Decimal:
        return from_ore(self.amount_ore)

    @property
    def debit(self) -> Decimal | None:
        return self.amount if self.amount_ore > 0 else None

    @property
    def credit(self) -> Decimal | None:
        return -self.amount if self.amount_ore < 0 else None
