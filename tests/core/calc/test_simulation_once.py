"""The 2000-draw simulation runs once per change of the calculation, not once per page view (issue 22/27):
equal inputs (even freshly parsed objects) reuse the result; any change draws again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from socialfund.core.calc import simulation
from socialfund.core.calc.loading import load_calculation_file

EXAMPLE_WITH_UNCERTAINTY = Path(__file__).resolve().parents[3] / "examples" / "calculations" / "mobilt-team-skola.yaml"


def _counting(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = simulation._simulate

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(simulation, "_simulate", counted)
    monkeypatch.setattr(simulation, "_cache", type(simulation._cache)())
    return calls


def test_equal_inputs_draw_once(monkeypatch):
    calls = _counting(monkeypatch)
    first = simulation.simulate(load_calculation_file(EXAMPLE_WITH_UNCERTAINTY), runs=2000, seed=1)
    again = simulation.simulate(load_calculation_file(EXAMPLE_WITH_UNCERTAINTY), runs=2000, seed=1)
    assert again == first
    assert len(calls) == 1


def test_a_change_draws_again(monkeypatch):
    calls = _counting(monkeypatch)
    calc = load_calculation_file(EXAMPLE_WITH_UNCERTAINTY)
    first = simulation.simulate(calc, runs=2000, seed=1)
    line = calc.effects[0]
    changed = dataclasses.replace(
        calc, effects=(dataclasses.replace(line, unit_value=line.unit_value * 3), *calc.effects[1:])
    )
    second = simulation.simulate(changed, runs=2000, seed=1)
    simulation.simulate(calc, runs=2000, seed=2)
    assert len(calls) == 3
    assert second.npv_municipal != first.npv_municipal
