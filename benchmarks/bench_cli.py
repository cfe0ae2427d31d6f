"""`socialfund calc` on an example, as a whole process: start-up, imports, the calculation, the output.

Target (issue 22): under 0.15 s wall. Timed from outside, as a user waits for it, in turns with two
baselines timed as often: the bare interpreter (`python -c pass`, the floor no lazy import can go below)
and the interpreter importing numpy (`python -c "import numpy"`, what a single calculation cost before it
had a numpy-free path). Each is printed with its ratio, and with the process's CPU time (user + system, from
the children's resource usage), which a loaded machine stretches less than the wall time. Takes ~10 s.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from typing import Any

from benchmarks.harness import ROOT, result, sized

TARGET_MS = 150.0
RUNS = sized(15, 7)
EXAMPLE = ROOT / "examples" / "calculations" / "mobilt-team-skola.yaml"


# As installed, a package has its bytecode (pip compiles it): a shell that forbids writing it would time the
# compiling of every module on every run instead (a third of the run), so the warm-up run may write it.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wall_ms(command: list[str]) -> float:
    return _timed_ms(command)[0]


def _timed_ms(command: list[str]) -> tuple[float, float]:
    """The process's wall time and its CPU time (user + system), in ms."""
    cpu = _children_cpu_s()
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = (time.perf_counter() - start) * 1000
    return wall, (_children_cpu_s() - cpu) * 1000


def run() -> list[dict[str, Any]]:
    calc = [sys.executable, "-m", "socialfund.cli", "calc", str(EXAMPLE)]
    numpy = [sys.executable, "-c", "import numpy"]
    bare = [sys.executable, "-c", "pass"]
    for command in (calc, numpy, bare):
        _wall_ms(command)  # warm the file cache
    samples: dict[str, list[float]] = {"calc": [], "numpy": [], "bare": []}
    cpu: dict[str, list[float]] = {"calc": [], "numpy": [], "bare": []}
    for _ in range(RUNS):
        for name, command in (("calc", calc), ("numpy", numpy), ("bare", bare)):
            wall, used = _timed_ms(command)
            samples[name].append(wall)
            cpu[name].append(used)
    median = {name: statistics.median(values) for name, values in samples.items()}
    cpu_median = {name: statistics.median(values) for name, values in cpu.items()}
    return [
        result(
            "cli_calc_whole_process",
            median["calc"],
            baseline=median["bare"],
            baseline_is="python -c pass (the bare interpreter, the floor)",
            numpy_import_median_ms=round(median["numpy"], 1),
            ratio_to_numpy_import=round(median["calc"] / median["numpy"], 2),
            cpu_median_ms=round(cpu_median["calc"], 1),
            interpreter_cpu_median_ms=round(cpu_median["bare"], 1),
            numpy_import_cpu_median_ms=round(cpu_median["numpy"], 1),
            cpu_ratio_to_interpreter=round(cpu_median["calc"] / cpu_median["bare"], 2),
            runs=RUNS,
            target_ms=TARGET_MS,
            within_target=median["calc"] < TARGET_MS,
        )
    ]
