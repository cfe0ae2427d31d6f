"""Timing helpers for the benchmarks: medians of repeated runs, printed as JSON lines."""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable
from typing import Any


def median_ms(fn: Callable[[], Any], *, repeat: int = 21, warmup: int = 2, gc_on: bool = False) -> float:
    """The median wall time of `fn()` in milliseconds over `repeat` runs, after `warmup` runs.

    The garbage collector is off while timing unless `gc_on` (a request as a server answers it)."""
    for _ in range(warmup):
        fn()
    samples = []
    gc_was_enabled = gc.isenabled()
    if not gc_on:
        gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - start) * 1000)
    finally:
        if gc_was_enabled:
            gc.enable()
    return statistics.median(samples)


def result(name: str, median: float, *, baseline: float | None = None, **extra: Any) -> dict[str, Any]:
    """One benchmark line; `ratio` is baseline / median (how many times faster than the baseline)."""
    line: dict[str, Any] = {"benchmark": name, "median_ms": round(median, 3)}
    if baseline is not None:
        line["baseline_median_ms"] = round(baseline, 3)
        line["ratio"] = round(baseline / median, 2) if median > 0 else None
    line.update(extra)
    return line


def emit(lines: list[dict[str, Any]]) -> None:
    for line in lines:
        print(json.dumps(line, ensure_ascii=False), flush=True)
