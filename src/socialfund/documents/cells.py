"""How a cell reads in a PDF or Word table: Swedish formats from `socialfund.core.formatting`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from socialfund.core.formatting import format_date, format_mnkr, format_number, format_percent, format_sek
from socialfund.documents.model import Cell, ColumnKind

EMPTY = "–"


def format_cell(value: Cell, kind: ColumnKind) -> str:
    """'1 234 567 kr', '24 mnkr', '2015-10-26', '25 %'; '–' for a missing value, '' stays '' (an unmarked box)."""
    if value is None:
        return EMPTY
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return format_date(value.date() if isinstance(value, dt.datetime) else value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if kind == "sek":
        return format_sek(number)
    if kind == "mnkr":
        return format_mnkr(number)
    if kind == "percent":
        return format_percent(number)
    if kind == "decimal":
        return format_number(number, 2 if number != number.to_integral_value() else 0)
    return format_number(number)
