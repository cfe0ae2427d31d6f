"""The ledger's pages: who sees them, what they show, and booking through them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from socialfund.ledger import services
from socialfund.ledger.models import Transaction
from socialfund.organisation.models import Organisation

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def granted(fund, finance, project_factory):
    initiative, decision = project_factory("Insats A", {2016: "1000000"})
    services.grant_decide(decision=decision, user=finance)
    services.payout_register(initiative=initiative, user=finance, amount=Decimal("400000"), paid_on=dt.date(2016, 3, 1))
    services.repayment_plan_adopt(
        initiative=initiative,
        user=finance,
        adopted_on=dt.date(2016, 4, 1),
        plan={2018: {"UN": Decimal("500000")}, 2019: {"UN": Decimal("500000")}},
    )
    return initiative


@pytest.mark.parametrize("username", ["ekonomi", "lasare", "registrator"])
def test_finance_readers_and_the_registrar_see_the_position(login, granted, username):
    html = (
        login(username).get(reverse("ledger:position", args=["sodertalje"]), {"datum": "2019-06-30"}).content.decode()
    )
    assert f'data-fact="capital">24{NBSP}000{NBSP}000{NBSP}kr' in html
    assert f'data-fact="paid_out">400{NBSP}000{NBSP}kr' in html
    assert f'data-fact="committed">600{NBSP}000{NBSP}kr' in html
    assert f'data-fact="available">23{NBSP}000{NBSP}000{NBSP}kr' in html
    assert f'data-fact="overdue">500{NBSP}000{NBSP}kr' in html  # 2018's duty, unpaid in 2019
    assert "Insats A" in html


@pytest.mark.parametrize("username", ["handlaggare", "beredning", "kontorschef"])
def test_other_roles_get_403(login, username):
    assert login(username).get(reverse("ledger:position", args=["sodertalje"])).status_code == 403
    assert login(username).get(reverse("ledger:projection", args=["sodertalje"])).status_code == 403


def test_guessed_urls_give_404(login, granted, fund):
    client = login("lasare")
    assert client.get(reverse("ledger:position", args=["finns-inte"])).status_code == 404
    assert client.get(reverse("ledger:project", args=["sodertalje", 999999])).status_code == 404
    assert client.get(reverse("ledger:board", args=["sodertalje", "XYZ"])).status_code == 404
    assert client.get(reverse("ledger:book", args=["sodertalje", "okand"])).status_code == 404
    other = Organisation.objects.create(name="Annan kommun", code="9999")
    fund.organisation = other
    type(fund).objects.filter(pk=fund.pk).update(organisation=other)
    assert client.get(reverse("ledger:position", args=["sodertalje"])).status_code == 404


def test_logged_out_is_sent_to_login(client, demo):
    response = client.get(reverse("ledger:position", args=["sodertalje"]))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_project_and_board_pages(login, granted):
    client = login("lasare")
    html = client.get(
        reverse("ledger:project", args=["sodertalje", granted.pk]), {"datum": "2019-06-30"}
    ).content.decode()
    assert f'data-fact="granted">1{NBSP}000{NBSP}000{NBSP}kr' in html
    assert "Förfallet" in html
    html = client.get(reverse("ledger:board", args=["sodertalje", "UN"]), {"datum": "2019-06-30"}).content.decode()
    assert f'<tr data-year="2018"><th scope="row">2018</th><td class="num">500{NBSP}000{NBSP}kr</td>' in html
    assert client.get(reverse("ledger:journal", args=["sodertalje"])).status_code == 200


def test_only_finance_books(login, granted):
    url = reverse("ledger:book", args=["sodertalje", "utbetalning"])
    data = {"initiative": granted.pk, "amount": "100 000", "paid_on": "2016-06-01"}
    assert login("lasare").post(url, data).status_code == 403
    assert login("registrator").post(url, data).status_code == 403
    assert Transaction.objects.filter(kind="payout").count() == 1
    response = login("ekonomi").post(url, data)
    assert response.status_code == 302
    assert Transaction.objects.filter(kind="payout").count() == 2


def test_a_refused_booking_shows_why(login, granted):
    url = reverse("ledger:book", args=["sodertalje", "utbetalning"])
    response = login("ekonomi").post(url, {"initiative": granted.pk, "amount": "700 000", "paid_on": "2016-06-01"})
    assert response.status_code == 400
    assert "kan inte betalas ut" in response.content.decode()
    assert Transaction.objects.filter(kind="payout").count() == 1


def test_projection_page_compares_with_and_without_repayment(login):
    html = (
        login("lasare")
        .get(reverse("ledger:projection", args=["sodertalje"]), {"years": "10", "runs": "200"})
        .content.decode()
    )
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert 'data-scenario="med återföring"' in html and 'data-scenario="utan återföring"' in html
    assert html.count('<tr><th scope="row">20') >= 10  # the data table has a row per year


def test_the_projection_tables_two_header_levels_name_real_column_groups(login):
    """Issue 29 (1.3.1): each scenario's th scope="colgroup" spans a <colgroup> of its four columns."""
    html = (
        login("lasare")
        .get(reverse("ledger:projection", args=["sodertalje"]), {"years": "10", "runs": "50"})
        .content.decode()
    )
    table = html.split('id="prognos-table"')[1].split("</table>")[0]
    headers = re.findall(r'<th scope="colgroup" colspan="(\d+)">', table)
    groups = re.findall(r'<colgroup span="(\d+)">', table)
    assert headers == ["4", "4"] and groups == headers
    assert table.index("<colgroup") < table.index("<thead")
    # A scrolling table is a region named by its own caption, not a label every table shares.
    assert 'aria-labelledby="projection-years-caption"' in html and 'id="projection-years-caption"' in html


def test_export_downloads(login, granted):
    url = reverse("ledger:export", args=["sodertalje"])
    response = login("ekonomi").get(url, {"format": "sie", "fran": "2016-01-01", "till": "2016-12-31"})
    assert response.status_code == 200
    text = response.content.decode("cp437")
    assert text.startswith("#FLAGGA 0\r\n") and '#VER "A" "2" 20160125' in text
    assert login("lasare").get(url, {"format": "sie"}).status_code == 403


def test_the_nav_links_the_ledger_for_those_who_see_it(login):
    assert reverse("ledger:index") in login("lasare").get(reverse("start")).content.decode()
    assert reverse("ledger:index") not in login("handlaggare").get(reverse("start")).content.decode()


def test_booking_a_grant_and_the_decision_forms_roles(login, project_factory):
    initiative, decision = project_factory("Insats B", {2016: "250000"})
    client = login("ekonomi")
    position = client.get(reverse("ledger:position", args=["sodertalje"])).content.decode()
    assert "Beviljade beslut som inte är bokförda" in position and "Insats B" in position
    url = reverse("ledger:book", args=["sodertalje", "beviljande"])
    assert client.get(url, {"decision": decision.pk}).status_code == 200
    assert client.post(url, {"decision": decision.pk}).status_code == 302
    assert Transaction.objects.get(grant_decision=decision).booked_on == dt.date(2016, 1, 25)
    assert client.get(reverse("ledger:book", args=["sodertalje", "kapital"])).status_code == 403
    assert login("registrator").get(reverse("ledger:book", args=["sodertalje", "eftergift"])).status_code == 200
