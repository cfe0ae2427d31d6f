"""The readable examples under examples/initiatives/ load and screen as their comments say."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialfund.core.policy import load_policy
from socialfund.core.screening import load_initiative_file, screen

from .conftest import build, screen_data

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "initiatives"


def _screen(name: str, policy_id: str):
    return screen(load_initiative_file(EXAMPLES / name), load_policy(policy_id))


def test_there_are_readable_examples():
    assert len(list(EXAMPLES.glob("*.yaml"))) >= 2


def test_korkortsutbildning_example_is_refused_on_equal_treatment():
    result = _screen("korkortsutbildning.yaml", "sodertalje-2013")
    assert result.verdict == "not_eligible"
    assert result.status_of("equal_treatment") == "fail"


def test_mobilt_team_example_fails_only_on_repayment():
    """The example uses the calculation engine's own example file, whose savings come too late."""
    result = _screen("mobilt-team-skola.yaml", "sodertalje-2013")
    assert [f.rule for f in result.findings if f.status != "pass"] == ["repayment"]
    assert "återstår" in result.finding("repayment").message


def test_gavleborg_example_is_eligible():
    result = _screen("gavleborg-ide.yaml", "region-gavleborg")
    assert result.verdict == "eligible"
    assert result.gate_signoffs == ("all_parties",)


@pytest.mark.parametrize("policy_id", ["sodertalje-2013", "orebro", "malmo"])
def test_requested_amount_must_match_the_calculation(policy_id):
    data = build(funding={"requested": {2015: 700000}, "duration_months": 24, "cofinancing_share": 0.3})
    finding = screen_data(data, policy_id).finding("calculation")
    assert finding.status == "warn" and "stämmer inte med sökt belopp" in finding.message
