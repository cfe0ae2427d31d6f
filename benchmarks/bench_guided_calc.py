"""The guided form's live calculator: median server time of one htmx update (target under 100 ms).

A 10-year calculation with 10 effect lines, posted to the preview endpoint as the
page does while the user types; once without uncertainty ranges and once with them
(which adds a 2 000-draw simulation). Runs in its own process on SQLite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.harness import result

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100.0


def run() -> list[dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.django_worker", "calc_preview"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    return [
        result(
            f"guided_{name}",
            figures[f"{name}_median_ms"],
            effects=figures["effects"],
            years=figures["years"],
            target_ms=TARGET_MS,
            within_target=figures[f"{name}_median_ms"] < TARGET_MS,
        )
        for name in ("preview", "preview_with_simulation")
    ]
