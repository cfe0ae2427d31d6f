"""The April follow-up report as a user downloads it (issue 22): through its page, garbage collector on.

Targets: the 200-project report PDF under 4 s as served, and its time nearly flat in the projects
(20 → 400: ratio under 1.5); the 200-project Word file under 1 s. Each document is printed beside its
baseline, the data gathering alone, timed in turns with it; the annex (every project's lines, its own
document) is printed too. Runs in its own process with a throw-away SQLite database
(benchmarks/django_worker.py, scenario april_report). Takes 3–6 minutes on a quiet 2-core machine.
"""

from __future__ import annotations

from typing import Any

from benchmarks.harness import result, run_worker

PDF_TARGET_MS = 4_000.0
DOCX_TARGET_MS = 1_000.0
GROWTH_TARGET = 1.5


def run() -> list[dict[str, Any]]:
    figures = run_worker("april_report", database_url=None)
    projects = figures["projects"]
    growth = figures["pdf_400_median_ms"] / figures["pdf_20_median_ms"]
    growth_cpu = figures["pdf_400_cpu_median_ms"] / figures["pdf_20_cpu_median_ms"]

    def line(name: str, key: str, **extra: Any) -> dict[str, Any]:
        return result(
            name,
            figures[f"{key}_median_ms"],
            baseline=figures[_gather_key(key)],
            baseline_is="gathering the report's data alone",
            # The process's own CPU time: on a loaded machine, what the wall time would be on an idle one.
            cpu_median_ms=round(figures[f"{key}_cpu_median_ms"], 1),
            baseline_cpu_median_ms=round(figures[_gather_key(key).replace("_median_ms", "_cpu_median_ms")], 1),
            **extra,
        )

    return [
        line("april_report_pdf_20_projects", "pdf_20", projects=20, pages=figures["pages_pdf_20"]),
        line(
            "april_report_pdf",
            "pdf",
            projects=projects,
            pages=figures["pages_pdf"],
            target_ms=PDF_TARGET_MS,
            within_target=figures["pdf_median_ms"] < PDF_TARGET_MS,
            within_target_cpu=figures["pdf_cpu_median_ms"] < PDF_TARGET_MS,
        ),
        line(
            "april_report_pdf_400_projects",
            "pdf_400",
            projects=400,
            pages=figures["pages_pdf_400"],
            growth_20_to_400=round(growth, 2),
            growth_20_to_400_cpu=round(growth_cpu, 2),
            growth_target=GROWTH_TARGET,
            within_target=growth < GROWTH_TARGET,
        ),
        line("april_annex_pdf", "annex_pdf", projects=projects, pages=figures["pages_annex_pdf"]),
        line(
            "april_report_docx",
            "docx",
            projects=projects,
            target_ms=DOCX_TARGET_MS,
            within_target=figures["docx_median_ms"] < DOCX_TARGET_MS,
            within_target_cpu=figures["docx_cpu_median_ms"] < DOCX_TARGET_MS,
        ),
        line("april_annex_docx", "annex_docx", projects=projects),
        line("april_report_xlsx_with_annex_tables", "xlsx", projects=projects),
    ]


def _gather_key(key: str) -> str:
    """The baseline timed beside `key`: pdf_20 → gather_20, pdf → gather, docx → docx_gather…"""
    if key.startswith("pdf"):
        return "gather" + key.removeprefix("pdf") + "_median_ms"
    return f"{key}_gather_median_ms"
