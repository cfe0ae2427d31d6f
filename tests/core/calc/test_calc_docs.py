"""docs/calculation.md's worked example of typical cases, KPI and horizons, checked against the engine."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from socialfund.core.calc import evaluate, load_calculation_file
from socialfund.core.calc.prices import load_price_index
from socialfund.core.formatting import format_sek

REPO = Path(__file__).resolve().parents[3]
DOC = REPO / "docs" / "calculation.md"
EXAMPLE = REPO / "examples" / "calculations" / "familjestod-typfall.yaml"


def documented_table() -> dict[str, list[str]]:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- worked-example-actors.*?-->\n(.*?)<!-- /worked-example-actors -->", text, re.S)
    assert block is not None, "the worked example's table is missing from docs/calculation.md"
    rows = [line.strip("|").split("|") for line in block.group(1).strip().splitlines()[2:]]
    return {cells[0].strip(): [cell.strip() for cell in cells[1:]] for cells in rows}


def test_the_documented_actor_table_is_what_the_engine_computes():
    result = evaluate(load_calculation_file(EXAMPLE))
    actors = {actor.label: actor for actor in result.actors}
    table = documented_table()
    assert list(table) == ["Kommunen", "Staten", "Samhället totalt"]
    assert set(actors) == {"Kommunen", "Staten", "Samhället totalt"}
    for label, figures in table.items():
        computed = [format_sek(h.net).replace("\u00a0", " ") for h in actors[label].horizons]
        assert figures == computed, label


def test_the_documented_steps():
    calc = load_calculation_file(EXAMPLE)
    kpi = load_price_index()
    factor = kpi.values[2016] / kpi.values[2014]
    assert round(factor, 4) == Decimal("1.0094")
    (conversion,) = calc.price_conversions
    assert conversion.after == pytest.approx(1009.378, abs=5e-4)
    placements, sickness = calc.effects
    assert placements.label == "Placeringsdygn i familjehem (från typfall ”Familj där barnet annars placeras”)"
    assert dict(placements.quantity) == {2017: 500.0, 2018: 500.0, 2019: 500.0}
    assert dict(sickness.quantity) == {year: 5.0 for year in range(2017, 2022)}
    result = evaluate(calc)
    assert result.per_year[1].benefits_municipal_cashable == pytest.approx(252_344.57, abs=0.005)
    assert result.totals.pv_costs == pytest.approx(1_569_230.77, abs=0.01)
    assert round(result.totals.npv) == 466_595
    assert round(sum(p.cashable_savings.get(y, 0) for p in result.parties for y in range(2016, 2022))) == 757_034
