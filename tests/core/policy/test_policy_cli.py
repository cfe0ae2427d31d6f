"""`socialfund policy`: list, show, validate, diff, compare, threshold; exit 2 on bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from socialfund.commands.policy import main


def test_list(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "sodertalje-2013" in out and "region-gavleborg" in out and "förslag" in out


def test_show_text_and_json(capsys):
    assert main(["show", "sodertalje-2015"]) == 0
    out = capsys.readouterr().out
    assert "Riktlinjer: förslag datum okänt, Kommunfullmäktige" in out
    assert "Källorna är tysta om" in out and "adopted.date" in out
    assert main(["show", "sodertalje-2013", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "sodertalje-2013" and data["funding"]["capital"] == "24000000"
    assert data["reporting"][0]["frequency"] == "once"


def test_diff_formats(capsys):
    assert main(["diff", "sodertalje-2013", "sodertalje-2015"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Skillnader sodertalje-2013 → sodertalje-2015:")
    assert "* director_approval (borttagen steg)" in out
    assert main(["diff", "sodertalje-2013", "sodertalje-2015", "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert {"kind": "removed", "subject": "director_approval"}.items() <= next(
        c for c in changes if c["subject"] == "director_approval"
    ).items()


def test_compare_csv(capsys):
    assert main(["compare", "sodertalje-2013", "orebro", "nynashamn", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["", "Södertälje 2013", "Örebro", "Nynäshamn"]
    assert ["Återföring", "återbetalningsplan", "återbetalningsplan", "ingen återföring"] in rows


def test_threshold(capsys):
    assert main(["threshold", "2014-03-01"]) == 0
    assert capsys.readouterr().out.startswith("271\u00a0964\u00a0kr (gäller från 2014-01-01")
    assert main(["threshold", "2013-03-01"]) == 2
    assert "ingen direktupphandlingsgräns känd för 2013-03-01" in capsys.readouterr().err


def test_unknown_policy_exits_2(capsys):
    assert main(["show", "atlantis"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "okänd policy 'atlantis'" in captured.err


def test_validate_reports_every_bad_file(tmp_path: Path, capsys):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("id: a\n", encoding="utf-8")
    second.write_text("id: [\n", encoding="utf-8")
    assert main(["validate", str(first), str(second), "orebro"]) == 2
    err = capsys.readouterr().err
    assert f"{first}: fund: saknas" in err
    assert f"{second}: <fil>: ogiltig YAML på rad" in err
    assert "Traceback" not in err


def test_validate_good_files(capsys):
    assert main(["validate", "sodertalje-2013", "lulea"]) == 0
    assert "lulea: giltig (lulea, 11 regler, 3 steg)" in capsys.readouterr().out


def test_argument_errors_are_swedish_and_exit_2(capsys):
    import pytest

    from socialfund.commands.policy import swedish_argparse_message

    with pytest.raises(SystemExit) as exit_:
        main(["diff", "sodertalje-2013"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "följande argument saknas: new" in err and err.startswith("användning:")
    assert swedish_argparse_message("argument --format: invalid choice: 'pdf' (choose from 'text', 'csv')") == (
        "argumentet --format: ogiltigt val 'pdf' (välj bland 'text', 'csv')"
    )
    assert swedish_argparse_message("unrecognized arguments: --x") == "okända argument: --x"
