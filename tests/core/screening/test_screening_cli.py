"""`socialfund screen`: output, JSON, and exit code 2 with Swedish messages on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from socialfund.commands.screen import main

from .conftest import INITIATIVES

ACT = str(INITIATIVES / "act.yaml")


def test_text_output_gives_verdict_findings_and_clauses(capsys):
    assert main([ACT, "--policy", "sodertalje-2013"]) == 0
    out = capsys.readouterr().out
    assert "Bedömning: uppfyller inte riktlinjerna\n" in out
    assert "[uppfylls inte] Sökande [spärr]" in out
    assert "Riktlinje: »Det civila samhället" in out
    assert "För att lämna steget krävs förankring hos: kontorschefen, nämnden" in out


def test_json_output(capsys):
    assert main([ACT, "--policy", "sodertalje-2015", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["policy"] == "sodertalje-2015" and data["verdict"] == "not_eligible"
    assert {"rule", "status", "message", "clause"} <= set(data["findings"][0])


def test_date_option_changes_the_threshold(capsys):
    main([ACT, "--policy", "sodertalje-2013", "--date", "2014-07-01", "--json"])
    data = json.loads(capsys.readouterr().out)
    procurement = next(f for f in data["findings"] if f["rule"] == "procurement")
    assert procurement["status"] == "pass"  # 400 000 < 505 800


def test_a_policy_file_by_path(capsys):
    from socialfund.core.policy import policies_dir

    assert main([ACT, "--policy", str(policies_dir() / "orebro.yaml"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["policy"] == "orebro"


def test_unknown_policy_exits_2(capsys):
    assert main([ACT, "--policy", "atlantis"]) == 2
    err = capsys.readouterr().err
    assert "policy: okänd policy 'atlantis'; kända: ale, klippan" in err
    assert "Traceback" not in err


def test_bad_initiative_exits_2_with_paths(tmp_path: Path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nstage: idea\npartners: [{name: A, type: firma}]\nextra: 1\n", encoding="utf-8")
    assert main([str(bad), "--policy", "sodertalje-2013"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert f"{bad}: partners[0].type: okänd typ 'firma'; tillåtna: board, office" in err[0]
    assert f"{bad}: extra: okänt fält" in err


def test_malformed_yaml_exits_2(tmp_path: Path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n", encoding="utf-8")
    assert main([str(bad), "--policy", "sodertalje-2013"]) == 2
    assert "ogiltig YAML på rad" in capsys.readouterr().err


def test_stage_unknown_to_the_policy_exits_2(capsys):
    # Region Gävleborg's 2024 process has no 'application' stage.
    assert main([ACT, "--policy", "region-gavleborg"]) == 2
    err = capsys.readouterr().err
    assert f"{ACT}: stage: okänt steg 'application' i policyn region-gavleborg" in err
    assert "idea, priority_decision, joint_design, amount_decision" in err


def test_bad_date_exits_2(capsys):
    try:
        main([ACT, "--policy", "sodertalje-2013", "--date", "igår"])
    except SystemExit as exit_:
        assert exit_.code == 2
    assert "ogiltigt datum 'igår'" in capsys.readouterr().err
