"""The API's case list, the case list and the fund page under concurrent load on loopback (issue 22).

gunicorn with 4 workers on PostgreSQL serves a database with the Södertälje demo and 10 000 more
cases; a load tool hits each URL for a bounded time: wrk when it is installed (Debian's `wrk`), else a
small threaded Python client. The load tool runs on a processor of its own and gunicorn on the others
(taskset), where the machine has two or more. Prints requests per second and p50/p95/p99 latency per
URL, with production's persistent database connections, beside the same load with a new connection per
request (DATABASE_CONN_MAX_AGE=0) as the baseline; `ratio` is p50 over the baseline's p50. The database
and the port are this run's own. Skipped, with a line saying so, when PostgreSQL is not reachable. Only
loopback addresses are used. Takes about 2 minutes.
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
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import result, sized, unique_name

ROOT = Path(__file__).resolve().parent.parent
DURATION_S = sized(8, 3)
CONNECTIONS = 8
WORKERS = 4
CASES = sized(10_000, 2_000)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_ready() -> bool:
    return (
        bool(shutil.which("pg_isready"))
        and subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False).returncode == 0
    )


def _env(url: str, *, conn_max_age: int | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env |= {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "socialfund.settings",
        "LOG_LEVEL": "WARNING",
    }
    if conn_max_age is not None:
        env["DATABASE_CONN_MAX_AGE"] = str(conn_max_age)
    return env


SETUP = r"""
import datetime as dt, django, json, sys
django.setup()
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from socialfund.demo.loader import demo_load
from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.cases.models import Initiative
summary = demo_load()
board = summary.fund.organisation.boards.get(code="UN")
stages, statuses = ["interest", "idea", "application", "preparation"], ["active"] * 3 + ["withdrawn", "granted"]
Initiative.objects.bulk_create([Initiative(fund=summary.fund, title=f"Initiativ {n}", initiator_name="Nämnd",
    initiator_type="board", lead_board=board, stage=stages[n % 4], status=statuses[n % 5],
    filed_on=dt.date(2015, 1, 1) + dt.timedelta(days=n % 3000), policy_id="sodertalje-2013")
    for n in range(int(sys.argv[1]))], batch_size=1000)

def session(username):
    user = User.objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

token = token_create(user=User.objects.get(username="lasare"), name="bench").plaintext
print(json.dumps({"token": token, "reader": session("lasare"), "preparer": session("beredning"),
    "fund": summary.fund.slug}))
"""


def _prepare(url: str, database: str) -> dict[str, str]:
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    env = _env(url)
    subprocess.run([sys.executable, "-m", "socialfund.cli", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    out = subprocess.run(
        [sys.executable, "-c", SETUP, str(CASES)], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", "VACUUM ANALYZE", database], check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _cpus() -> tuple[list[int], list[int]]:
    """(the server's processors, the load tool's): the last one for the load tool, where there are two."""
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return available, available
    return available[:-1], available[-1:]


def _pinned(cpus: list[int], command: list[str]) -> list[str]:
    if not shutil.which("taskset"):
        return command
    return ["taskset", "-c", ",".join(map(str, cpus)), *command]


def _wrk(url: str, header: str, cpus: list[int]) -> dict[str, float]:
    script = Path(tempfile.mkdtemp()) / "report.lua"
    script.write_text(
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("JSON {\\"rps\\": %f, \\"p50\\": %f, \\"p95\\": %f, \\"p99\\": %f, '
        '\\"errors\\": %d}\\n",\n'
        "    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,\n"
        "    latency:percentile(95) / 1000, latency:percentile(99) / 1000,\n"
        "    summary.errors.status + summary.errors.connect + summary.errors.timeout))\n"
        "end\n"
    )
    out = subprocess.run(
        _pinned(cpus, ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION_S}s", "-H", header, "-s", str(script), url]),
        capture_output=True,
        text=True,
        check=True,
        timeout=DURATION_S + 30,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("JSON "))
    return dict(json.loads(line[5:]))


def _python_load(port: int, path: str, header: str) -> dict[str, float]:
    name, value = header.split(": ", 1)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + DURATION_S

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            conn.request("GET", path, headers={name: value})
            response = conn.getresponse()
            response.read()
            with lock:
                latencies.append((time.perf_counter() - start) * 1000)
                errors += response.status >= 400
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ordered = sorted(latencies)
    return {
        "rps": len(ordered) / DURATION_S,
        "p50": statistics.median(ordered),
        "p95": ordered[int(len(ordered) * 0.95) - 1],
        "p99": ordered[int(len(ordered) * 0.99) - 1],
        "errors": errors,
    }


def _serve(url: str, port: int, cpus: list[int], conn_max_age: int | None) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "socialfund.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        _pinned(cpus, [*command, "--log-level", "warning"]), cwd=ROOT, env=_env(url, conn_max_age=conn_max_age)
    )


def _measure(url: str, secrets_: dict[str, str], conn_max_age: int | None) -> dict[str, dict[str, float]]:
    """Each URL's figures from one gunicorn (production settings, or with the given connection age)."""
    server_cpus, load_cpus = _cpus()
    for _attempt in range(3):  # a port free a moment ago may be taken by another run: try another
        port = _free_port()
        server = _serve(url, port, server_cpus, conn_max_age)
        try:
            _wait_for(port, server)
        except RuntimeError:
            server.kill()
            server.wait(timeout=20)
            continue
        try:
            figures = {}
            targets = _targets(secrets_)
            for _name, path, header in targets:
                _warm_up(port, path, header)  # first requests load policies and templates in each worker
            for name, path, header in targets:
                figures[name] = (
                    _wrk(f"http://127.0.0.1:{port}{path}", header, load_cpus)
                    if shutil.which("wrk")
                    else _python_load(port, path, header)
                )
            return figures
        finally:
            server.terminate()
            server.wait(timeout=20)
    raise RuntimeError("gunicorn did not start on any of three ports")


def _targets(secrets_: dict[str, str]) -> list[tuple[str, str, str]]:
    return [
        ("api_initiative_list", "/api/v1/initiatives?limit=50", f"Authorization: Bearer {secrets_['token']}"),
        ("case_list", "/arenden/", f"Cookie: sessionid={secrets_['preparer']}"),
        ("fund_page", f"/fond/{secrets_['fund']}/", f"Cookie: sessionid={secrets_['reader']}"),
    ]


def run() -> list[dict[str, Any]]:
    if not _postgres_ready():
        return [{"benchmark": "api_load", "skipped": "PostgreSQL is not reachable"}]
    database = unique_name("load")
    url = f"postgres://postgres@127.0.0.1:5432/{database}"
    try:
        secrets_ = _prepare(url, database)
        persistent = _measure(url, secrets_, None)  # production's settings: persistent connections
        per_request = _measure(url, secrets_, 0)  # the baseline: a new connection for every request
    finally:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=False)
    server_cpus, load_cpus = _cpus()
    lines = []
    for name, figures in persistent.items():
        base = per_request[name]
        lines.append(
            result(
                f"load_{name}",
                figures["p50"],
                baseline=base["p50"],
                baseline_is="the same load with a new database connection per request",
                p95_ms=round(figures["p95"], 2),
                p99_ms=round(figures["p99"], 2),
                requests_per_s=round(figures["rps"], 1),
                baseline_p95_ms=round(base["p95"], 2),
                baseline_p99_ms=round(base["p99"], 2),
                baseline_requests_per_s=round(base["rps"], 1),
                errors=int(figures["errors"] + base["errors"]),
                tool="wrk" if shutil.which("wrk") else "python",
                cases=CASES,
                workers=WORKERS,
                connections=CONNECTIONS,
                seconds=DURATION_S,
                server_cpus=server_cpus,
                load_cpus=load_cpus,
            )
        )
    return lines


def _warm_up(port: int, path: str, header: str) -> None:
    name, value = header.split(": ", 1)
    for _ in range(10):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=180)  # a loaded machine: be patient
        conn.request("GET", path, headers={name: value})
        conn.getresponse().read()
        conn.close()


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited (the port may be taken)")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")
