"""The books of a period for the finance system: SIE 4 (via the pure `core.sie` writer) and XLSX.

One SIE account per ledger account kind, as the fund's account map says; projects and
boards travel as objects (SIE dimensions 6 and 1 by default), the year in the text.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from socialfund.core import sie
from socialfund.core.money import from_ore
from socialfund.documents.spreadsheet import append_row
from socialfund.funds.models import Fund
from socialfund.ledger.account_map import AccountMap, parse_account_map
from socialfund.ledger.codes import AccountKind, TransactionKind
from socialfund.ledger.models import Entry, FundLedger, Transaction


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def fiscal_years(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """Calendar years from the period's end back to its start, newest first (#RAR 0, -1…)."""
        return tuple((dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(self.end.year, self.start.year - 1, -1))


def period_transactions(fund: Fund, period: Period) -> list[Transaction]:
    return list(
        Transaction.objects.booked()
        .filter(fund=fund, booked_on__gte=period.start, booked_on__lte=period.end)
        .select_related("created_by", "reverses")
        .prefetch_related("entries__account__board", "entries__account__initiative")
        .order_by("number")
    )


def fund_account_map(fund: Fund, override: dict[str, Any] | None = None) -> AccountMap:
    if override is not None:
        return parse_account_map(override)
    book = FundLedger.objects.filter(fund=fund).first()
    return parse_account_map(book.account_map if book else None)


def entry_objects(entry: Entry, mapping: AccountMap) -> tuple[tuple[int, str], ...]:
    objects: list[tuple[int, str]] = []
    if entry.account.board is not None:
        objects.append((mapping.board_dimension, mapping.board_object(entry.account.board.code)))
    if entry.account.initiative_id is not None:
        objects.append((mapping.project_dimension, mapping.project_object(entry.account.initiative_id)))
    return tuple(objects)


def row_text(entry: Entry) -> str:
    return str(entry.account.year) if entry.account.year else ""


def is_balance_account(number: str) -> bool:
    """Kommun-BAS and BAS alike: classes 1 and 2 are the balance sheet, 3 to 8 the income statement."""
    return number[:1] in ("1", "2")


def year_balances(fund: Fund, period: Period, mapping: AccountMap) -> tuple[sie.SieBalance, ...]:
    """Typ 4: per #RAR year, #IB and #UB for balance accounts, #RES for result accounts (by account number)."""
    balances: list[sie.SieBalance] = []
    for offset, (start, end) in enumerate(period.fiscal_years()):
        before = _sums_by_number(fund, mapping, None, start - dt.timedelta(days=1))
        through = _sums_by_number(fund, mapping, None, end)
        during = _sums_by_number(fund, mapping, start, end)
        for number, _name in sorted(mapping.accounts.values()):
            if is_balance_account(number):
                balances.append(sie.SieBalance("IB", -offset, number, before.get(number, Decimal(0))))
                balances.append(sie.SieBalance("UB", -offset, number, through.get(number, Decimal(0))))
            else:
                balances.append(sie.SieBalance("RES", -offset, number, during.get(number, Decimal(0))))
    return tuple(balances)


def _sums_by_number(fund: Fund, mapping: AccountMap, start: dt.date | None, end: dt.date) -> dict[str, Decimal]:
    entries = Entry.objects.filter(transaction__fund=fund, transaction__closed=True, transaction__booked_on__lte=end)
    if start is not None:
        entries = entries.filter(transaction__booked_on__gte=start)
    sums: dict[str, Decimal] = {}
    for row in entries.values("account__kind").annotate(total=Sum("amount_ore")):
        number = mapping.number(row["account__kind"])
        sums[number] = sums.get(number, Decimal(0)) + from_ore(row["total"] or 0)
    return sums


def build_sie(
    fund: Fund,
    period: Period,
    mapping: AccountMap,
    *,
    import_file: bool = False,
    transactions: list[Transaction] | None = None,
) -> sie.SieFile:
    """Typ 4 (the period's balances and every voucher) or, with `import_file`, typ 4i of `transactions`."""
    if transactions is None:
        transactions = period_transactions(fund, period)
    boards: dict[str, str] = {}
    projects: dict[str, str] = {}
    vouchers = []
    for txn in transactions:
        rows = []
        for entry in txn.entries.all():
            account = entry.account
            if account.board is not None:
                boards[mapping.board_object(account.board.code)] = account.board.display_name
            if account.initiative is not None:
                projects[mapping.project_object(account.initiative.pk)] = account.initiative.title
            rows.append(
                sie.SieTrans(
                    account=mapping.number(account.kind),
                    amount=entry.amount,
                    objects=entry_objects(entry, mapping),
                    text=row_text(entry),
                )
            )
        vouchers.append(
            sie.SieVoucher(
                series=mapping.series,
                number=txn.number,
                date=txn.booked_on,
                text=txn.text,
                rows=tuple(rows),
                registered_on=timezone.localdate(txn.created_at),
                sign=txn.created_by.username,
            )
        )
    return sie.SieFile(
        company_name=fund.organisation.name,
        fiscal_years=period.fiscal_years(),
        accounts=tuple(sie.SieAccount(number, name) for number, name in mapping.accounts.values()),
        vouchers=tuple(vouchers),
        generated_on=timezone.localdate(),
        account_plan_type=mapping.account_plan_type,
        dimensions=(
            sie.SieDimension(mapping.board_dimension, mapping.board_dimension_name),
            sie.SieDimension(mapping.project_dimension, mapping.project_dimension_name),
        ),
        objects=tuple(sie.SieObject(mapping.board_dimension, c, n) for c, n in sorted(boards.items()))
        + tuple(sie.SieObject(mapping.project_dimension, c, n) for c, n in sorted(projects.items())),
        balances=() if import_file else year_balances(fund, period, mapping),
        import_file=import_file,
    )


def export_sie(fund: Fund, period: Period, mapping: AccountMap) -> bytes:
    return sie.encode_sie4(build_sie(fund, period, mapping))


XLSX_COLUMNS = (
    "Verifikation",
    "Datum",
    "Händelse",
    "Text",
    "Konto",
    "Kontonamn",
    "Kontoslag",
    "Nämnd",
    "Insats",
    "År",
    "Debet",
    "Kredit",
    "Rättar verifikation",
    "Bokförd av",
)


def export_xlsx(fund: Fund, period: Period, mapping: AccountMap) -> bytes:
    """One row per leg, amounts as numbers (kronor, two decimals), plus a sheet with the account map."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Verifikationer"
    append_row(sheet, XLSX_COLUMNS)
    for txn in period_transactions(fund, period):
        for entry in txn.entries.all():
            account = entry.account
            append_row(
                sheet,
                (
                    txn.number,
                    txn.booked_on,
                    str(TransactionKind(txn.kind).label),
                    txn.text,
                    mapping.number(account.kind),
                    mapping.accounts[account.kind][1],
                    str(AccountKind(account.kind).label),
                    account.board.code if account.board else "",
                    account.initiative.title if account.initiative else "",
                    account.year or "",
                    entry.debit,
                    entry.credit,
                    txn.reverses.number if txn.reverses else "",
                    txn.created_by.username,
                ),
            )
    for column in ("K", "L"):
        for cell in sheet[column][1:]:
            cell.number_format = "#,##0.00"
    for cell in sheet["B"][1:]:
        cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    accounts = workbook.create_sheet("Kontoplan")
    append_row(accounts, ("Kontoslag", "Konto", "Kontonamn"))
    for kind, (number, name) in mapping.accounts.items():
        append_row(accounts, (str(AccountKind(kind).label), number, name))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
