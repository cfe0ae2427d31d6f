"""The case list, a search and the pipeline with 10 000 cases and 100 boards, on SQLite and PostgreSQL.

Each page's median server time (through Django's test client: session, view, template; garbage collector
on) is printed beside its bare SQL: the statements the page ran, run again on a cursor with no Django
between, timed in turns with the page. `ratio` is page / SQL. Targets: under 150 ms (issue #5), and a
query count that does not grow with the rows (the tests assert that). PostgreSQL is used when reachable
(BENCH_POSTGRES_URL, DATABASE_URL, or a server on 127.0.0.1:5432); each run makes a test database of its
own name (harness.unique_name), so two runs never clash. Takes 2–4 minutes.
`python -m benchmarks case_lists_100k` is the same at 100 000 cases, on PostgreSQL only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any

from benchmarks.harness import result, run_worker

TARGET_MS = 150.0
PAGES = ("list", "list_search", "pipeline")


def postgres_url() -> str | None:
    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return url
    if (
        shutil.which("pg_isready")
        and subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False).returncode == 0
    ):
        return "postgres://postgres@127.0.0.1:5432/postgres"  # only the server: the test database is our own
    return None


def page_lines(figures: dict[str, Any], label: str, target_ms: float) -> list[dict[str, Any]]:
    return [
        result(
            f"case_{page}_{label}",
            figures[f"{page}_median_ms"],
            baseline=figures[f"{page}_sql_median_ms"],
            baseline_is="the page's SQL alone",
            cases=figures["cases"],
            boards=figures["boards"],
            queries=figures[f"{page}_queries"],
            django_cpu_median_ms=round(figures[f"{page}_cpu_median_ms"], 2),
            target_ms=target_ms,
            within_target=figures[f"{page}_median_ms"] < target_ms,
        )
        for page in PAGES
    ]


def run() -> list[dict[str, Any]]:
    lines = page_lines(run_worker("case_lists", database_url=None), "sqlite", TARGET_MS)
    postgres = postgres_url()
    if postgres:
        lines += page_lines(run_worker("case_lists", database_url=postgres), "postgresql", TARGET_MS)
    else:
        lines.append({"benchmark": "case_lists_postgresql", "skipped": "PostgreSQL is not reachable"})
    return lines
