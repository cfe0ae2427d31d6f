"""The fund's Monte Carlo: exact cases without chance, expectations with it, and the inputs it refuses."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import numpy as np
import pytest

from socialfund.core.projection import (
    ExistingProject,
    Outcomes,
    Pipeline,
    ProjectionInput,
    ProjectionInputError,
    RepaymentTerms,
    cash_cover,
    project,
)
from socialfund.core.projection.montecarlo import instalment_kernel

NO_PIPELINE = Pipeline(projects_per_year=0)
CERTAIN = Outcomes(repay_probability=1.0, waiver_rate=0.0)


def test_nothing_happens_without_projects():
    result = project(ProjectionInput(2026, 5, 24e6, pipeline=NO_PIPELINE), runs=10, seed=0)
    assert result.p10 == result.p50 == result.p90 == (24e6,) * 5
    assert result.never_dry == 10 and result.median_dry_year is None


def test_existing_plans_repay_on_time_with_certainty():
    existing = (ExistingProject("Familjecentraler", {2025: 100.0, 2026: 648_202.0, 2028: 417_657.0, 2040: 1.0}),)
    data = ProjectionInput(2026, 4, 1_000.0, existing=existing, pipeline=NO_PIPELINE, outcomes=CERTAIN)
    result = project(data, runs=3, seed=0)
    # 2025 is overdue: it counts in the first year; 2040 is beyond the horizon.
    assert result.p50 == (649_302.0, 649_302.0, 1_066_959.0, 1_066_959.0)
    without = project(dataclasses.replace(data, repayment=False), runs=3, seed=0)
    assert without.p50 == (1_000.0,) * 4


def test_waived_projects_bring_nothing_back():
    existing = (ExistingProject("A", {2027: 1_000_000.0}),)
    waived = Outcomes(repay_probability=0.0, waiver_rate=1.0)
    data = ProjectionInput(2026, 3, 0.0, existing=existing, pipeline=NO_PIPELINE, outcomes=waived)
    assert project(data, runs=50, seed=3).p90 == (0.0, 0.0, 0.0)
    late = Outcomes(repay_probability=0.0, waiver_rate=0.0, late_years=1)
    assert project(dataclasses.replace(data, outcomes=late), runs=5, seed=3).p50 == (0.0, 0.0, 1_000_000.0)


def test_the_kernel_spreads_a_grant_over_its_instalments():
    kernel = instalment_kernel(6, offset=2, instalments=3)
    assert kernel[0].tolist() == [0, 0, 1 / 3, 1 / 3, 1 / 3, 0]
    assert kernel[4].tolist() == [0, 0, 0, 0, 0, 0]  # repaid after the horizon
    assert np.allclose(kernel[:2].sum(axis=1), 1.0)


def test_expected_balance_matches_the_model():
    """E[balance] = opening − λ·E[size]·years + what comes back within the horizon, here all of it on time or late."""
    pipeline = Pipeline(projects_per_year=2.0, size_low=1e6, size_mode=1e6, size_high=1e6)
    outcomes = Outcomes(repay_probability=0.5, waiver_rate=0.5, late_years=0)
    terms = RepaymentTerms(start_offset_years=0, years=1)
    data = ProjectionInput(2026, 1, 10e6, pipeline=pipeline, outcomes=outcomes, terms=terms)
    result = project(data, runs=200_000, seed=7)
    # One year: 2 projects of 1 mnkr granted, 75 % of them come back the same year (on time or "late" by 0).
    expected = 10e6 - 2e6 + 0.75 * 2e6
    assert result.p50[0] == pytest.approx(expected, rel=0.07)


def test_same_seed_same_numbers_and_bands_are_ordered():
    data = ProjectionInput(2026, 30, 24e6)
    first, second = project(data, runs=500, seed=11), project(data, runs=500, seed=11)
    assert first == second
    assert all(a <= b <= c for a, b, c in zip(first.p10, first.p50, first.p90, strict=True))
    assert sum(first.dry_counts) + first.never_dry == 500
    assert first.dry_by(2055) == pytest.approx(first.dry_share)


def test_repayment_keeps_the_fund_longer():
    data = ProjectionInput(2026, 30, 24e6)
    with_repayment = project(data, runs=2_000, seed=5)
    without = project(dataclasses.replace(data, repayment=False), runs=2_000, seed=5)
    assert without.dry_share == 1.0 and without.median_dry_year is not None
    assert with_repayment.dry_share < without.dry_share
    assert all(w >= o for w, o in zip(with_repayment.p50, without.p50, strict=True))


def test_bad_inputs_are_named_together():
    bad = ProjectionInput(
        2026,
        0,
        float("nan"),
        pipeline=Pipeline(projects_per_year=-1, size_low=3, size_mode=2, size_high=1),
        outcomes=Outcomes(repay_probability=2, waiver_rate=-0.1),
        existing=(ExistingProject("X", {2027: -5.0}),),
    )
    with pytest.raises(ProjectionInputError) as caught:
        project(bad, runs=0, seed=-1)
    fields = [name for name, _ in caught.value.errors]
    assert fields == [
        "runs",
        "seed",
        "years",
        "opening_available",
        "projects_per_year",
        "size",
        "repay_probability",
        "waiver_rate",
        "existing[0]",
    ]


def test_cash_cover_finds_the_first_short_year():
    shortfall = cash_cover(
        cash=Decimal("1000"),
        first_year=2026,
        payouts_by_year={2025: Decimal("300"), 2027: Decimal("900"), 2028: Decimal("100")},
        repayments_by_year={2028: Decimal("500")},
    )
    assert shortfall is not None and (shortfall.year, shortfall.balance) == (2027, Decimal("-200"))
    assert cash_cover(cash=Decimal("1000"), first_year=2026, payouts_by_year={}, repayments_by_year={}) is None
