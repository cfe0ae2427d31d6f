"""The pipeline's per-stage queries (issue 22: flat at 100 000 cases) give what a plain reading of the
cases gives: the stages present, each stage's capped count and its newest cards, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from socialfund.cases.models import Initiative
from socialfund.cases.selectors import PIPELINE_CARDS_PER_STAGE, initiative_pipeline
from socialfund.cases.workflow import stage_name
from socialfund.core.policy import registry
from tests.cases.conftest import many_cases

pytestmark = pytest.mark.django_db


def test_pipeline_columns_counts_and_cards_match_the_cases(users, fund):
    many_cases(
        fund,
        150,
        stages=("interest", "application", "decision"),
        status=lambda n: "active" if n % 4 else "withdrawn",
        filed_on=lambda n: dt.date(2015, 1, 1) + dt.timedelta(days=n % 40),
    )
    user = users["beredning"]
    # Only two of the guidelines' stages asked for: every other stage with active cases follows as a column.
    columns = initiative_pipeline(user=user, fund=fund, stage_order=["interest", "idea"])
    active = list(Initiative.objects.filter(fund=fund, status="active"))
    others = sorted({case.stage for case in active} - {"interest", "idea"})
    assert [column.code for column in columns] == ["interest", "idea", *others]
    for column in columns:
        at_stage = sorted(
            (case for case in active if case.stage == column.code), key=lambda c: (c.filed_on, c.pk), reverse=True
        )
        assert column.count.value == len(at_stage) and not column.count.more
        assert [card.pk for card in column.cards] == [case.pk for case in at_stage[:PIPELINE_CARDS_PER_STAGE]]


def test_stage_names_do_not_read_the_policy_folder_per_row(monkeypatch):
    # A list names 50 stages: the shipped policies' folder was read for every one of them.
    stage_name("interest", None)  # the policies themselves loaded (once per process, as before)
    registry._shipped_ids.cache_clear()
    reads: list[int] = []
    real = registry.policies_dir

    def counted():
        reads.append(1)
        return real()

    monkeypatch.setattr(registry, "policies_dir", counted)
    try:
        for _ in range(50):
            stage_name("interest", None)
        assert len(reads) <= 1
    finally:
        registry._shipped_ids.cache_clear()
