"""What a plain `socialfund calc` imports (issue 22: the whole process under 0.15 s): a single calculation
needs neither numpy (its pure-Python path), Django, pathlib, shutil nor the policy package. Each was a
measurable share of the start-up; a new top-level import of one of them brings it back unseen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "calculations" / "mobilt-team-skola.yaml"
# Runs the command in a fresh interpreter and writes the modules it imported: this test process has imported
# them all already.
SCRIPT = """
import json, sys
from socialfund.cli import main
status = main(["calc", sys.argv[1], *sys.argv[3:]])
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump({"status": status, "modules": sorted(sys.modules)}, out)
"""
NOT_NEEDED = ("numpy", "django", "pathlib", "shutil", "importlib.resources", "socialfund.core.policy")


def _imported(tmp_path: Path, *options: str) -> set[str]:
    out = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", SCRIPT, str(EXAMPLE), str(out), *options],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    found = json.loads(out.read_text(encoding="utf-8"))
    assert found["status"] == 0
    return set(found["modules"])


def test_a_plain_calculation_imports_only_what_it_needs(tmp_path):
    modules = _imported(tmp_path)
    assert "socialfund.core.calc.plain" in modules  # the calculation ran, through its numpy-free path
    unwanted = sorted(m for m in modules if any(m == name or m.startswith(name + ".") for name in NOT_NEEDED))
    assert unwanted == []


@pytest.mark.parametrize("option", ["--json"])
def test_json_output_adds_no_heavy_module(tmp_path, option):
    modules = _imported(tmp_path, option)
    assert not {"numpy", "django", "pathlib", "shutil"} & modules
