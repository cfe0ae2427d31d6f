"""What people see: the fund's position at a date, a project's account, a board's duties by year.

All from booked entries up to the date, in a handful of grouped queries (no query per row).
A duty for a year is due by the end of that year; it is overdue from the next year on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import Q, Sum

from socialfund.cases.models import Initiative
from socialfund.core.money import from_ore
from socialfund.funds.models import Fund
from socialfund.ledger.codes import AccountKind, TransactionKind
from socialfund.ledger.models import Transaction
from socialfund.ledger.selectors import balances_at
from socialfund.organisation.models import Board

if TYPE_CHECKING:
    from socialfund.ledger.duty import ProjectDuty

ZERO = Decimal(0)
SETTLING = (TransactionKind.REPAYMENT, TransactionKind.FRAME_REDUCTION)


@dataclass(frozen=True)
class FundPosition:
    fund: Fund
    on: dt.date
    capital: Decimal
    available: Decimal
    committed: Decimal
    paid_out: Decimal
    repaid: Decimal
    frame_reduced: Decimal
    receivable: Decimal
    overdue: Decimal
    waived: Decimal

    @property
    def cash(self) -> Decimal:
        """Money in the fund: what it has not promised plus what it has promised but not paid."""
        return self.available + self.committed

    @property
    def returned(self) -> Decimal:
        return self.repaid + self.frame_reduced

    @property
    def overcommitted(self) -> bool:
        return self.available < 0


def fund_position(fund: Fund, on: dt.date) -> FundPosition:
    totals = {
        row["account__kind"]: from_ore(row["total"])
        for row in balances_at(fund, on).values("account__kind").annotate(total=Sum("amount_ore"))
    }
    overdue = balances_at(fund, on, Q(account__kind=AccountKind.RECEIVABLE, account__year__lt=on.year)).aggregate(
        total=Sum("amount_ore")
    )["total"]
    return FundPosition(
        fund=fund,
        on=on,
        capital=-totals.get(AccountKind.CAPITAL, ZERO),
        available=totals.get(AccountKind.AVAILABLE, ZERO),
        committed=totals.get(AccountKind.COMMITTED, ZERO),
        paid_out=totals.get(AccountKind.PAID_OUT, ZERO),
        repaid=-totals.get(AccountKind.REPAID, ZERO),
        frame_reduced=-totals.get(AccountKind.FRAME_REDUCED, ZERO),
        receivable=totals.get(AccountKind.RECEIVABLE, ZERO),
        overdue=from_ore(overdue or 0),
        waived=totals.get(AccountKind.WAIVED, ZERO),
    )


@dataclass
class DutyRow:
    """One board's duty for one project and year."""

    initiative: str
    initiative_id: int
    board: str
    year: int
    planned: Decimal = ZERO
    settled: Decimal = ZERO
    waived: Decimal = ZERO
    moved: Decimal = ZERO
    """Moved here from a predecessor (positive) or to a successor (negative) by a board succession."""
    lapsed: Decimal = ZERO
    """Written off by a succession decision: the successor would be the fund's owner itself."""
    overdue: bool = False

    @property
    def remaining(self) -> Decimal:
        return self.planned + self.moved - self.settled - self.waived - self.lapsed


def duty_rows(fund: Fund, on: dt.date, where: Q) -> list[DutyRow]:
    """Duties by (project, board, year), split by what happened to them: planned, settled, waived."""
    grouped = (
        balances_at(fund, on, Q(account__kind=AccountKind.RECEIVABLE) & where)
        .values(
            "account__initiative_id",
            "account__initiative__title",
            "account__board__code",
            "account__year",
            "transaction__kind",
            "transaction__reverses__kind",
        )
        .annotate(total=Sum("amount_ore"))
    )
    rows: dict[tuple[int, str, int], DutyRow] = {}
    for g in grouped:
        key = (g["account__initiative_id"], g["account__board__code"], g["account__year"] or 0)
        row = rows.setdefault(key, DutyRow(g["account__initiative__title"], key[0], key[1], key[2]))
        effect = g["transaction__reverses__kind"] or g["transaction__kind"]
        amount = from_ore(g["total"])
        if effect == TransactionKind.REPAYMENT_PLAN:
            row.planned += amount
        elif effect in SETTLING:
            row.settled -= amount
        elif effect == TransactionKind.WAIVER:
            row.waived -= amount
        elif effect == TransactionKind.DUTY_MOVE:
            row.moved += amount
        elif effect == TransactionKind.DUTY_LAPSE:
            row.lapsed -= amount
    result = sorted(rows.values(), key=lambda r: (r.year, r.initiative, r.board))
    for row in result:
        row.overdue = row.year < on.year and row.remaining > 0
    return result


@dataclass
class GrantYear:
    year: int
    granted: Decimal = ZERO
    remaining: Decimal = ZERO

    @property
    def paid(self) -> Decimal:
        return self.granted - self.remaining


@dataclass
class ProjectAccount:
    initiative: Initiative
    on: dt.date
    years: list[GrantYear]
    duties: list[DutyRow]
    transactions: list[Transaction] = field(default_factory=list)

    @property
    def granted(self) -> Decimal:
        return sum((y.granted for y in self.years), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((y.paid for y in self.years), ZERO)

    @property
    def remaining_commitment(self) -> Decimal:
        return sum((y.remaining for y in self.years), ZERO)

    @cached_property
    def duty(self) -> ProjectDuty:
        """The project's duty as every view shows it (ledger.duty, the one place that computes it)."""
        from socialfund.ledger.duty import project_duty

        return project_duty(self.initiative, self.on)

    @property
    def duty_remaining(self) -> Decimal:
        return self.duty.remaining

    @property
    def overdue(self) -> Decimal:
        return self.duty.overdue


def project_account(initiative: Initiative, on: dt.date) -> ProjectAccount:
    fund = initiative.fund
    committed = (
        balances_at(fund, on, Q(account__kind=AccountKind.COMMITTED, account__initiative=initiative))
        .values("account__year", "transaction__kind", "transaction__reverses__kind")
        .annotate(total=Sum("amount_ore"))
    )
    years: dict[int, GrantYear] = {}
    for g in committed:
        year = g["account__year"] or 0
        row = years.setdefault(year, GrantYear(year))
        amount = from_ore(g["total"])
        row.remaining += amount
        if (g["transaction__reverses__kind"] or g["transaction__kind"]) == TransactionKind.GRANT:
            row.granted += amount
    transactions = list(
        Transaction.objects.booked()
        .filter(initiative=initiative, booked_on__lte=on)
        .select_related("reverses", "reversed_by")
        .prefetch_related("entries__account__board")
        .order_by("booked_on", "number")
    )
    return ProjectAccount(
        initiative=initiative,
        on=on,
        years=[years[y] for y in sorted(years)],
        duties=duty_rows(fund, on, Q(account__initiative=initiative)),
        transactions=transactions,
    )


@dataclass(frozen=True)
class BoardYear:
    year: int
    planned: Decimal
    settled: Decimal
    waived: Decimal
    remaining: Decimal
    overdue: Decimal


def board_obligations(fund: Fund, board: Board, on: dt.date) -> tuple[list[DutyRow], list[BoardYear]]:
    """The board's duties per project and year, and summed per year with what is overdue."""
    rows = duty_rows(fund, on, Q(account__board=board))
    by_year: dict[int, list[DutyRow]] = defaultdict(list)
    for row in rows:
        by_year[row.year].append(row)
    years = [
        BoardYear(
            year=year,
            planned=sum((r.planned for r in group), ZERO),
            settled=sum((r.settled for r in group), ZERO),
            waived=sum((r.waived for r in group), ZERO),
            remaining=sum((r.remaining for r in group), ZERO),
            overdue=sum((r.remaining for r in group if r.overdue), ZERO),
        )
        for year, group in sorted(by_year.items())
    ]
    return rows, years
