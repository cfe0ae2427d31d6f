"""The books of a period for the finance system: SIE 4 (via the pure `core.sie` writer) and XLSX.

One SIE account per ledger account kind, as the fund's account map says; projects and
boards travel as objects (SIE dimensions 6 and 1 by default), the year in the text.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from socialfund.core import sie
from socialfund.funds.models import Fund
from socialfund.ledger.account_map import AccountMap, parse_account_map
from socialfund.ledger.codes import AccountKind, TransactionKind
from socialfund.ledger.models import Entry, FundLedger, Transaction
from socialfund.reports.documents.spreadsheet import append_row


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
        objects.append((mapping.board_dimension, entry.account.board.code))
    if entry.account.initiative_id is not None:
        objects.append((mapping.project_dimension, str(entry.account.initiative_id)))
    return tuple(objects)


def row_text(entry: Entry) -> str:
    return str(entry.account.year) if entry.account.year else ""


def build_sie(fund: Fund, period: Period, mapping: AccountMap) -> sie.SieFile:
    transactions = period_transactions(fund, period)
    boards: dict[str, str] = {}
    projects: dict[str, str] = {}
    vouchers = []
    for txn in transactions:
        rows = []
        for entry in txn.entries.all():
            account = entry.account
            if account.board is not None:
                boards[account.board.code] = account.board.display_name
            if account.initiative is not None:
                projects[str(account.initiative_id)] = account.initiative.title
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
                series="A",
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
        + tuple(
            sie.SieObject(mapping.project_dimension, c, n) for c, n in sorted(projects.items(), key=lambda i: int(i[0]))
        ),
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
