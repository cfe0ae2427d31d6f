"""The CLI speaks Swedish to people (issue 17): `socialfund calc` and `socialfund screen` print Swedish
messages, board names and rule titles, never a rule id (`[repayment_incomplete]`), a board's code, a stage
or verdict code, or a field path. The codes stay in --json, for programs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from socialfund.commands import calc, screen

REPO = Path(__file__).resolve().parents[2]
CALCULATIONS = sorted((REPO / "examples" / "calculations").glob("*.yaml"))
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\[[a-z]+_[a-z_]+\]|\b(?:SN|UN|KFN|OMS|KS|fund)\b|\w+\[\d+\]\.\w+")


def codes_in(text: str) -> list[str]:
    return [match.group(0) for match in CODE.finditer(text)]


@pytest.mark.parametrize("example", CALCULATIONS, ids=lambda p: p.name)
def test_calc_prints_no_code(capsys, example):
    assert calc.main([str(example), "--simulations", "200"]) == 0
    out, _err = capsys.readouterr()
    assert codes_in(out) == []


def test_calc_names_the_boards_and_the_broken_limit(capsys):
    calc.main([str(REPO / "examples" / "calculations" / "mobilt-team-skola.yaml")])
    out, _err = capsys.readouterr()
    assert "Socialnämnden" in out and "Utbildningsnämnden" in out and "Sociala investeringsfonden" in out
    assert "Återföringen räcker inte: Besparingarna räcker till" in out


def test_calc_names_a_board_in_a_violation_message(capsys, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "title: Plan\nstart_year: 2015\nhorizon: 3\ndiscount_rate: 0.035\nboards: {SN: Socialnämnden}\n"
        "costs:\n  - {label: K, payer: fund, amounts: {2015: 100000}}\n"
        "effects:\n  - {label: E, beneficiary: SN, sector: municipal, cashable: true, unit_value: 1000,"
        " quantity: {2016: 10}}\n"
        "repayment:\n  schedule: {2016: {SN: 100000}}\n",
        encoding="utf-8",
    )
    assert calc.main([str(plan)]) == 0
    out, _err = capsys.readouterr()
    assert "Socialnämnden ska ha återfört 100\u00a0000\u00a0kr till och med 2016" in out
    assert codes_in(out) == []


def test_screen_prints_no_code(capsys):
    initiative = REPO / "examples" / "initiatives" / "mobilt-team-skola.yaml"
    assert screen.main([str(initiative), "--policy", "sodertalje-2013"]) == 0
    out, _err = capsys.readouterr()
    assert codes_in(out) == []
    assert "Steg: Ansökan" in out and "Nästa steg: Beredning" in out
    assert "[bedöms] Återföring [spärr]" in out
