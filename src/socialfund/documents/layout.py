"""How a table is set in the PDF: its type size, its page's orientation and its columns' widths.

Measured from the texts with the fonts' own character widths, so that every figure, date and word
comes out whole and no cell runs into the next (`table_layout`). `html.render_table` writes the
result; `pdf.PAGE_CSS` sets the page and the cell padding these figures count on.
"""

from __future__ import annotations

from dataclasses import dataclass

from socialfund.documents.cells import format_cell
from socialfund.documents.model import Column, Table

# The page and the cells, as `pdf.PAGE_CSS` sets them: A4 with margins of 22 and 20 mm left and right,
# cells with 4 pt padding either side and a 0.5 pt border.
PORTRAIT_WIDTH = 476.0
"""Points: the text width of an A4 page in portrait (210 − 22 − 20 mm = 476.2 pt)."""
LANDSCAPE_WIDTH = 722.0
"""Points: the text width of an A4 page in landscape (297 − 22 − 20 mm = 722.8 pt)."""
CELL_PADDING = 9.0
"""Points of a cell's padding and border (4 + 4 + 0.5), and half a point to spare."""
FONT_SIZE = 8.5
COMPACT_FONT_SIZE = 7.5
SMALL_FONT_SIZE = 7.0
"""The smaller type a table gets before it is turned to a landscape page."""
SMALLEST_FONT_SIZE = 4.0
SLACK = 0.3
"""Ems each column gets over its measured width: rounding, and kerning the measure does not know."""
LONGEST_WORD = 18.0
"""Ems: a word longer than this (a web address) may break in its cell; shorter words never do."""
COMFORTABLE = 8.0
"""Ems a text column gets at least, if its texts are as long: a long text wraps, but not a word a line."""
WIDEST = 60.0
"""Ems: beyond this a text column's length no longer claims more of the width than other columns."""
SHORT_COLUMN = 12.0
"""Ems: a text column whose texts are no longer is given room for them on one line, if all such can be."""

# Advance widths in thousandths of an em of DejaVu Serif and DejaVu Sans, the fonts the PDF is set in (the
# wider of the two for each character), regular and bold; a character not listed counts as an em and more.
# So a text measured here is never narrower than it is set.
_CHARACTERS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    "\u00a0ÅÄÖåäöÉéÜüÆØæø–—§€…’”«»"
)
_REGULAR = (
    318, 402, 460, 838, 637, 951, 891, 275, 391, 391, 500, 838, 318, 361, 318, 337, 637, 637, 637, 637, 637, 637,
    637, 637, 637, 637, 337, 337, 838, 838, 838, 537, 1000, 723, 735, 766, 802, 730, 694, 799, 873, 396, 401, 748,
    665, 1024, 875, 820, 673, 820, 753, 686, 667, 843, 723, 1028, 712, 661, 695, 391, 337, 391, 838, 500, 500, 613,
    641, 561, 641, 616, 371, 641, 645, 320, 311, 606, 320, 975, 645, 612, 641, 641, 479, 521, 402, 645, 592, 856,
    592, 592, 527, 637, 337, 637, 838, 318, 723, 723, 820, 613, 613, 612, 730, 616, 843, 645, 1001, 820, 982, 612,
    500, 1000, 500, 637, 1000, 318, 519, 612, 612,
)  # fmt: skip
_BOLD = (
    349, 457, 521, 838, 696, 1002, 903, 307, 474, 474, 523, 838, 380, 416, 380, 366, 696, 696, 696, 696, 696, 696,
    696, 696, 696, 696, 400, 400, 838, 838, 838, 586, 1000, 776, 846, 796, 868, 763, 710, 855, 945, 468, 474, 870,
    704, 1107, 915, 872, 752, 872, 832, 723, 745, 873, 776, 1124, 776, 725, 730, 474, 366, 474, 838, 500, 500, 675,
    716, 609, 716, 679, 436, 716, 728, 380, 362, 693, 380, 1059, 728, 688, 716, 716, 527, 596, 479, 728, 652, 924,
    646, 652, 583, 712, 366, 712, 838, 349, 776, 776, 872, 675, 675, 688, 763, 679, 873, 728, 1085, 872, 1048, 688,
    500, 1000, 523, 696, 1000, 380, 658, 646, 646,
)  # fmt: skip
_WIDTHS = {
    False: (dict(zip(_CHARACTERS, _REGULAR, strict=True)), 1028),
    True: (dict(zip(_CHARACTERS, _BOLD, strict=True)), 1124),
}


def text_width(text: str, *, bold: bool = False) -> float:
    """The width of `text` in ems of the PDF's table type: never less than it is set in."""
    widths, unknown = _WIDTHS[bold]
    return sum(widths.get(char, unknown) for char in text) / 1000


@dataclass(frozen=True)
class TableLayout:
    font_size: float
    """Points."""
    landscape: bool
    shares: list[float]
    """Each column's share of the table's width, in per cent."""


@dataclass(frozen=True)
class _Measure:
    least: float
    """Ems: the narrowest the column may be. A figure or date whole, the longest word (and title word)."""
    most: float
    """Ems: the column's longest text on one line (its title may wrap)."""
    ideal: float
    """Ems: its longest text, and its title, each on one line."""


def table_layout(table: Table) -> TableLayout:
    """The type size, page orientation and column widths that hold every figure, date and word whole.

    Figures and dates get their whole width (they never wrap), text columns at least their longest
    word; the room left goes to the text columns that need it, as a browser's automatic layout would.
    A table that does not fit an A4 page in portrait in its type gets a smaller type, then a
    landscape page, then (a table of very many columns) a type as small as it needs. With the widths
    known, the PDF lays tables out in fixed mode: WeasyPrint need not measure every cell of a long
    table, which halves the time of a 200-project report.
    """
    measures = [_measure(table, position, column) for position, column in enumerate(table.columns)]
    least = sum(m.least for m in measures)
    size = COMPACT_FONT_SIZE if table.compact else FONT_SIZE
    padding = CELL_PADDING * len(measures)
    candidates = [(PORTRAIT_WIDTH, size), (PORTRAIT_WIDTH, min(size, SMALL_FONT_SIZE)), (LANDSCAPE_WIDTH, size)]
    for width, font_size in candidates:
        if least * font_size + padding <= width:
            return TableLayout(font_size, width == LANDSCAPE_WIDTH, _shares(measures, width, font_size))
    font_size = max(SMALLEST_FONT_SIZE, (LANDSCAPE_WIDTH - padding) / least)
    return TableLayout(font_size, True, _shares(measures, LANDSCAPE_WIDTH, font_size))


def _measure(table: Table, position: int, column: Column) -> _Measure:
    last = len(table.rows)
    cells = [
        (format_cell(row[position], column.kind), table.total and number == last)
        for number, row in enumerate(table.rows, start=1)
    ]
    # The header is bold sans-serif and wraps at its spaces only.
    title_words = max((text_width(word, bold=True) for word in column.title.split()), default=0.0)
    if column.numeric or column.kind == "date":
        # Never wrapped: '1 234 567 kr' is held together by its non-breaking spaces.
        whole = max((text_width(text, bold=bold) for text, bold in cells), default=0.0)
        width = max(whole, title_words) + SLACK
        ideal = max(text_width(column.title, bold=True) + SLACK, width)
        return _Measure(width, width, ideal)
    # Words break at plain spaces and line breaks only, not at the non-breaking spaces of '1 000 kr'.
    lines = [(" ".join(text.splitlines()), bold) for text, bold in cells]
    words = max((text_width(word, bold=bold) for text, bold in lines for word in text.split(" ")), default=0.0)
    longest = max((text_width(text, bold=bold) for text, bold in lines), default=0.0)
    least = max(min(max(words, title_words), LONGEST_WORD), min(longest, COMFORTABLE)) + SLACK
    most = max(min(max(longest, title_words), WIDEST) + SLACK, least)
    ideal = max(min(text_width(column.title, bold=True), WIDEST) + SLACK, most)
    return _Measure(least, most, ideal)


def _shares(measures: list[_Measure], width: float, font_size: float) -> list[float]:
    """Columns' shares of `width` points. Each column gets its least; then the short texts whole, if all of
    them can be; then, by what more each would take, its longest text on one line, its title on one line;
    what is left after that, by each column's width."""
    padding = CELL_PADDING / font_size
    room = width / font_size - padding * len(measures)
    widths = [m.least for m in measures]
    short = [m.most if m.most <= SHORT_COLUMN else m.least for m in measures]
    if sum(short) <= room:
        widths = short
    widths = _grow(widths, [m.most for m in measures], room)
    widths = _grow(widths, [m.ideal for m in measures], room)
    if sum(widths) < room:
        widths = [w * room / sum(widths) for w in widths]
    total = sum(widths) + padding * len(measures)
    return [100 * (w + padding) / total for w in widths]


def _grow(widths: list[float], targets: list[float], room: float) -> list[float]:
    """The widths grown towards their targets, each by its share of what they want, within `room`."""
    wanting = [max(target - width, 0.0) for width, target in zip(widths, targets, strict=True)]
    spare = room - sum(widths)
    if spare <= 0 or sum(wanting) <= 0:
        return widths
    factor = min(1.0, spare / sum(wanting))
    return [width + want * factor for width, want in zip(widths, wanting, strict=True)]
