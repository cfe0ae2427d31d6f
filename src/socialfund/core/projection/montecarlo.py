"""The Monte Carlo projection of the fund's available money, vectorised over runs, years and projects.

One run is a row. Per run and year the pipeline brings Poisson(λ) new projects, each
of triangular size and each with an outcome drawn once: on time, waived or late. Repayments are a convolution of the
grants with an instalment kernel, done as one (runs × years) @ (years × years) product
per outcome; existing projects are an (runs × projects) @ (projects × years) product.
No Python loop runs over draws. Draws come from `numpy.random.default_rng(seed)` in a
fixed order, so the same input and seed give the same numbers.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from socialfund.core.projection.model import ProjectionInput, ProjectionResult, validate

FloatArray = npt.NDArray[np.float64]
MAX_RUNS = 200_000
MAX_YEARS = 100


def project(data: ProjectionInput, *, runs: int, seed: int) -> ProjectionResult:
    """Simulate `runs` futures of the fund and summarise them (P10/P50/P90 per year, the year it runs dry)."""
    validate(data, runs, seed, max_runs=MAX_RUNS, max_years=MAX_YEARS)
    rng = np.random.default_rng(seed)
    grants, on_time, late = pipeline_grants(data, rng, runs)
    existing_on_time, existing_late = existing_repayments(data, rng, runs)
    flows = -grants
    if data.repayment:
        terms, years = data.terms, data.years
        flows += on_time @ instalment_kernel(years, terms.start_offset_years, terms.years)
        flows += late @ instalment_kernel(years, terms.start_offset_years + data.outcomes.late_years, terms.years)
        flows += existing_on_time + existing_late
    balance = data.opening_available + np.cumsum(flows, axis=1)
    return summarise(data, balance, runs, seed)


def pipeline_grants(data: ProjectionInput, rng: np.random.Generator, runs: int) -> tuple[FloatArray, ...]:
    """(runs × years) totals granted to new projects, and the part of them that repays on time and late.

    Only the projects that occur are drawn: a Poisson count per run and year, then one
    size and one outcome per project, summed back into their (run, year) cells.
    """
    pipeline, outcomes, years = data.pipeline, data.outcomes, data.years
    counts = rng.poisson(pipeline.projects_per_year, size=(runs, years))
    cell = np.repeat(np.arange(runs * years), counts.ravel())
    if pipeline.size_low == pipeline.size_high:
        sizes = np.full(cell.size, pipeline.size_low)
    else:
        sizes = rng.triangular(pipeline.size_low, pipeline.size_mode, pipeline.size_high, size=cell.size)
    draw = rng.random(size=cell.size)
    on_time = draw < outcomes.on_time_share
    late = draw >= outcomes.on_time_share + outcomes.waived_share

    def per_cell(weights: FloatArray) -> FloatArray:
        totals = np.bincount(cell, weights=weights, minlength=runs * years)
        return totals.astype(np.float64).reshape(runs, years)  # an empty bincount is int64

    return per_cell(sizes), per_cell(sizes * on_time), per_cell(sizes * late)


def instalment_kernel(years: int, offset: int, instalments: int) -> FloatArray:
    """kernel[t, τ] = the share of a grant in year t repaid in year τ: 1/n for t+offset ≤ τ < t+offset+n."""
    lag = np.arange(years)[None, :] - np.arange(years)[:, None]
    return ((lag >= offset) & (lag < offset + instalments)).astype(np.float64) / instalments


def existing_repayments(data: ProjectionInput, rng: np.random.Generator, runs: int) -> tuple[FloatArray, FloatArray]:
    """(runs × years) inflows from adopted plans: on time as planned, late shifted, waived dropped."""
    years = data.years
    if not data.existing:
        return np.zeros((runs, years)), np.zeros((runs, years))
    schedule = existing_schedule(data)
    late_years = data.outcomes.late_years
    shifted = np.zeros_like(schedule)
    if late_years < years:
        shifted[:, late_years:] = schedule[:, : years - late_years]
    draw = rng.random(size=(runs, len(data.existing)))
    outcomes = data.outcomes
    on_time = (draw < outcomes.on_time_share).astype(np.float64)
    late = (draw >= outcomes.on_time_share + outcomes.waived_share).astype(np.float64)
    return on_time @ schedule, late @ shifted


def existing_schedule(data: ProjectionInput) -> FloatArray:
    """(projects × years): each plan's remaining repayments by projection year; overdue ones in the first year."""
    schedule = np.zeros((len(data.existing), data.years))
    for row, existing in enumerate(data.existing):
        for year, amount in existing.repayments.items():
            column = year - data.start_year
            if column < data.years:
                schedule[row, max(column, 0)] += amount
    return schedule


def summarise(data: ProjectionInput, balance: FloatArray, runs: int, seed: int) -> ProjectionResult:
    bands = np.percentile(balance, [10, 50, 90], axis=0)
    below = balance < 0
    dry = below.any(axis=1)
    first = np.argmax(below, axis=1)[dry]
    counts = np.bincount(first, minlength=data.years)
    return ProjectionResult(
        runs=runs,
        seed=seed,
        years=tuple(data.calendar_years),
        p10=tuple(float(v) for v in bands[0]),
        p50=tuple(float(v) for v in bands[1]),
        p90=tuple(float(v) for v in bands[2]),
        dry_counts=tuple(int(c) for c in counts),
        never_dry=int(runs - dry.sum()),
    )
