"""The ledger's due work (issue 20): a grant to book, its payout schedule, payouts and repayments due.

Before: finance's inbox was empty while a granted decision waited to be booked; a grant had no payout
schedule finance was asked to carry out; in the demo a project granted for next year could not be paid out.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.cases.models import Decision, Initiative
from socialfund.ledger import selectors, services
from socialfund.ledger.models import PayoutOrder
from tests.ledger.conftest import board

pytestmark = pytest.mark.django_db
D = Decimal


def test_a_grant_waits_to_be_booked_then_its_schedule_asks_for_payouts(project_factory, finance, fund):
    initiative, decision = project_factory("Läxhjälp", {2016: "100000.01", 2017: "50000"})
    assert selectors.grants_to_book(fund) == [decision]
    services.grant_decide(decision=decision, user=finance, instalments=2)
    assert selectors.grants_to_book(fund) == []
    assert [(i.year, i.number, i.due_on, i.amount) for i in selectors.payout_schedule(initiative)] == [
        (2016, 1, dt.date(2016, 1, 25), D("50000.01")),  # the half-year began before the grant: due when booked
        (2016, 2, dt.date(2016, 7, 1), D("50000.00")),
        (2017, 1, dt.date(2017, 1, 1), D("25000.00")),
        (2017, 2, dt.date(2017, 7, 1), D("25000.00")),
    ]
    assert selectors.payouts_due(fund, dt.date(2016, 1, 24)) == []
    [due] = selectors.payouts_due(fund, dt.date(2016, 3, 1))
    assert (due.initiative, due.year, due.amount, due.due_since, due.instalments) == (
        initiative,
        2016,
        D("50000.01"),
        dt.date(2016, 1, 25),
        (1,),
    )
    services.payout_register(initiative=initiative, user=finance, amount=D("60000"), paid_on=dt.date(2016, 3, 1))
    assert selectors.payouts_due(fund, dt.date(2016, 3, 2)) == []  # paid ahead of the schedule
    [due] = selectors.payouts_due(fund, dt.date(2016, 7, 1))
    assert (due.amount, due.instalments) == (D("40000.01"), (2,))
    assert [(d.year, d.amount) for d in selectors.payouts_due(fund, dt.date(2018, 1, 1))] == [
        (2016, D("40000.01")),
        (2017, D("50000.00")),
    ]


def test_a_reversed_grant_takes_its_schedule_with_it(project_factory, finance, fund):
    _initiative, decision = project_factory("Läxhjälp", {2016: "100000"})
    grant = services.grant_decide(decision=decision, user=finance)
    services.transaction_reverse(transaction=grant, user=finance, booked_on=dt.date(2016, 2, 1))
    assert selectors.payouts_due(fund, dt.date(2017, 1, 1)) == []
    assert selectors.grants_to_book(fund) == [decision]


def test_repayments_due_this_year_and_overdue(project_factory, finance, fund):
    initiative, decision = project_factory("Läxhjälp", {2016: "100000"}, lead="SN")
    services.grant_decide(decision=decision, user=finance)
    services.payout_register(initiative=initiative, user=finance, amount=D("100000"), paid_on=dt.date(2016, 2, 1))
    plan = {2018: {"SN": D("40000")}, 2019: {"SN": D("60000")}}
    services.repayment_plan_adopt(initiative=initiative, user=finance, adopted_on=dt.date(2016, 3, 1), plan=plan)
    assert selectors.repayments_due(fund, dt.date(2017, 6, 1)) == []
    services.repayment_register(
        initiative=initiative, board=board("SN"), user=finance, amount=D("10000"), received_on=dt.date(2018, 5, 1)
    )
    due = selectors.repayments_due(fund, dt.date(2019, 2, 1))
    assert [(d.board, d.year, d.remaining, d.overdue) for d in due] == [
        ("SN", 2018, D("30000.00"), True),
        ("SN", 2019, D("60000.00"), False),
    ]


def test_finance_pays_a_due_payout_with_one_action_on_its_page(project_factory, login, fund):
    initiative, decision = project_factory("Läxhjälp", {2016: "100000"})
    client = login("ekonomi")
    url = reverse("ledger:due", args=[fund.slug])
    page = client.get(url).content.decode()
    assert "Läxhjälp: KS 2016-01-25 § 12" in page  # the grant waiting to be booked
    services.grant_decide(decision=decision, user=User.objects.get(username="ekonomi"))
    page = client.get(url).content.decode()
    assert 'data-testid="payouts-due"' in page
    assert "Betala ut 100 000 kr" in re.sub(r"\s", " ", page)
    assert login("lasare").post(reverse("ledger:pay_due", args=[fund.slug]), {}).status_code == 403
    client = login("ekonomi")
    stale = client.post(
        reverse("ledger:pay_due", args=[fund.slug]), {"initiative": initiative.pk, "year": 2016, "amount": "99999"}
    )
    assert stale.status_code == 302 and not PayoutOrder.objects.exists()
    client.post(
        reverse("ledger:pay_due", args=[fund.slug]), {"initiative": initiative.pk, "year": 2016, "amount": "100000.00"}
    )
    order = PayoutOrder.objects.get()
    assert (order.amount, order.year, order.paid_on, order.reference) == (
        D("100000.00"),
        2016,
        timezone.localdate(),
        "Utbetalningsplan 2016, del 1",
    )
    assert "Inga utbetalningar är förfallna." in client.get(url).content.decode()


def test_in_the_demo_a_grant_of_what_was_applied_for_can_be_paid_out_today(login, fund):
    """Familjecentraler applied for 2016 and 2017; the decision form starts from that, so the grant's years
    agree with the demo's today (2016 and 2017 have begun) and finance can pay out at once."""
    family = Initiative.objects.get(title="Familjecentraler")
    form = login("registrator").get(reverse("cases:detail", args=[family.pk])).content.decode()
    assert "2016: 900 000\n2017: 900 000" in form
    Initiative.objects.filter(pk=family.pk).update(stage="decision", status="active")
    registrar = login("registrator")
    response = registrar.post(
        reverse("cases:action", args=[family.pk, "decide"]),
        {
            "decide-decided_on": timezone.localdate().isoformat(),
            "decide-paragraph": "§ 250",
            "decide-outcome": "granted",
            "decide-text": "Kommunstyrelsen beviljar medel.",
            "decide-amounts": "2016: 900 000\n2017: 900 000",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(initiative=family)
    finance = login("ekonomi")
    finance.post(reverse("ledger:book", args=[fund.slug, "beviljande"]), {"decision": decision.pk, "acknowledge": "on"})
    due = selectors.payouts_due(fund, timezone.localdate())
    assert [(d.year, d.amount) for d in due] == [(2016, D("900000.00")), (2017, D("900000.00"))]
    finance.post(
        reverse("ledger:pay_due", args=[fund.slug]), {"initiative": family.pk, "year": 2016, "amount": "900000.00"}
    )
    assert PayoutOrder.objects.get().amount == D("900000.00")


def test_due_payouts_and_repayments_are_on_finances_inbox_as_on_its_page(project_factory, finance, fund):
    """The inbox asks the same selectors as finance's page: a due payout is in both, then in neither."""
    from socialfund.cases.inbox import inbox_for

    initiative, decision = project_factory("Läxhjälp", {2016: "100000"})
    services.grant_decide(decision=decision, user=finance)
    on = dt.date(2016, 3, 1)
    due = [item for item in inbox_for(user=finance, today=on) if item.url == reverse("ledger:due", args=[fund.slug])]
    assert [(item.title, item.what.replace("\xa0", " ")) for item in due] == [
        ("Läxhjälp", "Utbetalning för 2016 att göra: 100 000 kr")
    ]
    assert [d.initiative.title for d in selectors.payouts_due(fund, on)] == ["Läxhjälp"]
    services.payout_register(initiative=initiative, user=finance, amount=D("100000"), paid_on=on)
    assert not [item for item in inbox_for(user=finance, today=on) if "Utbetalning" in item.what]
