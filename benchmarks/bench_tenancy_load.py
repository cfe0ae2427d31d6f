"""One installation for 300 organisations (issue 28): the case list, a case page, the fund page and the
API's case list under concurrent load, with 300 tenants × 50 cases (15 000 cases, each tenant with its fund's
booked capital and granted, paid projects in follow-up) served as the app role under row-level security,
beside one organisation of the same total size served as the owner (one municipality on its own machine,
where no policy binds). gunicorn runs 4 workers on PostgreSQL on loopback, a bounded load per URL
(benchmarks/bench_api_load.py's tools); each line gives the median and p95 of both, and `ratio` is the
tenants' p95 over the single organisation's. Goal: p95 under 300 ms, ratio under 1.2.

The machine is shared: the load average at the start and the end is printed with the figures; read the
ratios before the times. Not in `make bench` (filling the two databases takes minutes): run it by name,
`python -m benchmarks tenancy_load`. Skipped without PostgreSQL.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from typing import Any

from benchmarks import bench_api_load as load
from benchmarks.harness import ROOT, result, sized, unique_name

DEFAULT = False
"""Run only when named."""
TENANTS = sized(300, 30)
CASES_PER_TENANT = 50
PROJECTS_PER_TENANT = int(os.environ.get("BENCH_TENANCY_PROJECTS", "2"))
"""Granted, paid projects in follow-up per tenant (each through four services: the slow part of the setup)."""
TARGET_P95_MS = 300.0
TARGET_RATIO = 1.2

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


def _load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _prepare(database: str, tenants: int) -> dict[str, Any]:
    url = f"postgres://postgres@127.0.0.1:5432/{database}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    env = load._env(url)
    subprocess.run([sys.executable, "-m", "socialfund.cli", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    per = CASES_PER_TENANT if tenants > 1 else CASES_PER_TENANT * TENANTS
    projects = PROJECTS_PER_TENANT if tenants > 1 else PROJECTS_PER_TENANT * TENANTS
    out = subprocess.run(
        [sys.executable, "-c", SETUP, str(tenants), str(per), str(projects)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", "VACUUM ANALYZE", database], check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _app_role(database: str) -> str:
    """A login role of this run's own, with the app role's rights (socialfund app_role): policies bind it."""
    role = f"sf_bench_app_{secrets.token_hex(3)}"
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", f"CREATE ROLE {role} LOGIN"], check=True)
    env = load._env(f"postgres://postgres@127.0.0.1:5432/{database}")
    subprocess.run([sys.executable, "-m", "socialfund.cli", "app_role", "--role", role], cwd=ROOT, env=env, check=True)
    return role


def _targets(secrets_: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        ("case_list", "/arenden/", f"Cookie: sessionid={secrets_['preparer']}"),
        ("case_page", f"/arenden/{secrets_['case']}/", f"Cookie: sessionid={secrets_['preparer']}"),
        ("fund_page", f"/fond/{secrets_['fund']}/", f"Cookie: sessionid={secrets_['reader']}"),
        ("api_initiative_list", "/api/v1/initiatives?limit=50", f"Authorization: Bearer {secrets_['token']}"),
    ]


def _measure(url: str, secrets_: dict[str, Any]) -> dict[str, dict[str, float]]:
    server_cpus, _load_cpus = load._cpus()
    port = load._free_port()
    server = load._serve(url, port, server_cpus, None)
    try:
        load._wait_for(port, server)
        targets = _targets(secrets_)
        for _name, path, header in targets:
            load._warm_up(port, path, header)
        return {name: load._python_load(port, path, header) for name, path, header in targets}
    finally:
        server.terminate()
        server.wait(timeout=20)


def run() -> list[dict[str, Any]]:
    if not load._postgres_ready():
        return [{"benchmark": "tenancy_load", "skipped": "PostgreSQL is not reachable"}]
    many, one = unique_name("tenants"), unique_name("one_tenant")
    role = ""
    load_before = _load_average()
    try:
        many_secrets = _prepare(many, TENANTS)
        one_secrets = _prepare(one, 1)
        role = _app_role(many)
        tenants = _measure(f"postgres://{role}@127.0.0.1:5432/{many}", many_secrets)
        single = _measure(f"postgres://postgres@127.0.0.1:5432/{one}", one_secrets)
    finally:
        for database in (many, one):
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=False)
        if role:
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", f"DROP ROLE {role}"], check=False)
    lines = []
    for name, figures in tenants.items():
        base = single[name]
        line = result(
            f"tenancy_{name}",
            figures["p50"],
            baseline=base["p50"],
            baseline_is="one organisation of the same total size, served as the owner (no policy binds)",
            p95_ms=round(figures["p95"], 2),
            baseline_p95_ms=round(base["p95"], 2),
            p95_ratio=round(figures["p95"] / base["p95"], 2) if base["p95"] else None,
            requests_per_s=round(figures["rps"], 1),
            baseline_requests_per_s=round(base["rps"], 1),
            errors=int(figures["errors"] + base["errors"]),
            goal=f"p95 < {TARGET_P95_MS:.0f} ms, ratio < {TARGET_RATIO}",
            tenants=TENANTS,
            projects_per_tenant=PROJECTS_PER_TENANT,
            cases=many_secrets["cases"],
            baseline_cases=one_secrets["cases"],
            workers=load.WORKERS,
            connections=load.CONNECTIONS,
            seconds=load.DURATION_S,
        )
        lines.append(line)
    lines.append(
        {"benchmark": "tenancy_load_machine", "load_average_before": load_before, "load_average_after": _load_average()}
    )
    return lines
