"""The socioeconomic calculation engine (socioekonomisk beräkning): pure Python and numpy, no Django.

    calc = load_calculation_file("examples/calculations/mobilt-team-skola.yaml")
    result = evaluate(calc)                      # Södertälje's repayment limits by default
    simulation = simulate(calc, runs=10_000, seed=1)
    data = result_to_dict(result, simulation)    # the `socialfund calc --json` structure

The semantics are in docs/calculation.md.

Importing the package imports none of its modules: each name is loaded on first use (PEP 562), so that a
command needing only part of the engine (`socialfund calc` without --simulations or --json) does not pay
for the rest at start-up (issue 22). Import names from here as before; add a new name to `_EXPORTS`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from socialfund.core.calc.discount import GREEN_BOOK, DiscountSchedule, constant_rate
    from socialfund.core.calc.engine import evaluate
    from socialfund.core.calc.errors import CalculationInputError
    from socialfund.core.calc.loading import load_calculation_file
    from socialfund.core.calc.model import FUND, Calculation, CostLine, EffectLine, Sector, Uncertainty
    from socialfund.core.calc.parse import parse_calculation
    from socialfund.core.calc.result_dict import result_to_dict
    from socialfund.core.calc.results import (
        CalculationResult,
        PartyResult,
        Percentiles,
        RepaymentResult,
        SensitivityRow,
        SimulationResult,
        Totals,
        Violation,
        YearRow,
    )
    from socialfund.core.calc.simulation import simulate
    from socialfund.core.calc.text import format_text
    from socialfund.core.calc.unitcosts import UnitCost, UnitCostLibrary, load_unit_costs

_EXPORTS = {
    "GREEN_BOOK": "socialfund.core.calc.discount",
    "DiscountSchedule": "socialfund.core.calc.discount",
    "constant_rate": "socialfund.core.calc.discount",
    "evaluate": "socialfund.core.calc.engine",
    "CalculationInputError": "socialfund.core.calc.errors",
    "load_calculation_file": "socialfund.core.calc.loading",
    "FUND": "socialfund.core.calc.model",
    "Calculation": "socialfund.core.calc.model",
    "CostLine": "socialfund.core.calc.model",
    "EffectLine": "socialfund.core.calc.model",
    "Sector": "socialfund.core.calc.model",
    "Uncertainty": "socialfund.core.calc.model",
    "parse_calculation": "socialfund.core.calc.parse",
    "result_to_dict": "socialfund.core.calc.result_dict",
    "CalculationResult": "socialfund.core.calc.results",
    "PartyResult": "socialfund.core.calc.results",
    "Percentiles": "socialfund.core.calc.results",
    "RepaymentResult": "socialfund.core.calc.results",
    "SensitivityRow": "socialfund.core.calc.results",
    "SimulationResult": "socialfund.core.calc.results",
    "Totals": "socialfund.core.calc.results",
    "Violation": "socialfund.core.calc.results",
    "YearRow": "socialfund.core.calc.results",
    "simulate": "socialfund.core.calc.simulation",
    "format_text": "socialfund.core.calc.text",
    "UnitCost": "socialfund.core.calc.unitcosts",
    "UnitCostLibrary": "socialfund.core.calc.unitcosts",
    "load_unit_costs": "socialfund.core.calc.unitcosts",
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "FUND",
    "GREEN_BOOK",
    "Calculation",
    "CalculationInputError",
    "CalculationResult",
    "CostLine",
    "DiscountSchedule",
    "EffectLine",
    "PartyResult",
    "Percentiles",
    "RepaymentResult",
    "Sector",
    "SensitivityRow",
    "SimulationResult",
    "Totals",
    "Uncertainty",
    "UnitCost",
    "UnitCostLibrary",
    "Violation",
    "YearRow",
    "constant_rate",
    "evaluate",
    "format_text",
    "load_calculation_file",
    "load_unit_costs",
    "parse_calculation",
    "result_to_dict",
    "simulate",
]
