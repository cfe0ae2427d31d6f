"""Plain tables as text (wrapped columns), Markdown and CSV, for `policy compare` and `policy diff`."""

from __future__ import annotations

import csv
import io
import textwrap

Table = list[list[str]]
"""The first row is the header."""


def render_text(table: Table, *, max_width: int = 34) -> str:
    """Columns wrapped to at most `max_width` characters, separated by ' | ', with a rule under the header."""
    columns = len(table[0])
    widths = [min(max_width, max(len(row[col]) for row in table)) for col in range(columns)]
    lines: list[str] = []
    for index, row in enumerate(table):
        wrapped = [textwrap.wrap(cell, widths[col]) or [""] for col, cell in enumerate(row)]
        for line_no in range(max(len(cell) for cell in wrapped)):
            parts = [
                (cell[line_no] if line_no < len(cell) else "").ljust(widths[col]) for col, cell in enumerate(wrapped)
            ]
            lines.append(" | ".join(parts).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(table: Table) -> str:
    header, *rows = table
    lines = ["| " + " | ".join(_markdown_cell(cell) for cell in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(_markdown_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def render_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(table)
    return buffer.getvalue()


def render(table: Table, output: str) -> str:
    if output == "markdown":
        return render_markdown(table)
    if output == "csv":
        return render_csv(table)
    return render_text(table)
