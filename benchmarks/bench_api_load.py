"""The API's case list, the case list, a case page and the fund page under a bounded load on loopback
(issue 22), with production's persistent database connections, beside the same load with a new connection
per request (DATABASE_CONN_MAX_AGE=0) as the baseline; `ratio` is p50 over the baseline's p50.

gunicorn with 4 workers on PostgreSQL serves the Södertälje demo with 10 000 more cases (in quick mode too:
the fill is a bulk insert), loaded by benchmarks/served.py's closed loop (4 clients, pinned apart from the
server where the machine has two processors). Prints requests per second, p50/p95/p99 and the server's CPU
per request for each URL. The database and the port are this run's own. Skipped, with a line saying so,
when PostgreSQL is not reachable. Takes about 2 minutes.
"""

from __future__ import annotations

from typing import Any

from benchmarks import served
from benchmarks.harness import result, unique_name

CASES = 10_000


def run() -> list[dict[str, Any]]:
    if not served.postgres_ready():
        return [{"benchmark": "api_load", "skipped": "PostgreSQL is not reachable"}]
    database = unique_name("load")
    url = f"{served.ADMIN}/{database}"
    with served.filled_database(database, tenants=1, cases_per_tenant=CASES, projects_per_tenant=0) as secrets:
        pages = served.targets(secrets)
        persistent = served.measure(url, database, pages)  # production's settings: persistent connections
        per_request = served.measure(url, database, pages, conn_max_age=0)  # a new connection per request
    server_cpus, load_cpus = served.cpus()
    lines = []
    for name, figures in persistent.items():
        base = per_request[name]
        lines.append(
            result(
                f"load_{name}",
                figures["p50"],
                baseline=base["p50"],
                baseline_is="the same load with a new database connection per request",
                **served.figures_of(figures),
                **served.figures_of(base, "baseline_"),
                errors=int(figures["errors"] + base["errors"]),
                cases=secrets["cases"],
                workers=served.WORKERS,
                concurrency=served.CONCURRENCY,
                seconds=served.DURATION_S,
                server_cpus=server_cpus,
                load_cpus=load_cpus,
            )
        )
    return lines
