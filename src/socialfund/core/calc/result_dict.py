"""The machine-readable result: the `--json` structure, also what the web form and the ledger read.

Money is in kronor as numbers, unrounded (floats) in the analytic parts; the
repayment plan is whole kronor (ints). Year keys are strings, as JSON needs, so the
dict equals what `json.loads(json.dumps(...))` gives back.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

from socialfund.core.calc.actors import ActorResult
from socialfund.core.calc.results import (
    CalculationResult,
    PartyResult,
    Percentiles,
    RepaymentResult,
    SimulationResult,
)


def result_to_dict(result: CalculationResult, simulation: SimulationResult | None = None) -> dict[str, Any]:
    calc = result.calculation
    data: dict[str, Any] = {
        "title": calc.title,
        "start_year": calc.start_year,
        "end_year": calc.end_year,
        "discount_rate": calc.discount.bands[0][1] if calc.discount.is_constant else None,
        "discount_schedule": None if calc.discount.is_constant else calc.discount.name,
        "price_year": calc.price_year,
        "price_conversions": [asdict(conversion) for conversion in calc.price_conversions],
        "per_year": [
            {
                "year": row.year,
                "discount_factor": row.discount_factor,
                "costs": row.costs,
                "benefits": row.benefits,
                "benefits_municipal_cashable": row.benefits_municipal_cashable,
            }
            for row in result.per_year
        ],
        "totals": _finite(asdict(result.totals)),
        "parties": [_party(party) for party in result.parties],
        "actors": [_actor(actor) for actor in result.actors],
        "repayment": _repayment(result.repayment),
        "sensitivity": [_finite(asdict(row)) for row in result.sensitivity],
        "warnings": list(result.warnings),
    }
    if simulation is not None:
        data["simulation"] = simulation_to_dict(simulation)
    return data


def simulation_to_dict(simulation: SimulationResult) -> dict[str, Any]:
    return {
        "runs": simulation.runs,
        "seed": simulation.seed,
        "npv_municipal": _percentiles(simulation.npv_municipal),
        "benefit_cost_ratio": _percentiles(simulation.benefit_cost_ratio),
        "probability_npv_municipal_positive": simulation.probability_npv_municipal_positive,
        "probability_repaid_in_time": simulation.probability_repaid_in_time,
    }


def _actor(actor: ActorResult) -> dict[str, Any]:
    return {
        "key": actor.key,
        "label": actor.label,
        "part_of": actor.part_of,
        "horizons": [
            {"years": h.years, "costs": h.costs, "benefits": h.benefits, "net": h.net} for h in actor.horizons
        ],
    }


def _party(party: PartyResult) -> dict[str, Any]:
    return {
        "name": party.name,
        "sector": party.sector,
        "pv_costs_paid": party.pv_costs_paid,
        "pv_benefits_received": party.pv_benefits_received,
        "cashable_savings": {str(year): amount for year, amount in party.cashable_savings.items()},
    }


def _repayment(repayment: RepaymentResult) -> dict[str, Any]:
    return {
        "amount_due": repayment.amount_due,
        "plan": {str(year): dict(boards) for year, boards in repayment.plan.items()},
        "start_year": repayment.start_year,
        "end_year": repayment.end_year,
        "fully_repaid": repayment.fully_repaid,
        "violations": [{"rule": v.rule, "message": v.message} for v in repayment.violations],
        "required": repayment.required,
        "proposed": repayment.proposed,
    }


def _percentiles(values: Percentiles | None) -> dict[str, float] | None:
    return None if values is None else {"p10": values.p10, "p50": values.p50, "p90": values.p90}


def _finite(values: dict[str, Any]) -> dict[str, Any]:
    """NaN and infinity are not JSON; an undefined number is null."""
    return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in values.items()}
