"""A document as plain data: headings, paragraphs, lists, tables and charts, in reading order.

The builders (the April report, the tjänsteskrivelse, the remissammanställning) describe
*what* a document says with these blocks; the writers (`html`, `pdf`, `word`, `workbook`)
decide how it looks in each format. So the same figures reach the PDF, the Word file and
the spreadsheet, and no format can drift from another. Pure Python: no Django.

Cells keep their type (a Decimal amount, a date) and a column says how to show it, so
that the spreadsheet gets numbers it can sum while the PDF shows "1 234 567 kr".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

ColumnKind = Literal["text", "sek", "mnkr", "number", "decimal", "percent", "date"]
Cell = str | int | float | Decimal | dt.date | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: ColumnKind = "text"

    @property
    def numeric(self) -> bool:
        return self.kind not in ("text", "date")


@dataclass(frozen=True)
class Table:
    """A table: the first column names the row (a row header); `total` marks the last row as a sum."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    sheet: str = ""
    """The sheet's name in the spreadsheet; the caption when empty."""
    total: bool = False
    note: str = ""
    """A line under the table: a source, or what an empty cell means."""
    compact: bool = False
    """Many columns or long texts: a smaller type in PDF and Word."""
    keep_together: bool = False
    """A small table read as a whole (the consultation's X-table): never split across pages."""

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"tabellen {self.caption!r}: raden {row!r} har fel antal celler")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    in_contents: bool = True


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["body", "lead", "small", "strong", "label"] = "body"


@dataclass(frozen=True)
class Lines:
    """Lines that belong together without space between them: an address, a signature."""

    lines: tuple[str, ...]
    style: Literal["body", "strong", "small"] = "body"


@dataclass(frozen=True)
class ItemList:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A chart and, always beside it, its figures as a table (no figure is only in the picture)."""

    title: str
    x_title: str
    x_labels: tuple[str, ...]
    series: tuple[Series, ...]
    kind: Literal["bar", "line"] = "bar"
    value_kind: ColumnKind = "sek"
    note: str = ""

    def table(self) -> Table:
        columns = (Column(self.x_title), *(Column(s.name, self.value_kind) for s in self.series))
        rows = tuple((label, *(_as_cell(s.values[i]) for s in self.series)) for i, label in enumerate(self.x_labels))
        return Table(columns=columns, rows=rows, caption=f"Tabell till diagrammet: {self.title}", sheet=self.title)


def _as_cell(value: float | None) -> Cell:
    # Chart values are estimates in floats; the table shows them rounded, as the chart does.
    return None if value is None else Decimal(round(value))


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Contents:
    """Where the contents list goes: every heading with `in_contents` and level 1–2, with its page."""

    title: str = "Innehåll"


Block = Heading | Paragraph | Lines | ItemList | Table | Chart | PageBreak | Contents


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...]
    organisation: str = ""
    registry_number: str = ""
    date: dt.date | None = None
    kind: str = ""
    """What the document is, in the header: "Tjänsteskrivelse", "Uppföljning", "Remissammanställning"."""
    numbered_pages: bool = True
    keywords: tuple[str, ...] = field(default_factory=tuple)

    def tables(self) -> list[Table]:
        """Every table, chart tables included, in reading order (the spreadsheet's sheets)."""
        found: list[Table] = []
        for block in self.blocks:
            if isinstance(block, Table):
                found.append(block)
            elif isinstance(block, Chart):
                found.append(block.table())
        return found

    def headings(self) -> list[tuple[int, Heading]]:
        """(number, heading) for the headings in the contents list; the number makes the anchor."""
        return [
            (index, block)
            for index, block in enumerate(self.blocks)
            if isinstance(block, Heading) and block.in_contents and block.level <= 2
        ]
