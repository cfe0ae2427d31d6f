"""Worker for bench_case_lists: fills one database with 10 000 cases and 100 boards, then times the pages.

Run in its own process, because Django's settings (the database) are fixed at start:
    DATABASE_URL=... python -m benchmarks.case_lists_worker
Prints one JSON object with the medians.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

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


def main() -> int:
    setup_test_environment()
    from django.test.utils import get_runner  # noqa: F401  (imports the test DB machinery)

    old_name = connection.settings_dict["NAME"]
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("migrate", verbosity=0)
        populate()
        from socialfund.accounts.models import User

        client = Client()
        client.force_login(User.objects.get(username="beredning"))
        results = {"vendor": connection.vendor, "cases": CASES, "boards": BOARDS}
        for name, url in [("list", "/arenden/"), ("list_search", "/arenden/?q=insats&status=active"),
                          ("pipeline", "/arenden/pipeline/")]:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            results[f"{name}_queries"] = len(queries.captured_queries)
            results[f"{name}_median_ms"] = median_ms(lambda url=url: client.get(url), repeat=15, warmup=2)
        print(json.dumps(results))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
