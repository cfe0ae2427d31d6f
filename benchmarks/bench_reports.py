"""The April follow-up report for a fund with 200 projects, as PDF, Word and XLSX (issue #9).

Target: the PDF under 10 s (gathering the data included). In the same run the PDF is timed for a
fund with 20 projects; `growth_20_to_200` is the ratio of the two (10 would be linear in the projects;
less, because the fixed parts — contents, charts, comparison tables — weigh more in the small report). Runs in its own process with
a throw-away database (benchmarks/django_worker.py, scenario april_report), on SQLite.
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
PDF_TARGET_MS = 10_000.0


def _run() -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.django_worker", "april_report"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(completed.stdout.strip().splitlines()[-1]))


def run() -> list[dict[str, Any]]:
    figures = _run()
    common = {"projects": figures["projects"], "vendor": figures["vendor"]}
    return [
        result("april_report_gather", figures["gather_median_ms"], **common),
        result(
            "april_report_pdf",
            figures["pdf_median_ms"],
            target_ms=PDF_TARGET_MS,
            within_target=figures["pdf_median_ms"] < PDF_TARGET_MS,
            pages=figures["pages_pdf"],
            pdf_20_projects_median_ms=round(figures["pdf_20_median_ms"], 3),
            growth_20_to_200=round(figures["pdf_median_ms"] / figures["pdf_20_median_ms"], 2),
            **common,
        ),
        result("april_report_docx", figures["docx_median_ms"], **common),
        result("april_report_xlsx", figures["xlsx_median_ms"], **common),
    ]
