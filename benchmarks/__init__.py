"""Benchmarks: run all with `make bench` (python -m benchmarks), or one with `python -m benchmarks NAME`.

Each benchmark module is `benchmarks/bench_<name>.py` with a `run() -> list[dict]`;
each dict is one printed JSON line with at least `benchmark`, `median_ms`, and,
where the benchmark compares, `baseline_median_ms` and `ratio` (baseline / median),
both measured in the same run so that a noisy machine affects them alike.
"""
