"""Issue 19: each year's April report says what held *that* year.

- The yearly follow-up reported in April came only with the 2015 proposal (PM 2015-11-04), never adopted
  in the seed: the 2013 and 2014 reports must not claim the duty, the 2015 report may say it is proposed.
- The comparison with other funds uses each fund's guidelines in force in the report's year, or says that
  none are known for it: the 2014 report must not compare with Luleå 2024, Region Gävleborg 2024 or
  Region Skåne 2018.
"""

from __future__ import annotations

import datetime as dt
import re

import lxml.html
import pytest

from socialfund.documents.html import render_html
from socialfund.funds.models import Fund
from socialfund.reports.april import april_document
from socialfund.reports.april_data import gather, report_date

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 7)
LATER_GUIDELINES = ("Luleå", "Region Gävleborg", "Region Skåne")


def _report(year: int) -> lxml.html.HtmlElement:
    fund = Fund.objects.get(slug="sodertalje")
    data = gather(fund, year, prepared_on=report_date(year, TODAY), projection_runs=20)
    return lxml.html.fromstring(render_html(april_document(data)))


def _text(tree: lxml.html.HtmlElement) -> str:
    return re.sub(r"\s+", " ", tree.text_content().replace("\xa0", " "))


def _compared_funds(tree: lxml.html.HtmlElement) -> list[str]:
    """The funds in the comparison tables' column headers (the report's own fund first in each table)."""
    names: list[str] = []
    for table in tree.iter("table"):
        caption = table.find("caption")
        if caption is None or not caption.text_content().startswith("Jämförelse"):
            continue
        header = [th.text_content().strip() for th in table.find("thead").iter("th")][2:]  # after Dimension, own
        names.extend(name for name in header if name not in names)
    return names


@pytest.mark.parametrize("year", [2013, 2014])
def test_the_2013_and_2014_reports_do_not_claim_the_yearly_april_duty(demo, year):
    text = _text(_report(year))
    assert f"Riktlinjerna som gällde {year} föreskriver ingen årlig uppföljning" in text
    assert "följas upp årligen" not in text
    assert "under april månad" not in text
    assert "Förslaget till ändrade riktlinjer" not in text


def test_the_2015_report_says_the_yearly_april_duty_is_proposed_not_adopted(demo):
    text = _text(_report(2015))
    sentence = re.search(r"Förslaget till ändrade riktlinjer 2015-11-04 innebär att fonden ska följas upp[^.]*\.", text)
    assert sentence, text[:2000]
    assert "årligen och rapporten lämnas under april månad" in sentence.group(0)
    assert sentence.group(0).endswith("förslaget är inte antaget.")
    assert "Fonden ska enligt riktlinjerna följas upp årligen" not in text
    assert "föreskriver ingen årlig uppföljning" not in text


def test_the_2014_report_compares_only_with_guidelines_in_force_in_2014(demo):
    tree = _report(2014)
    compared = _compared_funds(tree)
    assert compared, "the 2014 report has no comparison table"
    assert not [name for name in compared if any(later in name for later in LATER_GUIDELINES)], compared
    # Those known from 2014 are compared (Norrköping, Örebro… as the evaluation 2014 did).
    assert any("Norrköping" in name for name in compared) and any("Örebro" in name for name in compared)
    unknown = re.search(r"För ([^.]*) känner systemet inga riktlinjer som gällde 2014\.", _text(tree))
    assert unknown, "the 2014 report does not say which funds' guidelines it does not know for 2014"
    for later in LATER_GUIDELINES:
        assert later in unknown.group(1)


def test_the_2013_report_compares_with_no_fund_whose_guidelines_came_later(demo):
    compared = _compared_funds(_report(2013))
    # Only Malmö's guidelines (2013-03-21) were known by the end of 2013; the others are described from 2014.
    assert [name for name in compared if "Norrköping" in name or "Örebro" in name or "Luleå" in name] == []


def test_a_later_report_compares_with_the_guidelines_of_its_own_year(demo):
    compared = _compared_funds(_report(2024))
    assert any("Luleå" in name for name in compared) and any("Region Gävleborg" in name for name in compared)
