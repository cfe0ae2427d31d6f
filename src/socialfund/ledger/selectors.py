"""Reads of the books that services and pages share: what a project was granted, what a board still owes.

Balances "now" come from the accounts' `balance_ore` (kept by the database, exact while
postings queue on the fund's books); balances at a date are sums of booked entries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from socialfund.cases.models import Decision, Initiative
from socialfund.cases.workflow import policy_for
from socialfund.core.formatting import format_sek
from socialfund.core.money import from_ore
from socialfund.core.projection import cash_cover
from socialfund.core.repayment_rules import RepaymentRules
from socialfund.funds.models import Fund
from socialfund.ledger.codes import CASH_KINDS, AccountKind, TransactionKind
from socialfund.ledger.models import Account, Entry, PayoutInstalment, Transaction
from socialfund.organisation.models import Board


def repayment_rules_for(initiative: Initiative) -> tuple[str, RepaymentRules]:
    """The policy id and its repayment rules; a policy silent on repayment means none."""
    policy = policy_for(initiative)
    rules = policy.repayment_rules()
    return policy.id, rules if rules is not None else RepaymentRules(mode="none")


def balance_now(accounts: QuerySet[Account]) -> Decimal:
    return from_ore(accounts.aggregate(total=Sum("balance_ore"))["total"] or 0)


def project_granted(initiative: Initiative) -> Decimal:
    """What the project has been granted, net of corrections: still committed plus paid out."""
    return balance_now(
        Account.objects.filter(initiative=initiative, kind__in=[AccountKind.COMMITTED, AccountKind.PAID_OUT])
    )


def _initiative_sums(initiative: Initiative, on: dt.date | None) -> dict[str, Decimal]:
    entries = Entry.objects.filter(account__initiative=initiative, transaction__closed=True)
    if on is not None:
        entries = entries.filter(transaction__booked_on__lte=on)
    return {
        row["account__kind"]: from_ore(row["total"])
        for row in entries.values("account__kind").annotate(total=Sum("amount_ore"))
    }


def paid_out(initiative: Initiative, on: dt.date | None = None) -> Decimal:
    """What the project has been paid, net of corrections (at a date, or now)."""
    return _initiative_sums(initiative, on).get(AccountKind.PAID_OUT, Decimal(0))


def repayable(initiative: Initiative, on: dt.date | None = None) -> Decimal:
    """What may still come back: paid out, less what has been repaid, returned by frame reduction or waived."""
    sums = _initiative_sums(initiative, on)
    zero = Decimal(0)
    returned = -sums.get(AccountKind.REPAID, zero) - sums.get(AccountKind.FRAME_REDUCED, zero)
    written_off = sums.get(AccountKind.WAIVED, zero)
    return sums.get(AccountKind.PAID_OUT, zero) - returned - written_off


def first_commitment_year(initiative: Initiative) -> int | None:
    """The project's first granted year (its start, t = 0 for the repayment limits)."""
    years = Entry.objects.filter(
        account__initiative=initiative,
        account__kind=AccountKind.COMMITTED,
        transaction__closed=True,
        amount_ore__gt=0,
    ).values_list("account__year", flat=True)
    return min((y for y in years if y is not None), default=None)


def active_transaction(initiative: Initiative, kind: TransactionKind) -> Transaction | None:
    """The project's booked transaction of this kind that no correction has reversed."""
    return (
        Transaction.objects.booked()
        .filter(initiative=initiative, kind=kind, reversed_by__isnull=True)
        .order_by("-number")
        .first()
    )


def outstanding_duties(initiative: Initiative, *, board: Board | None = None, year: int | None = None) -> list[Account]:
    """The repayment-duty accounts with something left, oldest year first."""
    duties = Account.objects.filter(initiative=initiative, kind=AccountKind.RECEIVABLE, balance_ore__gt=0)
    if board is not None:
        duties = duties.filter(board=board)
    if year is not None:
        duties = duties.filter(year=year)
    return list(duties.select_related("board", "initiative").order_by("year", "board__code"))


def sums_by_year(fund: Fund, kind: AccountKind) -> dict[int, Decimal]:
    """Current balances of a per-year kind (commitments, duties), summed by year."""
    rows = (
        Account.objects.filter(fund=fund, kind=kind, year__isnull=False)
        .values("year")
        .annotate(total=Sum("balance_ore"))
    )
    return {row["year"] or 0: from_ore(row["total"]) for row in rows if row["total"]}


def commitment_warnings(fund: Fund, new_by_year: dict[int, Decimal], today: dt.date) -> list[str]:
    """What a new commitment would do to the fund's ability to meet all its others."""
    available = balance_now(Account.objects.filter(fund=fund, kind=AccountKind.AVAILABLE))
    cash = balance_now(Account.objects.filter(fund=fund, kind__in=sorted(CASH_KINDS)))
    total = sum(new_by_year.values(), Decimal(0))
    warnings: list[str] = []
    if total > available:
        warnings.append(
            _(
                "Fonden har %(available)s som inte redan är utlovade; åtagandet på %(total)s gör fonden "
                "överintecknad med %(over)s."
            )
            % {
                "available": format_sek(available, 2),
                "total": format_sek(total, 2),
                "over": format_sek(total - available, 2),
            }
        )
    payouts: dict[int, Decimal] = defaultdict(Decimal, sums_by_year(fund, AccountKind.COMMITTED))
    for year, amount in new_by_year.items():
        payouts[year] += amount
    shortfall = cash_cover(
        cash=cash,
        first_year=today.year,
        payouts_by_year=payouts,
        repayments_by_year=sums_by_year(fund, AccountKind.RECEIVABLE),
    )
    if shortfall is not None:
        warnings.append(
            _(
                "År %(year)s räcker inte fondens medel till de utlovade utbetalningarna, ens om nämnderna "
                "återför enligt plan: det saknas %(missing)s."
            )
            % {"year": shortfall.year, "missing": format_sek(-shortfall.balance, 2)}
        )
    return warnings


def balances_at(fund: Fund, on: dt.date, extra: Q | None = None) -> QuerySet[Entry]:
    """Booked entries of the fund up to and including `on` (filtered further by `extra`)."""
    entries = Entry.objects.filter(transaction__fund=fund, transaction__closed=True, transaction__booked_on__lte=on)
    return entries.filter(extra) if extra is not None else entries


# -- the ledger's due work: what finance is asked to do, for its pages and anyone's inbox ------------------


@dataclass(frozen=True)
class DuePayout:
    """Part of a grant's payout schedule that is due and not paid out: one action books it."""

    initiative: Initiative
    year: int
    amount: Decimal
    due_since: dt.date
    instalments: tuple[int, ...]
    """The schedule's instalment numbers (within the year) that this amount covers, wholly or in part."""


@dataclass(frozen=True)
class DueRepayment:
    """A board's duty for a project and year, due by the end of that year and not yet settled."""

    initiative_id: int
    initiative: str
    board: str
    year: int
    remaining: Decimal
    overdue: bool


def grants_to_book(fund: Fund) -> list[Decision]:
    """Kommunstyrelsen's grants that finance has not booked (or whose booking was reversed), oldest first."""
    booked = Transaction.objects.filter(grant_decision__isnull=False, reversed_by__isnull=True).values("grant_decision")
    return list(
        Decision.objects.filter(initiative__fund=fund, outcome="granted")
        .exclude(pk__in=booked)
        .select_related("initiative", "body")
        .order_by("decided_on", "pk")
    )


def payout_schedule(initiative: Initiative) -> list[PayoutInstalment]:
    """The instalments of the project's grants that stand (a reversed grant's schedule goes with it)."""
    return list(
        PayoutInstalment.objects.filter(grant__initiative=initiative, grant__reversed_by__isnull=True).order_by(
            "year", "number"
        )
    )


def payouts_due(fund: Fund, on: dt.date) -> list[DuePayout]:
    """Per project and granted year: what the schedule asks to be paid out by `on`, less what has been.

    Never more than is still committed for the year (a payout made ahead of the schedule counts).
    """
    instalments = (
        PayoutInstalment.objects.filter(grant__fund=fund, grant__reversed_by__isnull=True)
        .select_related("grant__initiative")
        .order_by("grant__initiative__title", "year", "number")
    )
    by_year: dict[tuple[int, int], list[PayoutInstalment]] = defaultdict(list)
    for instalment in instalments:
        by_year[(instalment.grant.initiative_id or 0, instalment.year)].append(instalment)
    committed = {
        (a.initiative_id or 0, a.year or 0): a.balance
        for a in Account.objects.filter(fund=fund, kind=AccountKind.COMMITTED, balance_ore__gt=0)
    }
    due: list[DuePayout] = []
    for (initiative_id, year), parts in by_year.items():
        left = committed.get((initiative_id, year), Decimal(0))
        scheduled = sum((p.amount for p in parts), Decimal(0))
        not_yet = sum((p.amount for p in parts if p.due_on > on), Decimal(0))
        amount = left - not_yet  # what is committed, less the instalments whose day has not come
        if amount <= 0:
            continue
        # The instalments not yet paid, counted from the last: what is paid so far settled the first ones.
        paid = scheduled - left
        open_parts = []
        cumulative = Decimal(0)
        for part in parts:
            cumulative += part.amount
            if cumulative > paid and part.due_on <= on:
                open_parts.append(part)
        due.append(
            DuePayout(
                initiative=parts[0].grant.initiative,  # type: ignore[arg-type]
                year=year,
                amount=amount,
                due_since=open_parts[0].due_on if open_parts else parts[0].due_on,
                instalments=tuple(p.number for p in open_parts),
            )
        )
    return sorted(due, key=lambda d: (d.due_since, d.initiative.title, d.year))


def repayments_due(fund: Fund, on: dt.date) -> list[DueRepayment]:
    """Every board's duty for a year up to `on`'s year with something left: due this year, overdue before."""
    from socialfund.ledger.position import duty_rows  # ledger.position reads these selectors; imported when asked

    return [
        DueRepayment(row.initiative_id, row.initiative, row.board, row.year, row.remaining, row.overdue)
        for row in duty_rows(fund, on, Q(account__year__lte=on.year))
        if row.remaining > 0
    ]
