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
