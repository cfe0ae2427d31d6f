"""`socialfund simulate`: guidelines side by side on the same random numbers, without a database."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from socialfund.commands.simulate import main
from socialfund.core.projection import RepaymentTerms, terms_from_rules
from socialfund.core.repayment_rules import RepaymentRules

FAST = ["--runs", "2000", "--start-year", "2027", "--json"]


def simulate(capsys, *args: str) -> dict:
    assert main([*args, *FAST]) == 0
    return json.loads(capsys.readouterr().out)


def by_name(result: dict) -> dict[str, dict]:
    return {scenario["name"]: scenario for scenario in result["scenarios"]}


def test_terms_follow_the_guidelines_limits():
    assert terms_from_rules(RepaymentRules()) == RepaymentTerms(start_offset_years=3, years=5)
    late = RepaymentRules(grace_years=4, latest_start_offset_years=6, max_years_after_first=2)
    assert terms_from_rules(late) == RepaymentTerms(start_offset_years=4, years=3)
    early = RepaymentRules(grace_years=0, latest_start_offset_years=1, max_years_after_first=None)
    assert terms_from_rules(early) == RepaymentTerms(start_offset_years=1, years=5)


def test_each_policy_beside_no_repayment(capsys):
    result = simulate(capsys, "--policy", "sodertalje-2013", "--policy", "orebro", "--policy", "lulea")
    scenarios = by_name(result)
    assert list(scenarios) == ["sodertalje-2013", "orebro", "lulea (utan återföring)"]
    # Örebro's guidelines have no special review: nothing is waived, the rest comes late.
    assert scenarios["orebro"]["assumptions"]["outcomes"]["waiver_rate"] == 0
    assert scenarios["sodertalje-2013"]["assumptions"]["outcomes"]["waiver_rate"] == 0.5
    assert scenarios["lulea (utan återföring)"]["repayment"] is False
    # The same draws for every scenario: without repayment the fund can only be poorer, year by year.
    with_repayment = scenarios["sodertalje-2013"]["years"]
    without = scenarios["lulea (utan återföring)"]["years"]
    assert all(w["p50"] <= r["p50"] for w, r in zip(without, with_repayment, strict=True))
    assert scenarios["lulea (utan återföring)"]["dry_share"] >= scenarios["sodertalje-2013"]["dry_share"]
    # No waiver means more money back than a 50 % waiver, run for run.
    assert scenarios["orebro"]["years"][-1]["p50"] >= with_repayment[-1]["p50"]


def test_waiver_rates_compared_and_the_default_terms_without_a_policy(capsys):
    result = simulate(capsys, "--waiver-rate", "0,2", "--waiver-rate", "0.8", "--capital", "10 000 000 kr")
    assert result["capital"] == 10_000_000
    names = [scenario["name"] for scenario in result["scenarios"]]
    nbsp = "\u00a0"  # Swedish formats put a no-break space before % and between thousands
    assert names == [
        f"standardvillkor, efterskänks 20{nbsp}%",
        f"standardvillkor, efterskänks 80{nbsp}%",
        "utan återföring",
    ]
    low, high, none = result["scenarios"]
    assert low["years"][-1]["p50"] >= high["years"][-1]["p50"] >= none["years"][-1]["p50"]


def test_the_same_seed_gives_the_same_figures(capsys):
    first = simulate(capsys, "--seed", "7")
    again = simulate(capsys, "--seed", "7")
    other = simulate(capsys, "--seed", "8")
    assert first == again
    assert first["scenarios"][0]["years"] != other["scenarios"][0]["years"]


def test_the_table_in_swedish(capsys):
    assert main(["--policy", "sodertalje-2013", "--runs", "500", "--start-year", "2027"]) == 0
    out = capsys.readouterr().out.replace("\u00a0", " ")
    assert "Kapital: 24 000 000 kr." in out
    assert "sodertalje-2013" in out and "år 3–7 efter beviljandet, eftergift möjlig" in out
    assert "utan återföring" in out and "inget återförs" in out
    assert "slut senast 2036" in out and "slut senast 2056" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--policy", "finns-inte"], "okänd policy 'finns-inte'"),
        (["--years", "500"], "--years måste vara mellan 1 och"),
        (["--waiver-rate", "2"], "--waiver-rate måste vara mellan 0 och 1"),
        (["--size-low", "4 000 000"], "--size-low/--size-mode/--size-high"),
    ],
)
def test_impossible_assumptions_exit_2_with_a_swedish_message(capsys, args, message):
    assert main(args) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--capital", "många"], "ogiltigt belopp 'många'"),
        (["--repay-probability", "hälften"], "ogiltig andel 'hälften'"),
    ],
)
def test_unreadable_arguments_exit_2_with_a_swedish_message(capsys, args, message):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_the_command_runs_without_django():
    # The pure core: no settings module, no database.
    code = (
        "import sys; from socialfund.cli import main; "
        "sys.exit(main(['simulate', '--runs', '200', '--start-year', '2027']))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PATH": ""})
    assert completed.returncode == 0, completed.stderr
    assert "utan återföring" in completed.stdout
    assert "django" not in completed.stderr.lower()
