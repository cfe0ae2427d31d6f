"""`socialfund calc`: readable tables, --json, --simulations, --policy, and exit 2 on bad input."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from socialfund.commands.calc import main
from socialfund.core.repayment_rules import RepaymentRules

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples" / "calculations"
MOBILT_TEAM = EXAMPLES / "mobilt-team-skola.yaml"
KORTTIDSFRANVARON = EXAMPLES / "sanka-korttidsfranvaron.yaml"
NBSP = "\u00a0"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_runs(capsys, example):
    code, out, err = run(capsys, example, "--simulations", "200", "--seed", "1")
    assert (code, err) == (0, "")
    assert "Simulering (200 dragningar, frö 1)" in out


def squash(text):
    """Column padding (ordinary spaces) collapsed to one; the NBSPs inside numbers stay."""
    return re.sub(r" +", " ", text)


def test_text_report_has_swedish_tables(capsys):
    code, out, _ = run(capsys, KORTTIDSFRANVARON)
    assert code == 0
    assert out.startswith("Sänka korttidsfrånvaron hos medarbetare inom utbildningskontoret\n")
    lines = squash(out).splitlines()
    assert (
        f"2016 0,9662 500{NBSP}000{NBSP}kr 4{NBSP}070{NBSP}550{NBSP}kr 2{NBSP}035{NBSP}275{NBSP}kr 483{NBSP}357{NBSP}kr"
        in lines
    )
    assert f"Nettonuvärde (kommunen) 9{NBSP}921{NBSP}112{NBSP}kr" in lines
    assert f"Sociala investeringsfonden fonden 1{NBSP}483{NBSP}092{NBSP}kr 0{NBSP}kr 0{NBSP}kr" in lines
    assert "Återbetalningsår 2016" in lines
    assert f"2017 1{NBSP}500{NBSP}000{NBSP}kr 1{NBSP}500{NBSP}000{NBSP}kr" in lines
    assert "Inga avvikelser från riktlinjerna." in lines


def test_text_report_lists_violations_of_mobilt_team(capsys):
    code, out, _ = run(capsys, MOBILT_TEAM)
    assert code == 0
    assert "Helt återfört: nej" in out
    assert "Återföringen räcker inte: Besparingarna räcker till" in out
    assert "Effekt 4 (Fler unga i studier och arbete (samhällets vinst, lägre gräns)): värde per enhet" in out
    assert "i 2010 års priser → 10\u00a0359\u00a0705\u00a0kr i 2015 års priser" in out


def test_json_output(capsys):
    code, out, _ = run(capsys, MOBILT_TEAM, "--json", "--simulations", "1000", "--seed", "3")
    assert code == 0
    data = json.loads(out)
    assert {"per_year", "totals", "parties", "repayment", "sensitivity", "simulation"} <= set(data)
    assert len(data["per_year"]) == 10
    assert data["repayment"]["amount_due"] == 5_400_000
    assert all(isinstance(v, int) for boards in data["repayment"]["plan"].values() for v in boards.values())
    assert [v["rule"] for v in data["repayment"]["violations"]] == ["repayment_incomplete"]
    simulation = data["simulation"]
    assert (simulation["runs"], simulation["seed"]) == (1000, 3)
    assert (
        simulation["npv_municipal"]["p10"] <= simulation["npv_municipal"]["p50"] <= simulation["npv_municipal"]["p90"]
    )
    assert 0 <= simulation["probability_repaid_in_time"] <= 1
    again = run(capsys, MOBILT_TEAM, "--json", "--simulations", "1000", "--seed", "3")[1]
    assert json.loads(again)["simulation"] == simulation


def test_bad_input_exits_2_with_field_and_message(capsys, tmp_path):
    bad = tmp_path / "fel.yaml"
    bad.write_text(
        "title: Fel\nstart_year: 2015\nhorizon: 3\ndiscount_rate: 0.035\n"
        "effects:\n  - {label: A, beneficiary: SN, sector: municipal, unit_value: 1, quantity: {2016: 1}}\n"
        "  - {label: B, beneficiary: SN, sector: municipal, unit_value: 1, quantity: {2030: -1}, deadweight: 2}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, bad)
    assert (code, out) == (2, "")
    # The field in the web form's words, never its path in the file.
    assert "Effekt 2, dödvikt: måste vara mellan 0 och 1" in err
    assert "Effekt 2, antal, 2030: år 2030 ligger utanför kalkylperioden 2015–2017" in err
    assert "Effekt 2, antal, 2030: får inte vara negativt" in err
    assert "effects[" not in err and ".deadweight" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("title: [oavslutad\n", "Kalkylfilen: ogiltig YAML"),
        ("- en lista\n", "Kalkylfilen: måste vara en mappning"),
        ("", "Kalkylfilen: måste vara en mappning"),
    ],
)
def test_malformed_files_exit_2(capsys, tmp_path, content, expected):
    path = tmp_path / "k.yaml"
    path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, path)
    assert code == 2 and expected in err


def test_missing_file_and_bad_arguments_exit_2(capsys, tmp_path):
    assert run(capsys, tmp_path / "saknas.yaml")[0] == 2
    code, _, err = run(capsys, KORTTIDSFRANVARON, "--simulations", "0", "--seed", "-1")
    assert code == 2 and "--simulations: måste vara mellan 1 och 1000000" in err and "--seed: måste vara minst 0" in err
    with pytest.raises(SystemExit) as exited:
        main([str(KORTTIDSFRANVARON), "--simulations", "många"])
    assert exited.value.code == 2
    assert "fel i argumenten" in capsys.readouterr().err


def test_policy_module_missing_says_so(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "socialfund.core.policy", None)  # makes the import fail
    code, out, err = run(capsys, KORTTIDSFRANVARON, "--policy", "sodertalje-2013")
    assert (code, out) == (2, "")
    assert "--policy: policymodulen (socialfund.core.policy) finns inte" in err


def test_policy_rules_are_applied(capsys, monkeypatch):
    policy = pytest.importorskip("socialfund.core.policy")
    strict = RepaymentRules(grace_years=3, latest_start_offset_years=3, max_years_after_first=0)
    seen = []

    def fake_load_policy(name):
        seen.append(name)
        return SimpleNamespace(repayment_rules=lambda: strict)

    monkeypatch.setattr(policy, "load_policy", fake_load_policy)
    code, out, _ = run(capsys, KORTTIDSFRANVARON, "--json", "--policy", "strikt")
    assert (code, seen) == (0, ["strikt"])
    assert json.loads(out)["repayment"]["plan"] == {"2018": {"UN": 1_500_000}}

    monkeypatch.setattr(policy, "load_policy", lambda name: SimpleNamespace(repayment_rules=lambda: None))
    repayment = json.loads(run(capsys, MOBILT_TEAM, "--json", "--policy", "nynashamn")[1])["repayment"]
    assert (repayment["required"], repayment["plan"], repayment["violations"]) == (False, {}, [])

    def broken(name):
        raise FileNotFoundError(name)

    monkeypatch.setattr(policy, "load_policy", broken)
    code, _, err = run(capsys, KORTTIDSFRANVARON, "--policy", "finns-inte.yaml")
    assert code == 2 and "--policy: kunde inte läsa policyn 'finns-inte.yaml'" in err


def test_mobilt_team_repaying_in_the_grace_period_is_not_flagged(capsys, tmp_path):
    """The board may repay out of its 2016 savings: the grace period is its right, not a ban."""
    import yaml

    document = yaml.safe_load(MOBILT_TEAM.read_text(encoding="utf-8"))
    amounts = {2016: 1_500_000, 2017: 1_250_000, 2018: 1_000_000, 2019: 800_000, 2020: 640_000, 2021: 210_000}
    document["repayment"] = {"schedule": {year: {"SN": amount} for year, amount in amounts.items()}}
    path = tmp_path / "mobilt-team-tidig.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    code, out, _ = run(capsys, path, "--policy", "sodertalje-2013")
    assert code == 0
    assert "för tidigt" not in out and "repayment_too_early" not in out
    assert "Inga avvikelser från riktlinjerna." in out
    assert "Helt återfört: ja" in out


LAZY_PROBE = """
import sys
from socialfund.cli import main
code = main(sys.argv[1:])
loaded = sorted({name.split(".")[0] if not name.startswith("socialfund") else name for name in sys.modules})
print("LOADED", " ".join(loaded), file=sys.stderr)
sys.exit(code)
"""


def _modules_loaded_by(*argv: str) -> set[str]:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", LAZY_PROBE, *argv], capture_output=True, text=True, check=True, cwd=REPO
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("LOADED "))
    return set(line.split()[1:])


def test_calc_imports_only_what_the_run_needs():
    # Start-up was 85–90 % of `socialfund calc` (issue 22): Django, pydantic, the simulation, JSON and the
    # policies are imported only by the options that need them (see the comment in commands/calc.py).
    plain = _modules_loaded_by("calc", str(MOBILT_TEAM))
    assert {"django", "pydantic", "socialfund.core.calc.simulation", "socialfund.core.policy", "json"}.isdisjoint(plain)
    assert "socialfund.core.calc.engine" in plain
    # A single calculation runs on the pure-Python path: numpy (most of the start-up) only for draws.
    assert "numpy" not in plain
    # The shipped data files are read beside the code, not through importlib.resources (zipfile, tempfile…).
    assert {"importlib.resources", "zipfile", "tempfile"}.isdisjoint(plain)
    with_options = _modules_loaded_by("calc", str(MOBILT_TEAM), "--json", "--simulations", "100")
    assert {"json", "socialfund.core.calc.simulation", "numpy"} <= with_options


def test_calc_dataclasses_have_their_own_docstrings():
    """A dataclass without a docstring gets one made from inspect.signature when its module is imported: a
    cost every `socialfund calc` paid a dozen times over (issue 22)."""
    import dataclasses
    import importlib

    import socialfund.core.calc as package

    made = []
    for module_name in sorted(set(package._EXPORTS.values())) + ["socialfund.core.calc.price_level"]:
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if dataclasses.is_dataclass(value) and isinstance(value, type) and value.__module__ == module_name:
                if (value.__doc__ or "").startswith(f"{value.__name__}("):
                    made.append(f"{module_name}.{value.__name__}")
    assert made == []


def test_calc_reads_yaml_with_the_c_loader_where_there_is_one():
    import yaml

    from socialfund.core.calc.loading import parse_yaml_text, strict_loader

    if getattr(yaml, "__with_libyaml__", False):
        assert issubclass(strict_loader(), yaml.CSafeLoader)
    assert parse_yaml_text("a: 1\nb: [2, 3]\n") == {"a": 1, "b": [2, 3]}
    with pytest.raises(Exception, match="förekommer två gånger"):
        parse_yaml_text("a: 1\na: 2\n")


def test_reading_and_checking_a_file_needs_no_numpy(tmp_path):
    """Start-up is most of `socialfund calc` (issue 22): a file is read and checked without numpy, which is
    loaded only for the engine; bad input and --help answer without it."""
    import subprocess

    bad = tmp_path / "fel.yaml"
    bad.write_text("title: Fel\nstart_year: 2015\nhorizon: 0\ndiscount_rate: 0.035\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from socialfund.commands.calc import main\n"
        "from socialfund.core.calc.loading import load_calculation_file\n"
        f"load_calculation_file({str(KORTTIDSFRANVARON)!r})\n"
        f"code = main([{str(bad)!r}])\n"
        "print(code, 'numpy' in sys.modules)\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert completed.stdout.split() == ["2", "False"]
