"""The fund's position is one read model: the ledger's page, the API and the April report read the same one."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.funds.models import Fund
from socialfund.ledger.position import FundPosition
from socialfund.ledger.position import fund_position as ledger_position
from socialfund.reports import ledger_and_followup
from socialfund.reports.april_data import gather

SRC = Path(__file__).resolve().parents[2] / "src" / "socialfund"
POSITION_FIGURES = {"capital", "available", "committed", "paid_out", "repaid", "receivable", "overdue"}


@pytest.mark.django_db
def test_the_report_the_api_and_the_ledger_read_one_position(demo):
    fund = Fund.objects.get(slug="sodertalje")
    on = dt.date(2017, 12, 31)
    ledger = ledger_position(fund, on)
    report = ledger_and_followup.fund_position(fund, on)
    assert isinstance(report, FundPosition) and report == ledger
    assert ledger.capital > 0 and ledger.available > 0  # the demo books the capital: not a comparison of zeros
    year = gather(fund, 2018, prepared_on=dt.date(2018, 4, 1), projection_runs=10).position_start
    assert year == ledger
    token = token_create(user=User.objects.get(username="ekonomi"), name="t").plaintext
    answer = Client().get(f"/api/v1/funds/{fund.slug}/position?on={on}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    for figure in POSITION_FIGURES:
        assert Decimal(answer[figure]) == getattr(ledger, figure), figure


def test_no_second_position_type_is_defined():
    """Only ledger.position defines a read model with the position's figures (the API's output schema is its
    shape on the wire, not a second model); a copy elsewhere fails here."""
    defining = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any("dataclass" in ast.unparse(d) for d in node.decorator_list):
                names = {
                    s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                }
                if POSITION_FIGURES <= names:
                    defining.append(f"{path.relative_to(SRC)}:{node.name}")
    assert defining == ["ledger/position.py:FundPosition"]
    assert POSITION_FIGURES <= {f.name for f in dataclasses.fields(FundPosition)}


@pytest.mark.django_db
def test_the_april_report_reads_each_day_s_position_once_and_shows_it_everywhere(demo, monkeypatch):
    """The report shows the year's end as its position, as the last year's close in the flows and as the
    forecast's opening: one reading (issue 22: twelve readings of nine days before)."""
    from socialfund.ledger import position as ledger_module

    read: list[dt.date] = []
    real = ledger_module.fund_position

    def counting(fund, on):
        read.append(on)
        return real(fund, on)

    monkeypatch.setattr(ledger_module, "fund_position", counting)
    fund = Fund.objects.get(slug="sodertalje")
    data = gather(fund, 2018, prepared_on=dt.date(2019, 4, 1), projection_runs=10)
    assert read and sorted(read) == sorted(set(read))  # no day read twice
    assert data.position_end == real(fund, dt.date(2018, 12, 31))
    assert data.flows[-1].available_at_end == data.position_end.available
    assert data.position_start == real(fund, dt.date(2017, 12, 31))
