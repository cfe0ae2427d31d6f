"""Worker for the benchmarks that need Django and a database: one scenario per process.

Run in its own process, because Django's settings (the database) are fixed at start:
    DATABASE_URL=... python -m benchmarks.django_worker case_lists
    python -m benchmarks.django_worker calc_preview
Each scenario creates a throw-away test database, fills it, times the pages and
prints one JSON object with the medians.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from benchmarks.harness import paired_cpu_ms, sized, unique_name  # noqa: E402

CASES = sized(10_000, 2_000)
BOARDS = 100


def populate(cases: int = CASES) -> None:
    from benchmarks.tenancy_fixture import bulk_cases
    from socialfund.accounts.models import User
    from socialfund.demo.loader import demo_load
    from socialfund.funds.models import Fund
    from socialfund.organisation.models import Board

    demo_load()
    fund = Fund.objects.get(slug="sodertalje")
    organisation = fund.organisation
    Board.objects.bulk_create(
        [Board(organisation=organisation, code=f"B{n:03d}", name=f"Nämnd {n}") for n in range(BOARDS - 11)]
    )
    boards = list(Board.objects.filter(organisation=organisation))
    for first in range(0, cases, 10_000):  # in slices: 100 000 model objects at once would be 1 GB
        bulk_cases(
            fund, range(first, min(first + 10_000, cases)), boards, initiator=lambda n: f"Initiativtagare {n % 300}"
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk load
    assert User.objects.filter(username="beredning").exists()


CASE_PAGES = [
    ("list", "/arenden/"),
    ("list_search", "/arenden/?q=insats&status=active"),
    ("pipeline", "/arenden/pipeline/"),
]


def case_lists(cases: int = CASES) -> dict[str, object]:
    """The case list, a search and the pipeline with `cases` cases and 100 boards, each beside its bare SQL:
    the statements the page ran, run again on a cursor, with no Django between (the floor for the page)."""
    from socialfund.accounts.models import User
    from socialfund.cases.models import Initiative

    if not Initiative.objects.exists():  # a kept database (BENCH_KEEP_DATABASE) is filled once
        populate(cases)
    client = Client()
    client.force_login(User.objects.get(username="beredning"))
    results: dict[str, object] = {"vendor": connection.vendor, "cases": cases, "boards": BOARDS}
    for name, url in CASE_PAGES:
        client.get(url)  # the session, the policies and the templates loaded, as on a warm server
        with capture_statements() as statements:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        results[f"{name}_queries"] = len(statements)
        page, sql, page_cpu, _ = paired_cpu_ms(
            functools.partial(client.get, url), functools.partial(_run_sql, statements), repeat=sized(21, 9)
        )
        results[f"{name}_median_ms"] = page
        results[f"{name}_sql_median_ms"] = sql
        results[f"{name}_cpu_median_ms"] = page_cpu  # Django's own CPU time (the database's is not in it)
    return results


def case_lists_100k() -> dict[str, object]:
    return case_lists(100_000)


DECLARE = re.compile(r'^DECLARE "?\w+"? NO SCROLL CURSOR WITH(OUT)? HOLD FOR ', re.IGNORECASE)

Statement = tuple[str, Any]
"""A statement as the page sent it to the database: its SQL and its parameters."""


@contextlib.contextmanager
def capture_statements() -> Iterator[list[Statement]]:
    """Every statement a request runs, caught at the cursor. Django's query log cannot count a request:
    it is emptied when a request starts, so a capture around a second request saw none of it."""
    caught: list[Statement] = []

    def catch(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        caught.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(catch):
        yield caught


def _run_sql(statements: list[Statement]) -> None:
    """The statements as the page sent them, each fetched in full as the page does (a server-side cursor's
    DECLARE as its SELECT, fetched at once)."""
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(DECLARE.sub("", sql), params)
            if cursor.description is not None:
                cursor.fetchall()


def _calculator_case() -> tuple[Any, Client]:
    """A case at the application stage in the demo fund, and a client signed in as its case officer."""
    from socialfund.accounts.models import User
    from socialfund.cases import services
    from socialfund.demo.loader import demo_load
    from socialfund.funds.models import Fund

    demo_load()
    user = User.objects.get(username="handlaggare")
    case = services.initiative_create(
        fund=Fund.objects.get(slug="sodertalje"), user=user, title="Bench", stage="application"
    )
    client = Client()
    client.force_login(user)
    return case, client


def calc_preview() -> dict[str, object]:
    """The guided form's htmx update: a 10-year calculation with 10 effect lines, with and without ranges."""
    from socialfund.core.calc.simulation import clear_cache

    case, client = _calculator_case()
    url = f"/arenden/{case.pk}/ansokan/berakna/"
    data = calculator_post(effects=10, uncertainty=False)
    assert client.post(url, data).status_code == 200
    results: dict[str, object] = {"vendor": connection.vendor, "effects": 10, "years": 10}
    ranged = calculator_post(effects=10, uncertainty=True)
    for name, posted in (("preview", data), ("preview_with_simulation", ranged)):
        with capture_statements() as statements:
            client.post(url, posted)

        def preview(posted: dict[str, str] = posted) -> Any:
            # Each keystroke changes the calculation: its simulation is drawn anew, never reused from the last.
            clear_cache()
            return client.post(url, posted)

        page, sql, cpu, _ = paired_cpu_ms(preview, functools.partial(_run_sql, statements), repeat=31, warmup=3)
        results[f"{name}_median_ms"], results[f"{name}_sql_median_ms"], results[f"{name}_cpu_median_ms"] = (
            page,
            sql,
            cpu,
        )
        results[f"{name}_queries"] = len(statements)
    return results


def calculator_post(*, effects: int, uncertainty: bool, costs: int = 1, years: int = 10) -> dict[str, str]:
    """The calculator page's form as the browser posts it: rows of the year grid, a cell per year."""
    data = {
        "calc-start_year": "2016",
        "calc-horizon": str(years),
        "calc-discount": "0.035",
        "costs-TOTAL_FORMS": str(costs),
        "costs-INITIAL_FORMS": "0",
        "costs-MIN_NUM_FORMS": "0",
        "costs-MAX_NUM_FORMS": "40",
        "effects-TOTAL_FORMS": str(effects),
        "effects-INITIAL_FORMS": "0",
        "effects-MIN_NUM_FORMS": "0",
        "effects-MAX_NUM_FORMS": "40",
    }
    for n in range(costs):
        prefix = f"costs-{n}-"
        data |= {prefix + "label": f"Kostnad {n}", prefix + "payer": "fund"}
        data |= {f"{prefix}y{2016 + k}": "1 200 000" for k in range(2 if years == 10 else years)}
    boards = ["SN", "UN", "KFN", "OMS", "ÄON"]
    for n in range(effects):
        prefix = f"effects-{n}-"
        data |= {
            prefix + "label": f"Effekt {n}",
            prefix + "beneficiary": boards[n % len(boards)],
            prefix + "cashable": "yes",
            prefix + "unit_value": str(1000 + 100 * n),
            prefix + "deadweight": "0.25",
            prefix + "displacement": "0",
            prefix + "attribution": "0",
        }
        first = 2017 if years == 10 else 2016
        data |= {f"{prefix}y{y}": str(50 + n) for y in range(first, 2016 + years)}
        if uncertainty:
            data |= {prefix + "low": "0.5", prefix + "high": "1.2"}
    return data


def cpu_median_ms(fn: Any, *, repeat: int) -> float:
    """The median CPU time of this process per call (GC on): on a shared, loaded machine the wall time
    includes waiting for a core, which this leaves out."""
    import statistics
    import time

    samples = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        samples.append((time.process_time() - start) * 1000)
    return statistics.median(samples)


def calc_grid() -> dict[str, object]:
    """One live recalculation of a 20-line × 20-year grid through the page's update request, GC on,
    beside the engine alone on the same calculation (issue 17's target: the request's median under 150 ms)."""
    from socialfund.cases.guided.calc_grid import CalculatorPage
    from socialfund.core.calc import evaluate, parse_calculation
    from socialfund.organisation.models import Board

    case, client = _calculator_case()
    url = f"/arenden/{case.pk}/ansokan/berakna/"
    data = calculator_post(costs=5, effects=15, uncertainty=False, years=20)
    # htmx posts the form url-encoded, as a browser's form does (not multipart).
    body = urlencode(data)

    def update() -> Any:
        return client.post(url, body, content_type="application/x-www-form-urlencoded")

    response = update()
    assert response.status_code == 200 and b"Rader med fel" not in response.content, response.content[-2000:]
    from django.http import QueryDict

    posted = QueryDict(mutable=True)
    for key, value in data.items():
        posted[key] = value
    page = CalculatorPage.build(None, Board.objects.filter(organisation=case.fund.organisation), posted)
    document, _missing = page.document("Bench")
    assert document is not None and len(document["costs"]) == 5 and len(document["effects"]) == 15
    with capture_statements() as executed:  # at the cursor: Django's query log is reset when a request starts
        update()
    # The request and its baseline (the engine alone on the same calculation) in turns, as often each, wall
    # and this process's CPU time: on a shared machine the wall time also holds the wait for a core.
    wall, engine_wall, cpu, engine_cpu = paired_cpu_ms(
        update, lambda: evaluate(parse_calculation(document)), repeat=sized(31, 15), warmup=3
    )
    return {
        "vendor": connection.vendor,
        "lines": 20,
        "years": 20,
        "queries": len(executed),
        "request_median_ms": wall,
        "request_cpu_median_ms": cpu,
        "engine_median_ms": engine_wall,
        "engine_cpu_median_ms": engine_cpu,
    }


def april_report() -> dict[str, object]:
    """The written documents are kept in the storage: here a throw-away folder."""
    import tempfile

    from django.test.utils import override_settings

    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        return _april_report()


def _april_report() -> dict[str, object]:
    """The April follow-up as served: asked for on its page, written by the background task and downloaded
    (login, gathering, writing, storing, reading back), the garbage collector on, for a fund with 20, 200 and 400 granted, booked and followed-up projects.

    Each document is timed beside its baseline, the data gathering alone (`gather`), in turns. The report
    is a summary, so its time should barely move from 20 to 400 projects (`growth_20_to_400`); the annex
    holds each project's lines and grows with them.
    """
    from django.utils import timezone

    from benchmarks.report_fixture import populate_projects
    from socialfund.accounts.models import User
    from socialfund.documents import charts
    from socialfund.reports.april_data import gather

    year = 2020  # late enough that every project's repayment plan has years due: the fullest report
    client = Client()
    results: dict[str, object] = {"vendor": connection.vendor}

    def written(kind: str, fmt: str) -> bytes:
        """As the Rapporter page asks for it: the request starts the background task (the tests' settings run
        it at once, as `make run` does), its page offers the kept file, and the file is downloaded. The charts
        are drawn every time (their kept pictures forgotten): the first request for a year's figures, the
        slower case, not a second format or a repeat of the same figures."""
        charts.chart_png.cache_clear()
        charts.chart_svg.cache_clear()
        response = client.post(f"/rapporter/sodertalje/uppfoljning-{year}/skriv/", {"kind": kind, "format": fmt})
        assert response.status_code == 302, (kind, fmt, response.status_code)
        file = client.get(response["Location"] + "fil/")
        assert file.status_code == 200, (kind, fmt, file.status_code)
        return file.getvalue()

    def gathered() -> None:
        gather(fund, year, prepared_on=timezone.localdate())  # as the page does

    def timed(key: str, baseline_key: str, fn: Callable[[], object], *, warmup: int = 1) -> None:
        # One warm-up even in the quick mode: a served request does not pay for importing the writer (WeasyPrint,
        # python-docx) or loading its fonts and template; a server process has done that once, at its first.
        wall, base, cpu, base_cpu = paired_cpu_ms(fn, gathered, repeat=sized(3, 1), warmup=warmup)
        results[f"{key}_median_ms"], results[f"{baseline_key}_median_ms"] = wall, base
        results[f"{key}_cpu_median_ms"], results[f"{baseline_key}_cpu_median_ms"] = cpu, base_cpu

    fund, projects = populate_projects(20)
    client.force_login(User.objects.get(username="ekonomi"))
    report = functools.partial(written, "april", "pdf")
    timed("pdf_20", "gather_20", report)
    results["pages_pdf_20"] = _pages(report())

    fund, projects = populate_projects(180, first=projects)
    results["projects"] = projects
    timed("pdf", "gather", report)
    results["pages_pdf"] = _pages(report())
    annex = functools.partial(written, "annex", "pdf")
    timed("annex_pdf", "annex_pdf_gather", annex, warmup=0)
    results["pages_annex_pdf"] = _pages(annex())
    for name, kind, fmt in [("docx", "april", "docx"), ("annex_docx", "annex", "docx"), ("xlsx", "april", "xlsx")]:
        timed(name, f"{name}_gather", functools.partial(written, kind, fmt))

    fund, projects = populate_projects(200, first=projects)
    timed("pdf_400", "gather_400", report)
    results["pages_pdf_400"] = _pages(report())
    return results


def _pages(pdf: bytes) -> int | None:
    """Pages of a PDF as poppler's pdfinfo counts them (None without poppler-utils)."""
    import subprocess
    import tempfile

    if shutil.which("pdfinfo") is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


SCENARIOS = {
    "case_lists": case_lists,
    "case_lists_100k": case_lists_100k,
    "calc_preview": calc_preview,
    "calc_grid": calc_grid,
    "april_report": april_report,
}


def main(argv: list[str]) -> int:
    scenario = SCENARIOS[argv[0] if argv else "case_lists"]
    from django.template.base import Template

    render = Template._render  # type: ignore[attr-defined]
    setup_test_environment()
    # The test environment wraps every template render in a signal for the test client's `context`: a cost
    # no server has (a tenth of a list page's time). Pages are timed as served.
    Template._render = render  # type: ignore[attr-defined]
    old_name = connection.settings_dict["NAME"]
    kept = os.environ.get("BENCH_KEEP_DATABASE", "")
    if kept and connection.vendor != "sqlite":
        # A database filled once and kept between runs (100 000 cases take minutes to fill): profiling and
        # repeated runs reuse it. Its name is the caller's, so it never clashes with another person's.
        connection.settings_dict.setdefault("TEST", {})["NAME"] = kept
        connection.creation.create_test_db(verbosity=0, autoclobber=False, keepdb=True)
        call_command("migrate", verbosity=0)
        print(json.dumps(scenario()))
        return 0
    if connection.vendor != "sqlite":  # SQLite's test database is in memory, this process's own
        # A name of its own: two runs on one server (two people, or make bench twice) never drop each other's.
        connection.settings_dict.setdefault("TEST", {})["NAME"] = unique_name(argv[0] if argv else "case_lists")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("migrate", verbosity=0)
        print(json.dumps(scenario()))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
