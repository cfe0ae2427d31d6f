"""LOU's direct-award threshold as a dated table read from data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialfund.core.policy import PolicyError, ThresholdUnknownError
from socialfund.core.policy.thresholds import load_threshold_table, national_thresholds, threshold_on


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        ("2014-01-01", 271964),
        ("2014-04-24", 271964),  # the evaluation's "idag"
        ("2014-06-30", 271964),
        ("2014-07-01", 505800),
        ("2015-12-31", 505800),
        ("2016-01-01", 534890),
        ("2018-01-01", 586907),
        ("2020-01-01", 615312),
        ("2022-01-01", 626284),
        ("2022-01-31", 626284),
        ("2022-02-01", 700000),
        ("2026-06-01", 700000),
    ],
)
def test_threshold_in_force(day, amount):
    assert threshold_on(dt.date.fromisoformat(day)) == Decimal(amount)


def test_before_the_table_the_threshold_is_unknown():
    with pytest.raises(ThresholdUnknownError, match="2013-12-31"):
        threshold_on(dt.date(2013, 12, 31))


def test_the_2014_row_notes_the_disagreeing_sources():
    first = national_thresholds().thresholds[0]
    assert first.valid_from == dt.date(2014, 1, 1)
    assert "270 964" in first.note and "antagande" in first.note


@given(st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2040, 1, 1)), st.integers(min_value=0, max_value=4000))
def test_the_threshold_never_falls_over_time(day, later_by):
    later = min(day + dt.timedelta(days=later_by), dt.date(2040, 1, 1))
    assert threshold_on(later) >= threshold_on(day)


def test_a_table_out_of_order_is_refused(tmp_path: Path):
    bad = tmp_path / "t.yaml"
    bad.write_text(
        "thresholds:\n  - {from: 2016-01-01, amount: 2, source: b}\n  - {from: 2014-01-01, amount: 1, source: a}\n",
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_threshold_table(bad)
    assert caught.value.errors == [("thresholds", "raderna måste stå i datumordning, ett datum per rad")]
