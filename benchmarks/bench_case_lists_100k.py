"""The case list, a search and the pipeline at 100 000 cases on PostgreSQL (issue 22): each under 40 ms
median server side, printed beside the page's SQL alone (see bench_case_lists).

Not part of a plain `make bench` (filling 100 000 cases takes minutes): run it by name,
`python -m benchmarks case_lists_100k`. Takes 4–8 minutes; skipped without PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from benchmarks.bench_case_lists import page_lines, postgres_url
from benchmarks.harness import run_worker

DEFAULT = False
"""Run only when named."""
TARGET_MS = 40.0


def run() -> list[dict[str, Any]]:
    postgres = postgres_url()
    if not postgres:
        return [{"benchmark": "case_lists_100k", "skipped": "PostgreSQL is not reachable"}]
    return page_lines(run_worker("case_lists_100k", database_url=postgres), "postgresql_100k", TARGET_MS)
