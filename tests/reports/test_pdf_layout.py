"""The PDF's tables as a reader sees them: no figure or date broken or clipped, no cell running into the next.

The April report for a fund with several granted projects and seven-figure amounts is laid out by
WeasyPrint, and pdftotext (poppler-utils) reads back every word with its box. A table whose columns
are too narrow shows up here as words that overlap on a line, words past the right margin, or an
amount, a date or a column title that no longer comes out whole.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from socialfund.cases.models import Decision, DecisionAmount, Initiative
from socialfund.documents.cells import format_cell
from socialfund.documents.model import Document
from socialfund.documents.pdf import render_pdf
from socialfund.organisation.models import Board, DecisionBody
from socialfund.reports.april import april_document
from socialfund.reports.april_annex import april_annex_document
from socialfund.reports.april_data import gather
from tests.reports.conftest import needs_poppler

pytestmark = [pytest.mark.django_db, needs_poppler]

POINTS_PER_MM = 72 / 25.4
RIGHT_MARGIN = 20 * POINTS_PER_MM  # pdf.PAGE_CSS: margin 22mm 20mm 22mm 22mm (portrait and landscape)
TOLERANCE = 0.5  # points: glyph boxes that merely touch are not an overlap
TITLES = (
    "Tidiga och samordnade insatser för barn och unga i Hovsjö och Ronna",
    "Föräldrastöd",
    "Arbetsmarknadsinsatser för unga vuxna som varken arbetar eller studerar",
    "Skolnärvaroteam",
)
YEARLY = Decimal("1234567.00")


@pytest.fixture
def projects(granted, fund, users) -> list[Initiative]:
    """Familjecentraler and four more granted, booked and paid projects with seven-figure amounts."""
    from socialfund.followup.services.projects import project_start
    from socialfund.ledger.services import grant_decide, payout_register, repayment_plan_adopt

    ks = DecisionBody.objects.get(organisation=fund.organisation, code="KS")
    boards = list(Board.objects.filter(organisation=fund.organisation).order_by("pk"))
    initiatives = [granted]
    for number, title in enumerate(TITLES):
        initiative = Initiative.objects.create(
            fund=fund,
            title=title,
            summary="Förebyggande insats.",
            initiator_name=boards[number % len(boards)].display_name,
            initiator_type="office",
            lead_board=boards[number % len(boards)],
            stage="decision",
            status="granted",
            filed_on=dt.date(2015, 3, 1),
            policy_id=granted.policy_id,
            content=granted.content,
        )
        decision = Decision.objects.create(
            initiative=initiative,
            body=ks,
            decided_on=dt.date(2016, 1, 25),
            paragraph=f"§ {20 + number}",
            outcome="granted",
            text="Beviljas.",
            registered_by=users["registrator"],
        )
        for year in (2016, 2017, 2018):
            DecisionAmount.objects.create(decision=decision, year=year, amount=YEARLY)
        grant_decide(decision=decision, user=users["ekonomi"], acknowledge_warnings=True)
        payout_register(initiative=initiative, user=users["ekonomi"], amount=YEARLY, paid_on=dt.date(2016, 3, 1))
        repayment_plan_adopt(initiative=initiative, user=users["ekonomi"], adopted_on=dt.date(2016, 2, 1))
        project_start(initiative=initiative, user=users["registrator"], started_on=dt.date(2016, 2, 1))
        initiatives.append(initiative)
    return initiatives


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: list[Word]
    lines: list[str]
    """Each line's words joined by spaces (non-breaking spaces read as spaces), as pdftotext groups them."""


class _BBoxParser(HTMLParser):
    """pdftotext -bbox-layout's XHTML: <page width height> … <line> <word xMin yMin xMax yMax>text</word>."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[Page] = []
        self._word: dict[str, str] | None = None
        self._text = ""
        self._line: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "page":
            number = len(self.pages) + 1
            self.pages.append(Page(number, float(values["width"]), float(values["height"]), [], []))
        elif tag == "line":
            self._line = []
        elif tag == "word":
            self._word, self._text = values, ""

    def handle_data(self, data: str) -> None:
        if self._word is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        page = self.pages[-1] if self.pages else None
        if tag == "word" and self._word is not None and page is not None:
            box = self._word
            text = self._text.replace("\u00a0", " ")
            page.words.append(
                Word(
                    page.number,
                    text,
                    float(box["xmin"]),
                    float(box["ymin"]),
                    float(box["xmax"]),
                    float(box["ymax"]),
                )
            )
            self._line.append(text)
            self._word = None
        elif tag == "line" and page is not None:
            page.lines.append(" ".join(self._line))


def pdf_pages(content: bytes, tmp_path: Path) -> list[Page]:
    path = tmp_path / "layout.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True, text=True)
    parser = _BBoxParser()
    parser.feed(result.stdout)
    return parser.pages


def overlaps(pages: list[Page]) -> list[str]:
    """Pairs of words on the same line (their boxes share most of their height) whose boxes overlap."""
    found = []
    for page in pages:
        words = sorted(page.words, key=lambda w: w.y_min)
        for index, word in enumerate(words):
            for other in words[index + 1 :]:
                if other.y_min >= word.y_max:
                    break
                shared = min(word.y_max, other.y_max) - max(word.y_min, other.y_min)
                height = min(word.y_max - word.y_min, other.y_max - other.y_min)
                if shared < 0.5 * height:
                    continue  # a superscript, or the next line of a tall cell
                if min(word.x_max, other.x_max) - max(word.x_min, other.x_min) > TOLERANCE:
                    found.append(f"sidan {page.number}: {word.text!r} och {other.text!r}")
    return found


def past_the_margin(pages: list[Page]) -> list[str]:
    return [
        f"sidan {page.number}: {word.text!r} slutar vid {word.x_max:.1f} av {page.width:.1f} pt"
        for page in pages
        for word in page.words
        if word.x_max > page.width - RIGHT_MARGIN + TOLERANCE
    ]


def whole_cells(document: Document) -> set[str]:
    """The texts that must never break: amounts, figures and dates, every word of a column title, and
    every word of a text cell (but those with a hyphen or slash, where a line may break)."""
    texts: set[str] = set()
    for table in document.tables():
        texts |= {word for column in table.columns for word in column.title.split()}
        for row in table.rows:
            for value, column in zip(row, table.columns, strict=True):
                text = format_cell(value, column.kind).replace("\u00a0", " ")
                if column.numeric or column.kind == "date":
                    texts.add(text)
                else:
                    texts |= {word for word in text.split() if not re.search(r"[-/–]", word)}
    return texts


def _broken(text: str, lines: list[str]) -> bool:
    pattern = re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])")
    return not any(pattern.search(line) for line in lines)


@pytest.mark.parametrize(
    ("build", "seen"),
    [
        # What the reviewer saw: 8 columns of seven- and eight-figure amounts, dates, titles such as "Enhet";
        # the summaries are in the report, each project's line in the annex.
        (april_document, {"1 800 000 kr", "900 000 kr", "16 614 804 kr", "2016-12-31", "Nämnd"}),
        (april_annex_document, {"1 800 000 kr", "900 000 kr", "2018-01-31", "Nämnd", "Enhet"}),
    ],
    ids=["rapport", "bilaga"],
)
def test_tables_keep_every_amount_date_and_title_whole_and_within_the_page(projects, fund, tmp_path, build, seen):
    document = build(gather(fund, 2016, prepared_on=dt.date(2017, 4, 10), projection_runs=200))
    whole = whole_cells(document)
    assert seen <= whole
    pages = pdf_pages(render_pdf(document), tmp_path)
    lines = [line for page in pages for line in page.lines]

    assert overlaps(pages) == []
    assert past_the_margin(pages) == []
    assert sorted(text for text in whole if _broken(text, lines)) == []
