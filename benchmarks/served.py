"""Pages as a user gets them: a PostgreSQL database of this run's own, filled by one fixture, served by gunicorn
with 4 workers on loopback, and one bounded load loop (issues 22 and 28). The load benchmark
(bench_api_load.py) and the tenancy benchmark (bench_tenancy_load.py) both measure through this module.

The load is a closed loop: `CONCURRENCY` clients (no more than the workers), each sending its next request
when the last one is answered, so the server is never asked for more than it can take at once and a slow
page shows as latency, not as a queue that grows until the run ends. Where the machine has two or more
processors, the server runs on all but the last and the load loop on the last (`os.sched_setaffinity`), so
the two do not take turns on one core. Beside the wall figures, each URL gets the server's own CPU time per
request (the gunicorn workers' and the PostgreSQL backends' user + system time, read from /proc): on a
machine shared with other work, wall time is stretched by what else runs, CPU time much less.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from benchmarks.harness import ROOT, sized

WORKERS = 4
CONCURRENCY = WORKERS
"""Clients in the closed loop: at most one request waiting per worker."""
DURATION_S = sized(8, 3)
HOST = "127.0.0.1"
ADMIN = f"postgres://postgres@{HOST}:5432"


class Target(NamedTuple):
    """One URL under load: its name in the figures, its path and the header that signs the user in."""

    name: str
    path: str
    header: str


SETUP = r"""
import django, json, sys
django.setup()
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from benchmarks.tenancy_fixture import populate
from socialfund.accounts.models import User
from socialfund.accounts.tenancy import tenant_of
from socialfund.accounts.tokens import token_create
from socialfund.cases.models import Initiative
from socialfund.organisation.tenancy import entered
tenants, per, projects = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
fund = populate(tenants=tenants, cases_per_tenant=per, projects_per_tenant=projects)

def session(username):
    user = User.objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

reader = User.objects.get(username="lasare")
with entered(tenant_of(reader)):
    token = token_create(user=reader, name="bench").plaintext
case = Initiative.objects.get(fund=fund, title="Familjecentraler")
print(json.dumps({"token": token, "reader": session("lasare"), "preparer": session("beredning"),
    "fund": fund.slug, "case": case.pk, "cases": Initiative.objects.count()}))
"""
"""Fills a migrated database (benchmarks/tenancy_fixture.py) and prints what the load needs to sign in."""


def targets(secrets: dict[str, Any]) -> list[Target]:
    """The pages both load benchmarks measure, as the demo's preparer (lists, case) and reader (fund, API)."""
    preparer, reader = f"Cookie: sessionid={secrets['preparer']}", f"Cookie: sessionid={secrets['reader']}"
    return [
        Target("api_initiative_list", "/api/v1/initiatives?limit=50", f"Authorization: Bearer {secrets['token']}"),
        Target("case_list", "/arenden/", preparer),
        Target("case_page", f"/arenden/{secrets['case']}/", preparer),
        Target("fund_page", f"/fond/{secrets['fund']}/", reader),
    ]


def postgres_ready() -> bool:
    return (
        bool(shutil.which("pg_isready"))
        and subprocess.run(["pg_isready", "-q", "-h", HOST, "-p", "5432"], check=False).returncode == 0
    )


def server_env(url: str, *, conn_max_age: int | None = None) -> dict[str, str]:
    """Production settings on `url`, on loopback; `conn_max_age` overrides the persistent connections."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env |= {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "socialfund.settings",
        "LOG_LEVEL": "WARNING",
    }
    if conn_max_age is not None:
        env["DATABASE_CONN_MAX_AGE"] = str(conn_max_age)
    return env


def psql(sql: str, database: str = "postgres") -> None:
    subprocess.run(["psql", "-h", HOST, "-U", "postgres", "-q", "-d", database, "-c", sql], check=True)


@contextmanager
def filled_database(
    database: str, *, tenants: int, cases_per_tenant: int, projects_per_tenant: int
) -> Iterator[dict[str, Any]]:
    """A new database `database`, migrated and filled (SETUP), analysed as autovacuum would; dropped after."""
    url = f"{ADMIN}/{database}"
    subprocess.run(["createdb", "-h", HOST, "-U", "postgres", database], check=True)
    try:
        env = server_env(url)
        subprocess.run([sys.executable, "-m", "socialfund.cli", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        out = subprocess.run(
            [sys.executable, "-c", SETUP, str(tenants), str(cases_per_tenant), str(projects_per_tenant)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        psql("VACUUM ANALYZE", database)
        yield dict(json.loads(out.stdout.strip().splitlines()[-1]))
    finally:
        subprocess.run(["dropdb", "-h", HOST, "-U", "postgres", "--if-exists", database], check=False)


def cpus() -> tuple[list[int], list[int]]:
    """(the server's processors, the load loop's): the last one for the load loop, where there are two."""
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return available, available
    return available[:-1], available[-1:]


def measure(
    url: str, database: str, pages: list[Target], *, conn_max_age: int | None = None
) -> dict[str, dict[str, float]]:
    """Each page's figures from one gunicorn with `WORKERS` workers on `url` (production settings, or with
    the given connection age): req/s, p50/p95/p99 in ms, errors, and the server's CPU ms per request."""
    server_cpus, load_cpus = cpus()
    for _attempt in range(3):  # a port free a moment ago may be taken by another run: try another
        port = _free_port()
        command = [sys.executable, "-m", "gunicorn", "socialfund.wsgi", "-w", str(WORKERS), "-b", f"{HOST}:{port}"]
        if shutil.which("taskset"):
            command = ["taskset", "-c", ",".join(map(str, server_cpus)), *command]
        server = subprocess.Popen(
            [*command, "--log-level", "warning"], cwd=ROOT, env=server_env(url, conn_max_age=conn_max_age)
        )
        try:
            if not _started(port, server):
                continue
            for page in pages:
                _warm_up(port, page)  # the first requests load policies and templates in each worker
            figures = {}
            for page in pages:
                before = _server_cpu_s(server.pid, database)
                figures[page.name] = closed_loop(port, page, load_cpus)
                used = _server_cpu_s(server.pid, database) - before
                figures[page.name]["server_cpu_ms"] = 1000 * used / max(figures[page.name]["requests"], 1)
            return figures
        finally:
            server.terminate()
            server.wait(timeout=20)
    raise RuntimeError("gunicorn did not start on any of three ports")


def closed_loop(port: int, page: Target, load_cpus: list[int]) -> dict[str, float]:
    """`CONCURRENCY` clients on `page` for `DURATION_S` seconds, each waiting for its answer before the next
    request, run on `load_cpus` (the threads inherit the mask set before they start)."""
    name, value = page.header.split(": ", 1)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    mask = os.sched_getaffinity(0)
    os.sched_setaffinity(0, load_cpus)
    deadline = time.perf_counter() + DURATION_S

    def client() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            conn.request("GET", page.path, headers={name: value})
            response = conn.getresponse()
            response.read()
            with lock:
                latencies.append((time.perf_counter() - start) * 1000)
                errors += response.status >= 400
        conn.close()

    try:
        threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        os.sched_setaffinity(0, mask)
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "rps": len(ordered) / DURATION_S,
        "p50": statistics.median(ordered),
        "p95": _percentile(ordered, 95),
        "p99": _percentile(ordered, 99),
        "errors": errors,
    }


def figures_of(figures: dict[str, float], prefix: str = "") -> dict[str, float]:
    """A page's load figures for a result line, each key with `prefix` (`baseline_`, `one_tenant_` …)."""
    return {
        f"{prefix}p95_ms": round(figures["p95"], 2),
        f"{prefix}p99_ms": round(figures["p99"], 2),
        f"{prefix}requests_per_s": round(figures["rps"], 1),
        f"{prefix}server_cpu_ms_per_request": round(figures["server_cpu_ms"], 2),
    }


def _percentile(ordered: list[float], p: int) -> float:
    return ordered[max(int(len(ordered) * p / 100) - 1, 0)]


def _server_cpu_s(master: int, database: str) -> float:
    """User + system CPU seconds so far of gunicorn's workers and of the PostgreSQL backends on `database`."""
    workers = _children(master)
    out = subprocess.run(
        ["psql", "-h", HOST, "-U", "postgres", "-At", "-d", "postgres", "-v", f"db={database}"],
        input="SELECT pid FROM pg_stat_activity WHERE datname = :'db';\n",  # psql quotes the name
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    backends = [int(pid) for pid in out.split()]
    return sum(_cpu_s(pid) for pid in [master, *workers, *backends])


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as file:
            return [int(child) for child in file.read().split()]
    except OSError:
        return []


def _cpu_s(pid: int) -> float:
    """utime + stime of `pid` in seconds (0 when it has gone)."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            fields = file.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _started(port: int, server: subprocess.Popen[bytes]) -> bool:
    for _ in range(600):
        if server.poll() is not None:
            return False  # it exited: the port may have been taken
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    server.kill()
    return False


def _warm_up(port: int, page: Target) -> None:
    name, value = page.header.split(": ", 1)
    for _ in range(2 * WORKERS):
        conn = http.client.HTTPConnection(HOST, port, timeout=180)  # a loaded machine: be patient
        conn.request("GET", page.path, headers={name: value})
        conn.getresponse().read()
        conn.close()
