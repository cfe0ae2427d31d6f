"""Tables as CSV and XLSX that a spreadsheet opens safely.

A cell whose text begins with =, +, -, @, a tab or a line break would be read as a
formula by Excel or LibreOffice (CSV injection: `=HYPERLINK(...)` in a case title becomes
a live link, `@SUM(...)` a function); so would one that begins with spaces before such a
sign, or with its full-width form (＝), where the spreadsheet trims or folds them.
- CSV: such a text gets a leading apostrophe, and every field is quoted, so that a file
  opened with commas as the separator cannot split "x,=1+1" into a cell that begins "=".
- XLSX: every text is stored as a string, never a formula, and such a text is marked
  "quote prefix" (Excel's own leading apostrophe): shown as typed, and still text if the
  user edits the cell.
Numbers and dates stay numbers and dates, so sums still work.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

from socialfund.documents.model import Cell, Column, ColumnKind, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
FULL_WIDTH_FORMULA_STARTS = ("\uff1d", "\uff0b", "\uff0d", "\uff20")  # ＝ ＋ － ＠
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
NUMBER_FORMATS: dict[ColumnKind, str] = {
    "sek": '#,##0 "kr"',
    "mnkr": "#,##0",
    "number": "#,##0",
    "decimal": "#,##0.00",
    "percent": "0%",
    "date": "yyyy-mm-dd",
}


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet might read the text as a formula (see the module's docstring)."""
    after_spaces = text.lstrip(" \u00a0")
    return text.startswith(FORMULA_STARTS) or after_spaces.startswith(FORMULA_STARTS + FULL_WIDTH_FORMULA_STARTS)


def neutralise(text: str) -> str:
    """'=1+1' → "'=1+1" (for CSV); any other text unchanged."""
    return "'" + text if looks_like_formula(text) else text


def csv_value(value: Cell) -> str:
    """A cell as Swedish spreadsheets read a semicolon CSV: decimal comma, ISO dates, no thousands separator."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return format(number, "f").replace(".", ",")


def table_to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads å, ä, ö), semicolons between cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(column.title) for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_value(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def shorten_at_word(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words (a word longer than the limit is the only cut mid-word)."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,:;–-")
    return cut if cut and len(cut) <= limit else text[:limit]


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A legal, unique sheet name: at most 31 characters, none of []:*?/\\, shortened between words."""
    base = SHEET_NAME_FORBIDDEN.sub(" ", wanted).strip(" '") or "Blad"
    name, number = shorten_at_word(base, 31), 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name = shorten_at_word(base, 31 - len(suffix)) + suffix
        number += 1
    taken.add(name.lower())
    return name


def xlsx_value(value: Cell) -> Any:
    if isinstance(value, Decimal):
        # Whole kronor stay integers; öre stay exact to two places in a float the sheet shows rounded.
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def write_table(sheet: Any, table: Table, *, start_row: int = 1) -> int:
    """Write the table's header and rows from `start_row`; returns the next free row."""
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    bold = Font(bold=True)
    for col, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=start_row, column=col)
        _set_text(cell, column.title)
        cell.font = bold
    for offset, row in enumerate(table.rows, start=1):
        is_total = table.total and offset == len(table.rows)
        for col, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            cell = sheet.cell(row=start_row + offset, column=col)
            _set(cell, value, column)
            if is_total:
                cell.font = bold
    _fit_columns(sheet, table)
    return start_row + len(table.rows) + 1


def _set(cell: Any, value: Cell, column: Column) -> None:
    if isinstance(value, str):
        _set_text(cell, value)
        return
    converted = xlsx_value(value)
    cell.value = converted
    if column.kind in NUMBER_FORMATS and converted is not None:
        cell.number_format = NUMBER_FORMATS[column.kind]


def append_row(sheet: Any, values: tuple[Any, ...] | list[Any]) -> None:
    """openpyxl's `sheet.append`, except that a text is always stored as text (openpyxl's own
    append turns a text beginning with "=" into a live formula)."""
    sheet.append([None if isinstance(value, str) else value for value in values])
    row = sheet.max_row
    for col, value in enumerate(values, start=1):
        if isinstance(value, str):
            _set_text(sheet.cell(row=row, column=col), value)


def _set_text(cell: Any, text: str) -> None:
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever openpyxl guessed from the text
    if looks_like_formula(text):
        cell.quotePrefix = True


def _fit_columns(sheet: Any, table: Table) -> None:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for col, column in enumerate(table.columns, start=1):
        longest = max([len(column.title)] + [len(str(row[col - 1] or "")) for row in table.rows])
        sheet.column_dimensions[get_column_letter(col)].width = min(max(10, longest + 2), 60)


def tables_to_xlsx(tables: list[Table], *, front: list[tuple[str, str]] | None = None) -> bytes:
    """One sheet per table (named by its `sheet` or caption), after an optional front sheet of label/value pairs."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook()
    taken: set[str] = set()
    first = workbook.active
    if front:
        first.title = sheet_name("Rapport", taken)
        for row, (label, value) in enumerate(front, start=1):
            _set_text(first.cell(row=row, column=1), label)
            _set_text(first.cell(row=row, column=2), value)
        first.column_dimensions["A"].width = 28
        first.column_dimensions["B"].width = 70
    else:
        workbook.remove(first)
    for table in tables:
        sheet = workbook.create_sheet(sheet_name(table.sheet or table.caption or "Tabell", taken))
        write_table(sheet, table)
        sheet.freeze_panes = "B2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
