"""Worker for the benchmarks that need Django and a database: one scenario per process.

Run in its own process, because Django's settings (the database) are fixed at start:
    DATABASE_URL=... python -m benchmarks.django_worker case_lists
    python -m benchmarks.django_worker calc_preview
Each scenario creates a throw-away test database, fills it, times the pages and
prints one JSON object with the medians.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from typing import Any
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from benchmarks.harness import median_ms  # noqa: E402

CASES = 10_000
BOARDS = 100


def populate() -> None:
    from socialfund.accounts.models import User
    from socialfund.cases.models import Initiative
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
    stages = ["interest", "idea", "application", "preparation", "opinions", "decision"]
    statuses = ["active"] * 6 + ["withdrawn", "refused", "granted", "advised_against"]
    start = dt.date(2014, 1, 1)
    Initiative.objects.bulk_create(
        [
            Initiative(
                fund=fund,
                title=f"Initiativ {n}",
                summary="Förebyggande insats för barn och unga.",
                initiator_name=f"Initiativtagare {n % 300}",
                initiator_type="board",
                lead_board=boards[n % len(boards)],
                stage=stages[n % len(stages)],
                status=statuses[n % len(statuses)],
                filed_on=start + dt.timedelta(days=n % 3000),
                policy_id="sodertalje-2013",
            )
            for n in range(CASES)
        ],
        batch_size=1000,
    )
    assert User.objects.filter(username="beredning").exists()


def case_lists() -> dict[str, object]:
    """The case list, a search and the pipeline with 10 000 cases and 100 boards."""
    from socialfund.accounts.models import User

    populate()
    client = Client()
    client.force_login(User.objects.get(username="beredning"))
    results: dict[str, object] = {"vendor": connection.vendor, "cases": CASES, "boards": BOARDS}
    for name, url in [
        ("list", "/arenden/"),
        ("list_search", "/arenden/?q=insats&status=active"),
        ("pipeline", "/arenden/pipeline/"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        results[f"{name}_queries"] = len(queries.captured_queries)
        results[f"{name}_median_ms"] = median_ms(lambda url=url: client.get(url), repeat=15, warmup=2)
    return results


def calc_preview() -> dict[str, object]:
    """The guided form's htmx update: a 10-year calculation with 10 effect lines, with and without ranges."""
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
    url = f"/arenden/{case.pk}/ansokan/berakna/"
    data = calculator_post(effects=10, uncertainty=False)
    assert client.post(url, data).status_code == 200
    results: dict[str, object] = {"vendor": connection.vendor, "effects": 10, "years": 10}
    results["preview_median_ms"] = median_ms(lambda: client.post(url, data), repeat=31, warmup=3)
    ranged = calculator_post(effects=10, uncertainty=True)
    results["preview_with_simulation_median_ms"] = median_ms(lambda: client.post(url, ranged), repeat=31, warmup=3)
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
    from socialfund.accounts.models import User
    from socialfund.cases import services
    from socialfund.cases.guided.calc_grid import CalculatorPage
    from socialfund.core.calc import evaluate, parse_calculation
    from socialfund.demo.loader import demo_load
    from socialfund.funds.models import Fund
    from socialfund.organisation.models import Board

    demo_load()
    user = User.objects.get(username="handlaggare")
    case = services.initiative_create(
        fund=Fund.objects.get(slug="sodertalje"), user=user, title="Bench", stage="application"
    )
    client = Client()
    client.force_login(user)
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
    return {
        "vendor": connection.vendor,
        "lines": 20,
        "years": 20,
        "request_median_ms": median_ms(update, repeat=31, warmup=3, gc_on=True),
        "request_cpu_median_ms": cpu_median_ms(update, repeat=31),
        "engine_median_ms": median_ms(lambda: evaluate(parse_calculation(document)), repeat=31, warmup=3, gc_on=True),
    }


def april_report() -> dict[str, object]:
    """The April follow-up for a fund with 200 granted, booked and followed-up projects, in each format.

    The PDF is also timed with 20 projects first, in the same run: the growth from 20 to 200 says
    whether the time grows with the projects (about 10x or less) or faster (a layout that goes quadratic).
    """
    from weasyprint import HTML

    from benchmarks.report_fixture import populate_projects
    from socialfund.reports.april import april_document
    from socialfund.reports.april_data import gather
    from socialfund.reports.documents.pdf import pdf_html, render_pdf
    from socialfund.reports.documents.spreadsheet import tables_to_xlsx
    from socialfund.reports.documents.word import render_docx

    year = 2020  # late enough that every project's repayment plan has years due: the fullest report

    def build():  # the data is gathered anew for each document, as a download does
        return april_document(gather(fund, year, prepared_on=dt.date(year + 1, 4, 10)))

    fund, projects = populate_projects(20)
    results: dict[str, object] = {"vendor": connection.vendor}
    results["pdf_20_median_ms"] = median_ms(lambda: render_pdf(build()), repeat=3, warmup=1)

    fund, projects = populate_projects(180, first=projects)
    results["projects"] = projects
    results["pages_pdf"] = len(HTML(string=pdf_html(build())).render().pages)
    results["gather_median_ms"] = median_ms(build, repeat=3, warmup=0)
    results["pdf_median_ms"] = median_ms(lambda: render_pdf(build()), repeat=3, warmup=1)
    results["docx_median_ms"] = median_ms(lambda: render_docx(build()), repeat=3, warmup=0)
    results["xlsx_median_ms"] = median_ms(lambda: tables_to_xlsx(build().tables()), repeat=3, warmup=0)
    return results


SCENARIOS = {
    "case_lists": case_lists,
    "calc_preview": calc_preview,
    "calc_grid": calc_grid,
    "april_report": april_report,
}


def main(argv: list[str]) -> int:
    scenario = SCENARIOS[argv[0] if argv else "case_lists"]
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("migrate", verbosity=0)
        print(json.dumps(scenario()))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
