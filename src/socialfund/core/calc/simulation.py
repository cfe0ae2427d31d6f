"""Monte Carlo simulation over the lines' uncertainty ranges, vectorised across draws.

Each line with `uncertainty: {low, high}` gets a multiplier drawn from the
triangular distribution (low, mode 1, high); lines without one keep 1. Every
reported figure is linear in the line multipliers, so a draw is a row of a
(runs × lines) matrix and each figure is one matrix product: no Python loop per
draw. Draws are taken in file order, cost lines first, from
`numpy.random.default_rng(seed)`: the same file and seed give the same numbers.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from threading import Lock

import numpy as np

from socialfund.core.calc.arrays import BoolArray, FloatArray, LineArrays, build_arrays
from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.limits import MAX_RUNS
from socialfund.core.calc.model import Calculation, Uncertainty
from socialfund.core.calc.repayment import (
    KRONA_TOLERANCE,
    amount_due,
    duty_start_year,
    municipal_boards,
    non_municipal_violations,
    resolve_rules,
    timing_violations,
)
from socialfund.core.calc.results import Percentiles, SimulationResult
from socialfund.core.repayment_rules import RepaymentRules

CACHE_SIZE = 256
"""Results kept per process. A simulation of 2000 draws costs ~60 ms and pages ask for the same one on
every view (the outcome forecast, the calculator, the case page): it is computed once per change of the
calculation, the rules, the runs or the seed, and then read from here (issue 22/27)."""
_cache: OrderedDict[str, SimulationResult] = OrderedDict()
_cache_lock = Lock()


def simulate(calc: Calculation, *, runs: int, seed: int, rules: RepaymentRules | None = None) -> SimulationResult:
    """Draw `runs` scenarios; report P10/P50/P90 and the probabilities defined in docs/calculation.md.

    The same inputs give the same result (a fixed seed), so a result is reused for equal inputs: the key
    is the inputs' full dataclass repr (every field, floats written exactly), never an identity."""
    key = repr((calc, rules, runs, seed))
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    result = _simulate(calc, runs=runs, seed=seed, rules=rules)
    with _cache_lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def clear_cache() -> None:
    """Forget every kept result (a benchmark timing the draws themselves, not the reuse, calls this)."""
    with _cache_lock:
        _cache.clear()


def _simulate(calc: Calculation, *, runs: int, seed: int, rules: RepaymentRules | None) -> SimulationResult:
    errors = []
    if isinstance(runs, bool) or not isinstance(runs, int) or not 1 <= runs <= MAX_RUNS:
        errors.append(("simulations", f"måste vara ett heltal mellan 1 och {MAX_RUNS}"))
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        errors.append(("seed", "måste vara ett heltal, minst 0"))
    if errors:
        raise CalculationInputError(errors)
    rules = resolve_rules(rules)
    arrays = build_arrays(calc)
    rng = np.random.default_rng(seed)
    cost_multipliers = draw_multipliers(rng, [line.uncertainty for line in calc.costs], runs)
    effect_multipliers = draw_multipliers(rng, [line.uncertainty for line in calc.effects], runs)
    pv_effects = arrays.pv_effects_by_line
    pv_costs = cost_multipliers @ arrays.pv_costs_by_line
    pv_benefits = effect_multipliers @ pv_effects
    municipal = arrays.effect_is_municipal
    npv_municipal = effect_multipliers[:, municipal] @ pv_effects[municipal] - pv_costs
    has_costs = float(arrays.pv_costs_by_line.sum()) > 0
    ratio = np.divide(pv_benefits, pv_costs, out=np.full(runs, np.nan), where=pv_costs > 0)
    in_time = repaid_in_time(calc, arrays, rules, effect_multipliers)
    return SimulationResult(
        runs=runs,
        seed=seed,
        npv_municipal=percentiles(npv_municipal),
        benefit_cost_ratio=percentiles(ratio) if has_costs else None,
        probability_npv_municipal_positive=float(np.mean(npv_municipal > 0)),
        probability_repaid_in_time=None if in_time is None else float(np.mean(in_time)),
    )


def draw_multipliers(rng: np.random.Generator, ranges: Sequence[Uncertainty | None], runs: int) -> FloatArray:
    """(runs × lines) multipliers: triangular(low, 1, high) where a range is given, else 1."""
    multipliers = np.ones((runs, len(ranges)), dtype=np.float64)
    for column, spread in enumerate(ranges):
        if spread is not None and not spread.is_degenerate:
            multipliers[:, column] = rng.triangular(spread.low, 1.0, spread.high, size=runs)
    return multipliers


def percentiles(values: FloatArray) -> Percentiles:
    """P10, P50, P90 with numpy's default (linear) interpolation; draws without a value (NaN) are left out."""
    p10, p50, p90 = np.nanpercentile(values, [10, 50, 90])
    return Percentiles(p10=float(p10), p50=float(p50), p90=float(p90))


def repaid_in_time(
    calc: Calculation, arrays: LineArrays, rules: RepaymentRules, effect_multipliers: FloatArray
) -> BoolArray | None:
    """Per draw: do the repaying boards' municipal cashable savings repay the amount due within the rules' window?

    None when the rules carry no repayment duty. The amount due is fixed (what the
    fund pays out by decision); only the savings vary between draws.
    """
    if rules.mode == "none":
        return None
    runs = effect_multipliers.shape[0]
    due = amount_due(calc)
    if due == 0:
        return np.ones(runs, dtype=np.bool_)
    if calc.repayment_schedule is None:
        return _proposal_in_time(calc, arrays, rules, effect_multipliers, due)
    return _schedule_in_time(calc, arrays, rules, effect_multipliers, due)


def _proposal_in_time(
    calc: Calculation, arrays: LineArrays, rules: RepaymentRules, effect_multipliers: FloatArray, due: int
) -> BoolArray:
    """The proposed plan, drawn: first repayment year = the first allowed year with ≥ 1 kr of savings (rounded
    down to whole kronor, as the plan pays), which must be ≤ the latest start; the savings from then up to
    first + max_years_after_first (within the horizon) must add up to the amount due."""
    runs = effect_multipliers.shape[0]
    offset = max(0, duty_start_year(calc, rules) - calc.start_year)
    if offset >= calc.horizon:
        return np.zeros(runs, dtype=np.bool_)
    rows = arrays.effect_is_municipal_cashable
    savings = effect_multipliers[:, rows] @ arrays.effects[rows][:, offset:]
    payable = np.floor(savings + KRONA_TOLERANCE)
    paying = payable >= 1
    first = paying.argmax(axis=1)
    last_column = payable.shape[1] - 1
    end = first + rules.max_years_after_first if rules.max_years_after_first is not None else last_column
    repaid_by_end = np.cumsum(payable, axis=1)[np.arange(runs), np.minimum(end, last_column)] >= due
    ok: BoolArray = paying.any(axis=1) & repaid_by_end
    if rules.latest_start_offset_years is not None:
        ok &= offset + first <= rules.latest_start_offset_years
    return ok


def _schedule_in_time(
    calc: Calculation, arrays: LineArrays, rules: RepaymentRules, effect_multipliers: FloatArray, due: int
) -> BoolArray:
    """The file's plan, drawn: its timing and total must meet the rules (the same in every draw), and each
    repaying board's cumulative savings must cover its cumulative repayments in every year."""
    runs = effect_multipliers.shape[0]
    plan = calc.repayment_schedule or {}
    planned = sum(sum(boards.values()) for boards in plan.values())
    fixed_ok = (
        planned >= due
        and not timing_violations(plan, calc.start_year, rules)
        and not non_municipal_violations({y: dict(b) for y, b in plan.items()}, municipal_boards(calc))
    )
    ok = np.full(runs, fixed_ok, dtype=np.bool_)
    if not fixed_ok:
        return ok
    for board in sorted({board for boards in plan.values() for board in boards}):
        rows = np.array(
            [
                row
                for row, e in enumerate(calc.effects)
                if e.beneficiary == board and arrays.effect_is_municipal_cashable[row]
            ],
            dtype=np.intp,
        )
        repaid = np.cumsum([plan.get(year, {}).get(board, 0) for year in calc.years])
        saved = np.cumsum(effect_multipliers[:, rows] @ arrays.effects[rows], axis=1)
        ok &= np.all(repaid <= saved + KRONA_TOLERANCE, axis=1)
    return ok
