"""`socialfund calc` on an example, as a whole process: start-up, imports, the calculation, the output.

Target (issue 22): under 0.15 s wall. Timed from outside, as a user waits for it, in turns with the
baseline: the interpreter starting and importing numpy (which the engine needs), the floor no lazy import
can go below. `interpreter_median_ms` is the bare interpreter (`python -c pass`), timed in the same turns.
Takes about 10 seconds.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from typing import Any

from benchmarks.harness import ROOT, result, sized

TARGET_MS = 150.0
RUNS = sized(15, 7)
EXAMPLE = ROOT / "examples" / "calculations" / "mobilt-team-skola.yaml"


def _wall_ms(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def run() -> list[dict[str, Any]]:
    calc = [sys.executable, "-m", "socialfund.cli", "calc", str(EXAMPLE)]
    numpy = [sys.executable, "-c", "import numpy"]
    bare = [sys.executable, "-c", "pass"]
    for command in (calc, numpy, bare):
        _wall_ms(command)  # warm the file cache
    samples: dict[str, list[float]] = {"calc": [], "numpy": [], "bare": []}
    for _ in range(RUNS):
        for name, command in (("calc", calc), ("numpy", numpy), ("bare", bare)):
            samples[name].append(_wall_ms(command))
    median = {name: statistics.median(values) for name, values in samples.items()}
    return [
        result(
            "cli_calc_whole_process",
            median["calc"],
            baseline=median["numpy"],
            baseline_is="python -c 'import numpy' (the engine's floor)",
            interpreter_median_ms=round(median["bare"], 1),
            runs=RUNS,
            target_ms=TARGET_MS,
            within_target=median["calc"] < TARGET_MS,
        )
    ]
