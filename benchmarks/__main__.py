"""Run the benchmarks: `python -m benchmarks [--quick] [NAME ...]`: every one but those marked
`DEFAULT = False`, which run only when named. Each prints JSON lines; the last line says how long each
benchmark took.

`--quick` (what `make bench` runs, a few minutes) measures the same figures on smaller fixtures with fewer
repeats (2 000 cases instead of 10 000, 3-second load runs); `make bench-full` runs the full sizes and the
100 000-case lists. The mode is printed first, so a figure is never read without its size."""

from __future__ import annotations

import gc
import importlib
import json
import os
import pkgutil
import sys
import time
from pathlib import Path
from typing import Any

ISSUE_22_FIGURES = {
    "april_report_pdf": "the April report PDF, 200 projects, as served (goal < 4 s)",
    "april_report_pdf_400_projects": "the same at 400 projects, and its growth from 20 (goal < 1.5)",
    "april_report_docx": "the April report DOCX, 200 projects (goal < 1 s)",
    "load_api_initiative_list": "API list under load, persistent connections beside one per request",
    "load_case_list": "case list under load, persistent connections beside one per request",
    "load_fund_page": "fund page under load, persistent connections beside one per request",
    "case_list_postgresql": "case list beside its bare SQL",
    "case_list_search_postgresql": "case search beside its bare SQL",
    "case_pipeline_postgresql": "pipeline beside its bare SQL",
    "cli_calc_whole_process": "socialfund calc as a whole process (goal < 0.15 s)",
}
"""Issue 22's "Done means": every figure it names, printed at the end of a full run with its baseline and
ratio (or `missing`), so that one look at `make bench` answers whether each was measured."""


def main(argv: list[str]) -> int:
    if "--quick" in argv:
        argv = [arg for arg in argv if arg != "--quick"]
        # Before any benchmark module is imported: they and their worker processes read it (harness.QUICK).
        os.environ["BENCH_QUICK"] = "1"
    from benchmarks.harness import QUICK, emit

    print(
        json.dumps({"benchmark": "mode", "mode": "quick" if QUICK else "full", "gc_enabled": gc.isenabled()}),
        flush=True,
    )
    folder = Path(__file__).parent
    names = sorted(
        m.name.removeprefix("bench_") for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_")
    )
    unknown = [n for n in argv if n not in names]
    if unknown:
        print(f"okänd benchmark: {', '.join(unknown)}; finns: {', '.join(names)}", file=sys.stderr)
        return 2
    modules = {name: importlib.import_module(f"benchmarks.bench_{name}") for name in argv or names}
    wanted = argv or [name for name, module in modules.items() if getattr(module, "DEFAULT", True)]
    seconds: dict[str, float] = {}
    printed: dict[str, dict[str, Any]] = {}
    failed = False
    for name in wanted:
        start = time.perf_counter()
        try:
            lines = modules[name].run()
        except Exception as error:  # noqa: BLE001 - one failing benchmark must not hide the others' figures
            lines = [{"benchmark": name, "error": f"{type(error).__name__}: {error}"[:500]}]
            failed = True
        emit(lines)
        printed |= {line["benchmark"]: line for line in lines}
        seconds[name] = round(time.perf_counter() - start, 1)
    print(json.dumps({"benchmark": "seconds_per_benchmark", **seconds}), flush=True)
    if not argv:
        emit(issue_22_summary(printed))
    return 1 if failed else 0


def issue_22_summary(printed: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per figure of issue 22: its median, baseline and ratio as printed above, or `missing`."""
    keys = ("median_ms", "baseline_median_ms", "ratio", "p95_ms", "p99_ms", "requests_per_s", "growth_20_to_400")
    lines = []
    for name, what in ISSUE_22_FIGURES.items():
        line = printed.get(name)
        figures = {key: line[key] for key in keys if line and key in line}
        lines.append({"benchmark": f"issue_22 {name}", "figure": what, **(figures or {"missing": True})})
    return lines


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
