"""Timing helpers for the benchmarks: medians of repeated runs, printed as JSON lines.

The garbage collector stays on, as it is for a user: a benchmark that turns it off measures a program no
one runs (the April report's PDF spent 21–31 % of its download in collections; issue 22). A baseline is
timed as often as what it is compared with, in turns (A B A B …), so that a machine that slows down or
speeds up during the run moves both alike; the ratio is the median of the pairs' ratios.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

QUICK = os.environ.get("BENCH_QUICK") == "1"
"""`make bench` (`python -m benchmarks --quick`): the same figures from smaller fixtures and fewer repeats, in
a few minutes; `make bench-full` runs the full sizes (10 000 cases, 400 projects, 100 000 cases)."""


def sized(full: int, quick: int) -> int:
    """`full` normally, `quick` in quick mode: a case count, a project count, a repeat count."""
    return quick if QUICK else full


def median_ms(fn: Callable[[], Any], *, repeat: int = 21, warmup: int = 2) -> float:
    """The median wall time of `fn()` in milliseconds over `repeat` runs, after `warmup` runs."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def paired_ms(
    measured: Callable[[], Any], baseline: Callable[[], Any], *, repeat: int = 21, warmup: int = 2
) -> tuple[float, float]:
    """(median of `measured`, median of `baseline`) in milliseconds, the two timed in turns, as often each."""
    for _ in range(warmup):
        measured()
        baseline()
    a, b = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        measured()
        middle = time.perf_counter()
        baseline()
        a.append((middle - start) * 1000)
        b.append((time.perf_counter() - middle) * 1000)
    return statistics.median(a), statistics.median(b)


def paired_cpu_ms(
    measured: Callable[[], Any], baseline: Callable[[], Any], *, repeat: int = 21, warmup: int = 2
) -> tuple[float, float, float, float]:
    """As `paired_ms`, and also the medians of this process's CPU time for each: (wall A, wall B, cpu A, cpu B).

    On a machine shared with other work, wall time is stretched by whatever else runs; the process's own CPU
    time is not, and for work done in this process alone (a document written from SQLite) it is what the
    wall time would be on an idle machine."""
    for _ in range(warmup):
        measured()
        baseline()
    wall_a, wall_b, cpu_a, cpu_b = [], [], [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        measured()
        middle, middle_cpu = time.perf_counter(), time.process_time()
        baseline()
        wall_a.append((middle - start) * 1000)
        cpu_a.append((middle_cpu - start_cpu) * 1000)
        wall_b.append((time.perf_counter() - middle) * 1000)
        cpu_b.append((time.process_time() - middle_cpu) * 1000)
    return tuple(statistics.median(x) for x in (wall_a, wall_b, cpu_a, cpu_b))  # type: ignore[return-value]


def result(name: str, median: float, *, baseline: float | None = None, **extra: Any) -> dict[str, Any]:
    """One benchmark line. `ratio` is median / baseline: how many times the baseline's time the measured
    code takes (under 1: faster than the baseline; for a page, its time over its SQL's alone)."""
    line: dict[str, Any] = {"benchmark": name, "median_ms": round(median, 3)}
    if baseline is not None:
        line["baseline_median_ms"] = round(baseline, 3)
        line["ratio"] = round(median / baseline, 2) if baseline > 0 else None
    line.update(extra)
    return line


def unique_name(stem: str) -> str:
    """A database name no other run on this host uses at the same time: the process id and a random tail.
    `BENCH_DATABASE_PREFIX` (default `socialfund_bench`) lets a shared server keep each person's apart."""
    prefix = os.environ.get("BENCH_DATABASE_PREFIX", "socialfund_bench")
    return f"{prefix}_{stem}_{os.getpid()}_{secrets.token_hex(3)}"


ROOT = Path(__file__).resolve().parent.parent


def run_worker(scenario: str, *, database_url: str | None, timeout: float = 3600) -> dict[str, Any]:
    """Run a Django scenario in its own process (benchmarks/django_worker.py) and return its figures."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url:
        env["DATABASE_URL"] = database_url
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.django_worker", scenario],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{scenario} failed:\n{completed.stderr[-3000:]}")
    return dict(json.loads(completed.stdout.strip().splitlines()[-1]))


def emit(lines: list[dict[str, Any]]) -> None:
    """Print each line with the machine's load (1, 5 and 15 minutes) when it was printed: a wall time is
    read beside how busy the cores were (2 cores at load 8 stretch it about fourfold; CPU time less so)."""
    load = [round(x, 2) for x in os.getloadavg()]
    for line in lines:
        print(json.dumps({**line, "load_1_5_15": load}, ensure_ascii=False), flush=True)
