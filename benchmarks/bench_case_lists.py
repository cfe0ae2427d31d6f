"""The case list and pipeline with 10 000 cases and 100 boards, on SQLite and (when reachable) PostgreSQL.

Target (issue #5): median server time under 150 ms on each database, with a query
count that does not grow with the rows (the tests assert the latter).
Each database runs in its own process (benchmarks/django_worker.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.harness import result

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 150.0


def _postgres_url() -> str | None:
    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return url
    if (
        shutil.which("pg_isready")
        and subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False).returncode == 0
    ):
        return "postgres://postgres@127.0.0.1:5432/socialfund"
    return None


def _run(database_url: str | None) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url:
        env["DATABASE_URL"] = database_url
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.django_worker", "case_lists"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(completed.stdout.strip().splitlines()[-1]))


def run() -> list[dict[str, Any]]:
    lines = []
    targets = [("sqlite", None)]
    postgres = _postgres_url()
    if postgres:
        targets.append(("postgresql", postgres))
    for label, url in targets:
        figures = _run(url)
        for page in ("list", "list_search", "pipeline"):
            median = figures[f"{page}_median_ms"]
            lines.append(
                result(
                    f"case_{page}_{label}",
                    median,
                    cases=figures["cases"],
                    boards=figures["boards"],
                    queries=figures[f"{page}_queries"],
                    target_ms=TARGET_MS,
                    within_target=median < TARGET_MS,
                )
            )
    if not postgres:
        lines.append({"benchmark": "case_lists_postgresql", "skipped": "PostgreSQL is not reachable"})
    return lines
