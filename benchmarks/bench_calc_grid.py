"""The calculator's year grid: one live recalculation of a 20-line × 20-year grid (target median under 150 ms).

The page's update request (the htmx preview: forms, engine, summary, screening and the
rendered results) is timed on the server with the garbage collector on, as a server runs;
the engine alone (parse and evaluate the same calculation) is printed beside it, so the
cost of everything around the engine shows. Runs in its own process on SQLite.
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
TARGET_MS = 150.0


def run() -> list[dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.django_worker", "calc_grid"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    request, cpu = figures["request_median_ms"], figures["request_cpu_median_ms"]
    return [
        result(
            "calc_grid_update_request",
            request,
            baseline=figures["engine_median_ms"],
            baseline_is="the engine alone (parse and evaluate the same calculation), timed in turns",
            lines=figures["lines"],
            years=figures["years"],
            queries=figures["queries"],
            gc="on",
            request_cpu_median_ms=round(cpu, 3),
            engine_cpu_median_ms=round(figures["engine_cpu_median_ms"], 3),
            cpu_ratio=round(cpu / figures["engine_cpu_median_ms"], 2) if figures["engine_cpu_median_ms"] else None,
            wall_over_cpu=round(request / cpu, 2) if cpu else None,
            target_ms=TARGET_MS,
            within_target=request < TARGET_MS,
            cpu_within_target=cpu < TARGET_MS,
        )
    ]
