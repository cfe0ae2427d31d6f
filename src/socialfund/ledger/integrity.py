"""`socialfund ledger check`: every invariant of the books, verified from the rows themselves.

The services and the database keep these rules; this check is for what neither can see
(a restored backup, a hand edit in SQL, a trigger lost in a table rebuild). Each problem
names the fund and, where there is one, the offending verification.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, Q, Sum

from socialfund.core.money import from_ore
from socialfund.funds.models import Fund
from socialfund.ledger import db_guards
from socialfund.ledger.codes import CASH_KINDS, DUTY_KINDS, MONEY_KINDS, NON_NEGATIVE_KINDS
from socialfund.ledger.models import Account, Entry, FundLedger, Transaction


@dataclass(frozen=True)
class Problem:
    fund: str
    message: str
    transaction: int | None = None
    """The verification number, when the problem is one verification's."""

    def __str__(self) -> str:
        where = f"verifikation {self.transaction}: " if self.transaction is not None else ""
        return f"{self.fund}: {where}{self.message}"


def ledger_check() -> list[Problem]:
    problems = [Problem("databasen", f"skyddet {name} saknas") for name in missing_guards()]
    for fund in Fund.objects.filter(pk__in=Transaction.objects.values("fund")).order_by("slug"):
        problems += check_fund(fund)
    return problems


def missing_guards() -> list[str]:
    with connection.cursor() as cursor:
        installed = db_guards.installed_guards(cursor, connection.vendor)
    return [name for name in db_guards.guard_names(connection.vendor) if name not in installed]


def check_fund(fund: Fund) -> list[Problem]:
    return (
        balanced_transactions(fund)
        + cached_balances(fund)
        + limits_over_time(fund)
        + reversals_mirror(fund)
        + numbering(fund)
    )


def balanced_transactions(fund: Fund) -> list[Problem]:
    """Closed, two or more legs, summing to zero, and the money and the duties each balancing."""
    rows = (
        Transaction.objects.filter(fund=fund)
        .values("number", "closed")
        .annotate(
            total=Sum("entries__amount_ore"),
            legs=Count("entries"),
            money=Sum("entries__amount_ore", filter=Q(entries__account__kind__in=sorted(MONEY_KINDS))),
            duties=Sum("entries__amount_ore", filter=Q(entries__account__kind__in=sorted(DUTY_KINDS))),
        )
        .order_by("number")
    )
    found = []
    for row in rows:
        number = row["number"]
        if not row["closed"]:
            found.append(Problem(fund.slug, "är inte avslutad (en bokning som aldrig blev klar)", number))
        if row["legs"] < 2:
            found.append(Problem(fund.slug, f"har {row['legs']} kontering(ar); minst två behövs", number))
        elif row["total"]:
            found.append(Problem(fund.slug, f"konteringarna summerar till {from_ore(row['total'])} kr, inte 0", number))
        elif row["money"] or row["duties"]:
            found.append(
                Problem(fund.slug, "fondens medel och återföringsskyldigheterna balanserar inte var för sig", number)
            )
    return found


def cached_balances(fund: Fund) -> list[Problem]:
    accounts = (
        Account.objects.filter(fund=fund)
        .values("key", "balance_ore")
        .annotate(entries_total=Sum("entries__amount_ore"))
        .order_by("key")
    )
    return [
        Problem(
            fund.slug,
            f"kontot {a['key']} har saldot {from_ore(a['balance_ore'])} kr men konteringarna summerar till "
            f"{from_ore(a['entries_total'] or 0)} kr",
        )
        for a in accounts
        if a["balance_ore"] != (a["entries_total"] or 0)
    ]


def limits_over_time(fund: Fund) -> list[Problem]:
    """No commitment or duty below zero at the end of any day (no payout above its commitment), nor the money."""
    by_day = (
        Entry.objects.filter(
            transaction__fund=fund, transaction__closed=True, account__kind__in=sorted(NON_NEGATIVE_KINDS)
        )
        .values("account__key", "account__kind", "transaction__booked_on")
        .annotate(total=Sum("amount_ore"), last=Max("transaction__number"))
        .order_by("transaction__booked_on")
    )
    running: dict[str, int] = defaultdict(int)
    found: list[Problem] = []
    for row in by_day:
        key = row["account__key"]
        running[key] += row["total"]
        if running[key] < 0:
            what = "utbetalt mer än åtagandet" if row["account__kind"] == "committed" else "skyldigheten under noll"
            found.append(Problem(fund.slug, f"{key}: {what} ({from_ore(running[key])} kr)", row["last"]))
    return found + cash_over_time(fund)


def cash_over_time(fund: Fund) -> list[Problem]:
    by_date = (
        Entry.objects.filter(transaction__fund=fund, transaction__closed=True, account__kind__in=sorted(CASH_KINDS))
        .values("transaction__booked_on")
        .annotate(total=Sum("amount_ore"))
        .order_by("transaction__booked_on")
    )
    running, found = 0, []
    for row in by_date:
        running += row["total"]
        if running < 0:
            day = row["transaction__booked_on"].isoformat()
            found.append(Problem(fund.slug, f"fondens medel är under noll {day} ({from_ore(running)} kr)"))
    return found


def reversals_mirror(fund: Fund) -> list[Problem]:
    found = []
    corrections = Transaction.objects.filter(fund=fund, reverses__isnull=False).select_related("reverses")
    for correction in corrections.prefetch_related("entries", "reverses__entries"):
        assert correction.reverses is not None
        own = sorted((e.account_id, e.amount_ore) for e in correction.entries.all())
        mirrored = sorted((e.account_id, -e.amount_ore) for e in correction.reverses.entries.all())
        if own != mirrored:
            found.append(
                Problem(
                    fund.slug,
                    f"rättar verifikation {correction.reverses.number} men speglar den inte",
                    correction.number,
                )
            )
    return found


def numbering(fund: Fund) -> list[Problem]:
    numbers = list(Transaction.objects.filter(fund=fund).order_by("number").values_list("number", flat=True))
    found = []
    if numbers != list(range(1, len(numbers) + 1)):
        found.append(Problem(fund.slug, "verifikationsnumren har luckor eller börjar inte på 1"))
    book = FundLedger.objects.filter(fund=fund).first()
    if book is not None and book.next_number != len(numbers) + 1:
        found.append(
            Problem(fund.slug, f"nästa verifikationsnummer är {book.next_number}, borde vara {len(numbers) + 1}")
        )
    return found
