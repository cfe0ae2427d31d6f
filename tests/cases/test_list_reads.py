"""What the case list reads per page (issue 22: a search at 100 000 cases under 40 ms): the columns its rows
show, the boards with one plain query, and no query per row."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from socialfund.cases.models import Initiative
from tests.cases.test_views import as_user

pytestmark = pytest.mark.django_db


def _list_queries(client, user, query: str = "") -> tuple[str, list[str]]:
    page = as_user(client, user)
    page.get(reverse("cases:list") + query)  # the session and the policies loaded, as on a warm server
    with CaptureQueriesContext(connection) as captured:
        html = page.get(reverse("cases:list") + query).content.decode()
    return html, [item["sql"] for item in captured.captured_queries]


def test_the_list_reads_the_columns_it_shows_not_the_cases_documents(client, users):
    html, statements = _list_queries(client, users["beredning"], "?status=active")
    rows = [sql for sql in statements if 'FROM "cases_initiative"' in sql and "ORDER BY" in sql]
    assert len(rows) == 1
    for column in ("content", "draft_inputs", "summary", "preparation_memo", "failed_rules"):
        assert f'"cases_initiative"."{column}"' not in rows[0], column
    assert '"cases_initiative"."title"' in rows[0]
    # Every row is still shown in full: title, board, stage name, status, date.
    first = Initiative.objects.exclude(status="draft").filter(status="active").order_by("-filed_on", "title", "pk")[0]
    assert first.title in html and first.filed_on.isoformat() in html


def test_the_filters_read_funds_and_boards_without_a_count_or_a_cursor(client, users):
    _html, statements = _list_queries(client, users["beredning"])
    assert not [sql for sql in statements if re.match(r"\s*SELECT COUNT\(\*\).*FROM \"organisation_board\"", sql)]
    assert not [sql for sql in statements if sql.lstrip().upper().startswith("DECLARE")]
    assert len([sql for sql in statements if 'FROM "organisation_board"' in sql]) == 1


def test_the_filters_read_the_funds_and_their_guidelines_once_however_many_funds(client, users, fund):
    from socialfund.funds.models import Fund, PolicyVersion

    def fund_reads() -> tuple[int, int, int]:
        _html, statements = _list_queries(client, users["beredning"], "?q=x")
        funds = [sql for sql in statements if 'FROM "funds_fund"' in sql]
        # The filters' read of the guidelines: the adopted versions of every fund the user sees.
        versions = [sql for sql in statements if '"funds_policyversion"."adopted_on" IS NOT NULL' in sql]
        return len(funds), len(versions), len(statements)

    # One query for the funds (the stage list and the dropdown both), one for their adopted guidelines.
    funds, adopted, total = fund_reads()
    assert (funds, adopted) == (1, 1)
    versions = list(fund.policy_versions.all())
    second = Fund.objects.get(pk=fund.pk)
    second.pk, second.name, second.slug = None, "Andra fonden", "andra-fonden"
    second._state.adding = True
    second.save()
    for version in versions:
        version.pk, version.fund = None, second
        version._state.adding = True
        version.save()
    assert PolicyVersion.objects.filter(fund=second).count() == len(versions) > 0
    assert fund_reads() == (1, 1, total)  # a second fund, no query more
    html, _statements = _list_queries(client, users["beredning"], f"?fund={second.pk}")
    assert f'<option value="{second.pk}" selected>Andra fonden</option>' in html


def test_each_row_links_to_its_case(client, users):
    html, _statements = _list_queries(client, users["beredning"])
    links = re.findall(r'<th scope="row"><a href="([^"]+)">', html)
    shown = Initiative.objects.exclude(status="draft").order_by("-filed_on", "title", "pk")[: len(links)]
    assert links and links == [reverse("cases:detail", args=[case.pk]) for case in shown]
