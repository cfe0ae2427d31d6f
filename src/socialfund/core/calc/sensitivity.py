"""Switching values: how far each municipal effect line may move before the municipality's NPV reaches 0.

npv_municipal is linear in each line's value: scaling line i by m gives
npv_municipal(m) = npv_municipal − PV_i + m × PV_i. Setting it to 0 gives the
closed form m = 1 − npv_municipal / PV_i. m < 1 is the margin a line may fall
(0.6 = it may lose 40 % of its value); m > 1 is how much it must grow; m < 0
means npv_municipal stays positive even without the line. A line with PV 0 (or below a
micro-krona, where the division would give a meaningless or infinite factor) cannot switch anything: null.
"""

from __future__ import annotations

from socialfund.core.calc.lines import LineTotals
from socialfund.core.calc.model import Calculation
from socialfund.core.calc.results import SensitivityRow

NEGLIGIBLE_PV = 1e-6  # kronor


def switching_values(calc: Calculation, lines: LineTotals, npv_municipal: float) -> list[SensitivityRow]:
    pv_by_line = lines.effects_pv_by_line()
    rows: list[SensitivityRow] = []
    for index, effect in enumerate(calc.effects):
        if not effect.is_municipal:
            continue
        pv = pv_by_line[index]
        rows.append(
            SensitivityRow(
                effect=index,
                label=effect.label,
                beneficiary=effect.beneficiary,
                pv_benefits=pv,
                switching_multiplier=1.0 - npv_municipal / pv if abs(pv) > NEGLIGIBLE_PV else None,
            )
        )
    return rows
