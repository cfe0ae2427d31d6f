"""One installation for 300 organisations (issue 28): the API's case list, the case list, a case page and the
fund page under a bounded load, with 300 tenants × 50 cases (15 000 cases; each tenant with its fund's booked
capital and granted, paid projects in follow-up), served as the app role, under row-level security.

`ratio` compares like with like: the same database, the same pages and the same rows answered, served as the
table owner, whom no policy binds (`baseline_*`); it is the cost of the database's second lock. Beside both,
one organisation holding all 15 000 cases (`one_tenant_*`, served as the owner: one municipality on its own
machine), whose pages answer for 300 times the rows. gunicorn runs 4 workers on PostgreSQL on loopback under
benchmarks/served.py's closed loop; each line gives p50, p95 and the server's CPU per request (the workers' and
the database's), which a shared machine stretches less than the wall figures. Goal: p95 under 300 ms,
ratio under 1.2.

Not in `make bench` (filling the databases takes minutes): run it by name, `python -m benchmarks
tenancy_load` (`--quick`: 30 tenants). BENCH_TENANCY_PROJECTS sets the granted projects per tenant (default 2;
each goes through four services, the slow part of the fill). Skipped without PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from contextlib import ExitStack
from typing import Any

from benchmarks import served
from benchmarks.harness import ROOT, result, sized, unique_name

DEFAULT = False
"""Run only when named."""
TENANTS = sized(300, 30)
CASES_PER_TENANT = 50
PROJECTS_PER_TENANT = int(os.environ.get("BENCH_TENANCY_PROJECTS", "2"))
TARGET_P95_MS = 300.0
TARGET_RATIO = 1.2


def _app_role(role: str, database: str) -> None:
    """A login role of this run's own, with the app role's rights (socialfund app_role): policies bind it."""
    served.psql(f"CREATE ROLE {role} LOGIN")
    env = served.server_env(f"{served.ADMIN}/{database}")
    subprocess.run([sys.executable, "-m", "socialfund.cli", "app_role", "--role", role], cwd=ROOT, env=env, check=True)


def run() -> list[dict[str, Any]]:
    if not served.postgres_ready():
        return [{"benchmark": "tenancy_load", "skipped": "PostgreSQL is not reachable"}]
    many, one = unique_name("tenants"), unique_name("one_tenant")
    role = f"sf_bench_app_{secrets.token_hex(3)}"
    with ExitStack() as stack:
        stack.callback(served.psql, f"DROP ROLE IF EXISTS {role}")  # last, once its databases are gone
        tenants = stack.enter_context(
            served.filled_database(
                many, tenants=TENANTS, cases_per_tenant=CASES_PER_TENANT, projects_per_tenant=PROJECTS_PER_TENANT
            )
        )
        single = stack.enter_context(
            served.filled_database(
                one,
                tenants=1,
                cases_per_tenant=CASES_PER_TENANT * TENANTS,
                projects_per_tenant=PROJECTS_PER_TENANT * TENANTS,
            )
        )
        _app_role(role, many)
        pages = served.targets(tenants)
        under_rls = served.measure(f"postgres://{role}@{served.HOST}:5432/{many}", many, pages)
        as_owner = served.measure(f"{served.ADMIN}/{many}", many, pages)
        alone = served.measure(f"{served.ADMIN}/{one}", one, served.targets(single))
    lines = []
    for name, figures in under_rls.items():
        base, whole = as_owner[name], alone[name]
        lines.append(
            result(
                f"tenancy_{name}",
                figures["p50"],
                baseline=base["p50"],
                baseline_is="the same database and pages served as the table owner (no policy binds)",
                p95_ratio=round(figures["p95"] / base["p95"], 2),
                server_cpu_ratio=round(figures["server_cpu_ms"] / base["server_cpu_ms"], 2)
                if base["server_cpu_ms"]
                else None,
                **served.figures_of(figures),
                **served.figures_of(base, "baseline_"),
                one_tenant_p50_ms=round(whole["p50"], 2),
                **served.figures_of(whole, "one_tenant_"),
                errors=int(figures["errors"] + base["errors"] + whole["errors"]),
                goal=f"p95 < {TARGET_P95_MS:.0f} ms, ratio < {TARGET_RATIO}",
                within_goal=figures["p95"] < TARGET_P95_MS and figures["p95"] / base["p95"] < TARGET_RATIO,
                tenants=TENANTS,
                projects_per_tenant=PROJECTS_PER_TENANT,
                cases=tenants["cases"],
                one_tenant_cases=single["cases"],
                workers=served.WORKERS,
                concurrency=served.CONCURRENCY,
                seconds=served.DURATION_S,
            )
        )
    return lines
