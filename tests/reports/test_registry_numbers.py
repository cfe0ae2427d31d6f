"""Issue 19: every registry number the system gives is unique within the fund, by construction.

April reports, outside ideas and cases take their numbers from one series per fund and year
(`cases.registry`), under a row lock. Before, a report's number was suggested by counting the fund's
numbered cases, so a report filed and then an idea received in the same year got the same number.
"""

from __future__ import annotations

import threading
from contextlib import nullcontext

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.actors.receipts import idea_receive
from socialfund.cases.errors import CaseValidationError
from socialfund.cases.models import Initiative
from socialfund.cases.registry import registry_number_format
from socialfund.demo.loader import demo_load
from socialfund.funds.models import Fund
from socialfund.reports.models import ReportText
from socialfund.reports.report_texts import report_text_save


def _idea(fund: Fund, title: str) -> str:
    receipt = idea_receive(
        fund=fund,
        title=title,
        summary="En idé om läxhjälp för unga.",
        organisation_name="Läxhjälpsföreningen",
        organisation_type="association",
        organisation_number="",
        contact_name="Kim Idé",
        contact_email="kim@example.org",
    )
    return receipt.initiative.registry_number


def _report(fund: Fund, year: int, user: User, number: str = "") -> str:
    saved = report_text_save(
        fund=fund, year=year, user=user, registry_number=number, lessons="", proposals="", comments=""
    )
    return saved.registry_number


@pytest.mark.django_db
def test_two_reports_and_an_idea_in_one_year_never_share_a_number(demo):
    fund = Fund.objects.get(slug="sodertalje")
    official = User.objects.get(username="beredning")
    year = timezone.localdate().year
    first = _report(fund, 2014, official)
    idea = _idea(fund, "Läxhjälp i Hovsjö")
    second = _report(fund, 2015, official)
    numbers = [first, idea, second]
    assert len(set(numbers)) == 3, numbers
    assert numbers == [registry_number_format(fund, year, n) for n in (1, 2, 3)]
    # Saving the 2014 report again keeps its number; it takes no new one.
    assert _report(fund, 2014, official) == first
    assert (
        ReportText.objects.filter(fund=fund, year=2014).values_list("registry_number", flat=True).distinct().count()
        == 1
    )


@pytest.mark.django_db
def test_a_typed_number_a_case_or_another_report_has_is_refused_and_the_series_moves_past_one_typed(demo):
    fund = Fund.objects.get(slug="sodertalje")
    official = User.objects.get(username="beredning")
    idea = _idea(fund, "Läxhjälp i Ronna")
    with pytest.raises(CaseValidationError) as refused:
        _report(fund, 2015, official, number=idea)
    assert refused.value.field == "registry_number" and "Läxhjälp i Ronna" in refused.value.message
    assert not ReportText.objects.filter(fund=fund).exists()

    ahead = registry_number_format(fund, timezone.localdate().year, 7)
    assert _report(fund, 2015, official, number=ahead) == ahead
    with pytest.raises(CaseValidationError):
        _report(fund, 2016, official, number=ahead)
    # The next idea continues after the number typed by hand.
    assert _idea(fund, "Läxhjälp i Geneta") == registry_number_format(fund, timezone.localdate().year, 8)


@pytest.mark.django_db(transaction=True)
def test_reports_and_ideas_filed_at_the_same_moment_get_different_numbers():
    """Each thread has its own connection (on PostgreSQL, concurrent transactions that queue on the series'
    row lock; on SQLite the writers take turns)."""
    demo_load()
    fund = Fund.objects.get(slug="sodertalje")
    official = User.objects.get(username="beredning")
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    sqlite_turn = threading.RLock() if connection.vendor == "sqlite" else nullcontext()
    numbers: list[str] = []
    failures: list[str] = []
    lock = threading.Lock()

    def file(number: int) -> None:
        try:
            barrier.wait()
            # One transaction per filing, as a request's: on PostgreSQL they run at once and queue only on the
            # locks. SQLite's shared in-memory test database answers a second writer "table is locked" at once
            # instead of waiting (a file database waits): there the filings take turns, as the ledger's do.
            with sqlite_turn, transaction.atomic():
                given = _report(fund, 2013 + number, official) if number % 2 else _idea(fund, f"Samtidig idé {number}")
            with lock:
                numbers.append(given)
        except Exception as exc:  # noqa: BLE001 - any failure is the test's finding
            with lock:
                failures.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=file, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    year = timezone.localdate().year
    assert sorted(numbers) == sorted(registry_number_format(fund, year, n) for n in range(1, threads_count + 1))
    ideas = Initiative.objects.filter(fund=fund, title__startswith="Samtidig idé")
    reports = ReportText.objects.filter(fund=fund)
    assert (
        len({*ideas.values_list("registry_number", flat=True), *reports.values_list("registry_number", flat=True)}) == 8
    )
