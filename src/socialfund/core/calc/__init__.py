"""The socioeconomic calculation engine (socioekonomisk beräkning): pure Python and numpy, no Django.

    calc = load_calculation_file("examples/calculations/mobilt-team-skola.yaml")
    result = evaluate(calc)                      # Södertälje's repayment limits by default
    simulation = simulate(calc, runs=10_000, seed=1)
    data = result_to_dict(result, simulation)    # the `socialfund calc --json` structure

The semantics are in docs/calculation.md.
"""

from socialfund.core.calc.discount import GREEN_BOOK, DiscountSchedule, constant_rate
from socialfund.core.calc.engine import evaluate
from socialfund.core.calc.errors import CalculationInputError
from socialfund.core.calc.loading import load_calculation_file
from socialfund.core.calc.model import FUND, Calculation, CostLine, EffectLine, Sector, Uncertainty
from socialfund.core.calc.parse import parse_calculation
from socialfund.core.calc.report import result_to_dict
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
