"""Kommunstyrelsen's exception from the repayment limits holds in the books (issues 18 and 20).

The *Mobilt team skola* case is granted with a recorded exception because its savings do not repay the whole
amount in time. Finance then adopts the repayment plan: before, the ledger refused the calculation's proposal
for the very shortfall KS had excepted, so the exception relaxed nothing. And the duty figures (the ledger's
project page and fund position, the follow-up page, the API, the April report) did not say that the duty stands
on an exception; each now shows the same line, computed in one place (`ledger.duty`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.cases.models import Decision
from socialfund.ledger import services as ledger
from socialfund.ledger.duty import project_duty
from socialfund.ledger.errors import LedgerValidationError
from socialfund.ledger.models import RepaymentPlan
from tests.cases.test_repayment_exception import GRANT, at_kommunstyrelsen, decide

pytestmark = pytest.mark.django_db

REASON = "Särskilda omständigheter: effekterna för barnen kommer långt efter insatsen."
NOTE = (
    "Beviljad med undantag från återföringskravet (hela beloppet återförs i tid ur besparingarna): "
    "Kommunstyrelsen 2015-04-13 § 88."
)


@pytest.fixture
def excepted(users, fund):
    initiative = at_kommunstyrelsen(users, fund)
    decision = decide(initiative, users, exception_reason=REASON, **GRANT)
    ledger.grant_decide(decision=decision, user=users["ekonomi"], acknowledge_warnings=True)
    initiative.refresh_from_db()
    return initiative


def test_the_plan_from_the_calculation_is_adopted_despite_the_excepted_shortfall(users, excepted):
    transaction = ledger.repayment_plan_adopt(
        initiative=excepted, user=users["ekonomi"], adopted_on=dt.date(2015, 6, 1)
    )
    plan = RepaymentPlan.objects.get(initiative=excepted)
    total = sum((Decimal(a) for by_board in plan.plan.values() for a in by_board.values()), Decimal(0))
    assert total == sum(GRANT["amounts"].values())
    assert "(undantag KS 2015-04-13 § 88)" in transaction.text


def test_a_limit_kommunstyrelsen_did_not_except_still_holds(users, excepted):
    # The exception is from "the whole amount repaid in time out of savings", not from the time limits.
    with pytest.raises(LedgerValidationError, match="ska vara klar senast") as refused:
        ledger.repayment_plan_adopt(
            initiative=excepted,
            user=users["ekonomi"],
            adopted_on=dt.date(2015, 6, 1),
            plan={2019: {"SN": Decimal("2700000")}, 2035: {"SN": Decimal("2700000")}},
        )
    assert refused.value.field == "plan"
    assert not RepaymentPlan.objects.filter(initiative=excepted).exists()


def _facts(html: str) -> list[str]:
    found = re.findall(r'data-fact="duty-exception"[^>]*>(.*?)</(?:dd|span)>', html, re.S)
    return [re.sub(r"\s+", " ", text).strip() for text in found]


def test_every_place_that_shows_the_duty_shows_the_exception(users, fund, excepted):
    from socialfund.documents.model import Paragraph
    from socialfund.reports.april_annex import april_annex_document
    from socialfund.reports.april_data import gather

    ledger.repayment_plan_adopt(initiative=excepted, user=users["ekonomi"], adopted_on=dt.date(2015, 6, 1))
    duty = project_duty(excepted, timezone.localdate())
    assert duty.exception is not None and duty.exception.note == NOTE

    finance = Client()
    finance.force_login(users["ekonomi"])
    ledger_page = finance.get(reverse("ledger:project", args=[fund.slug, excepted.pk])).content.decode()
    position = finance.get(reverse("ledger:position", args=[fund.slug])).content.decode()
    followup = finance.get(reverse("followup:project", args=[excepted.project.pk])).content.decode()
    token = token_create(user=User.objects.get(username="ekonomi"), name="t").plaintext
    api = (
        Client()
        .get(f"/api/v1/funds/{fund.slug}/projects/{excepted.pk}/duty", HTTP_AUTHORIZATION=f"Bearer {token}")
        .json()
    )
    document = april_annex_document(gather(fund, 2015, prepared_on=dt.date(2016, 4, 15), projection_runs=20))
    april = [b.text for b in document.blocks if isinstance(b, Paragraph) and b.text.startswith("Mobilt team skola:")]

    assert _facts(ledger_page) == [NOTE]
    assert _facts(position) == [NOTE]
    assert _facts(followup) == [NOTE]
    assert api["exception"] == NOTE
    assert april == [f"Mobilt team skola: {NOTE}"]


def test_a_grant_without_an_exception_shows_none(users, fund):
    from tests.cases.conftest import grant_through_workflow

    initiative = grant_through_workflow(users, fund)
    decision = Decision.objects.get(initiative=initiative)
    ledger.grant_decide(decision=decision, user=users["ekonomi"], acknowledge_warnings=True)
    assert project_duty(initiative, timezone.localdate()).exception is None
    finance = Client()
    finance.force_login(users["ekonomi"])
    page = finance.get(reverse("ledger:project", args=[fund.slug, initiative.pk])).content.decode()
    assert _facts(page) == []
