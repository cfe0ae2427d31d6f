"""The guided form's live calculator: median server time of one htmx update (target under 100 ms).

A 10-year calculation with 10 effect lines, posted to the preview endpoint as the
page does while the user types; once without uncertainty ranges and once with them
(which adds a 2 000-draw simulation). Each beside its SQL alone (the statements the update ran, run again
on a cursor). Runs in its own process on SQLite. Takes about 30 seconds.
"""

from __future__ import annotations

from typing import Any

from benchmarks.harness import result, run_worker

TARGET_MS = 100.0


def run() -> list[dict[str, Any]]:
    figures = run_worker("calc_preview", database_url=None)
    return [
        result(
            f"guided_{name}",
            figures[f"{name}_median_ms"],
            baseline=figures[f"{name}_sql_median_ms"],
            baseline_is="the update's SQL alone",
            queries=figures[f"{name}_queries"],
            django_cpu_median_ms=round(figures[f"{name}_cpu_median_ms"], 2),
            effects=figures["effects"],
            years=figures["years"],
            target_ms=TARGET_MS,
            within_target=figures[f"{name}_median_ms"] < TARGET_MS,
        )
        for name in ("preview", "preview_with_simulation")
    ]
