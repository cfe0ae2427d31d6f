"""The API's case list and the dashboard under concurrent load on loopback.

gunicorn with 2 workers on PostgreSQL serves a database with the Södertälje demo and
2 000 more cases; a load tool hits each URL for a bounded time: wrk when it is
installed (Debian's `wrk`), else a small threaded Python client (which competes for
the same 2 cores, so its figures are lower bounds). Prints requests per second and
p50/p95 latency per URL. Skipped, with a line saying so, when PostgreSQL is not
reachable. Only loopback addresses are used.
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

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "socialfund_bench_load"
DURATION_S = 8
CONNECTIONS = 8


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_ready() -> bool:
    return (
        bool(shutil.which("pg_isready"))
        and subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False).returncode == 0
    )


def _env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env |= {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "socialfund.settings",
        "LOG_LEVEL": "WARNING",
    }
    return env


SETUP = r"""
import datetime as dt, django, json
django.setup()
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from socialfund.demo.loader import demo_load
from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.cases.models import Initiative
summary = demo_load()
board = summary.fund.organisation.boards.get(code="UN")
Initiative.objects.bulk_create([Initiative(fund=summary.fund, title=f"Initiativ {n}", initiator_name="Nämnd",
    initiator_type="board", lead_board=board, stage=["interest", "idea", "application"][n % 3], status="active",
    filed_on=dt.date(2015, 1, 1) + dt.timedelta(days=n % 900), policy_id="sodertalje-2013") for n in range(2000)])
user = User.objects.get(username="lasare")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({"token": token_create(user=user, name="bench").plaintext, "session": session.session_key}))
"""


def _prepare(url: str) -> dict[str, str]:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    env = _env(url)
    subprocess.run([sys.executable, "-m", "socialfund.cli", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    out = subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _wrk(url: str, header: str) -> dict[str, float]:
    script = Path(tempfile.mkdtemp()) / "report.lua"
    script.write_text(
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("JSON {\\"rps\\": %f, \\"p50\\": %f, \\"p95\\": %f, \\"errors\\": %d}\\n",\n'
        "    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,\n"
        "    latency:percentile(95) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout))\n"
        "end\n"
    )
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION_S}s", "-H", header, "-s", str(script), url],
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
        "errors": errors,
    }


def run() -> list[dict[str, Any]]:
    if not _postgres_ready():
        return [{"benchmark": "api_load", "skipped": "PostgreSQL is not reachable"}]
    url = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    secrets_ = _prepare(url)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "socialfund.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=_env(url),
    )
    try:
        _wait_for(port)
        tool = "wrk" if shutil.which("wrk") else "python"
        targets = [
            ("api_initiative_list", "/api/v1/initiatives?limit=50", f"Authorization: Bearer {secrets_['token']}"),
            ("dashboard", "/", f"Cookie: sessionid={secrets_['session']}"),
        ]
        lines = []
        for _name, path, header in targets:
            _warm_up(port, path, header)  # first requests load policies and templates in each worker
        for name, path, header in targets:
            figures = (
                _wrk(f"http://127.0.0.1:{port}{path}", header) if tool == "wrk" else _python_load(port, path, header)
            )
            lines.append(
                {
                    "benchmark": f"load_{name}",
                    "median_ms": round(figures["p50"], 2),
                    "p95_ms": round(figures["p95"], 2),
                    "requests_per_s": round(figures["rps"], 1),
                    "errors": int(figures["errors"]),
                    "tool": tool,
                    "workers": 2,
                    "connections": CONNECTIONS,
                    "seconds": DURATION_S,
                }
            )
        return lines
    finally:
        server.terminate()
        server.wait(timeout=20)
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=False)


def _warm_up(port: int, path: str, header: str) -> None:
    name, value = header.split(": ", 1)
    for _ in range(10):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers={name: value})
        conn.getresponse().read()
        conn.close()


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")
