"""Issue 19: one forecast, with the fund's stated assumptions, the same figure on the page and in the report."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from socialfund.documents.model import Paragraph
from socialfund.funds.models import Fund
from socialfund.reports.april import april_document
from socialfund.reports.april_data import gather

pytestmark = pytest.mark.django_db


def _page_share(html: str, scenario: str) -> str:
    row = re.search(rf'<tr data-scenario="{scenario}"><th scope="row">[^<]*</th><td class="num">([^<]*)</td>', html)
    assert row, html[:500]
    return row.group(1).replace("\xa0", " ")


def _report_share(fund: Fund, scenario: str) -> tuple[str, str]:
    today = timezone.localdate()
    document = april_document(gather(fund, today.year, prepared_on=today))
    texts = [b.text.replace("\xa0", " ") for b in document.blocks if isinstance(b, Paragraph)]
    line = next(t for t in texts if t.startswith(f"{scenario.capitalize()}: fonden tar slut i"))
    assumptions = next(t for t in texts if t.startswith("Fondens antaganden:"))
    return line.split(" i ")[1].split(" av ")[0], assumptions


def test_the_report_and_the_projection_page_show_the_same_figure_and_the_report_states_the_assumptions(demo, login):
    fund = Fund.objects.get(slug="sodertalje")
    client = login("ekonomi")
    page = client.get(f"/fond/{fund.slug}/prognos/").content.decode()
    report, assumptions = _report_share(fund, "med återföring")
    assert _page_share(page, "med återföring") == report
    assert "2 nya insatser per år" in assumptions and "60 % av insatserna återför i tid" in assumptions

    # The fund changes its assumptions on the page: the report follows, and still matches.
    response = client.post(
        f"/fond/{fund.slug}/prognos/",
        {
            "years": 20,
            "projects_per_year": 1,
            "size_low": 500000,
            "size_mode": 1000000,
            "size_high": 2000000,
            "repay_probability": 0.9,
            "waiver_rate": 0.5,
            "runs": 500,
        },
    )
    assert response.status_code == 302
    fund.refresh_from_db()
    page = client.get(f"/fond/{fund.slug}/prognos/").content.decode()
    report, assumptions = _report_share(fund, "med återföring")
    assert _page_share(page, "med återföring") == report
    assert "1 nya insatser per år" in assumptions
    assert "90 % av insatserna återför i tid" in assumptions


def test_only_finance_or_the_administrator_saves_the_funds_assumptions(demo, login):
    response = login("lasare").post("/fond/sodertalje/prognos/", {"years": 5})
    assert response.status_code == 404
    assert Fund.objects.get(slug="sodertalje").forecast_assumptions == {}
