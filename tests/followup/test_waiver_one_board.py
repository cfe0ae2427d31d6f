"""Kommunstyrelsen may waive one board's repayment after special review and keep another's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from socialfund.accounts.models import User
from socialfund.followup import ledger_bridge, services
from socialfund.kit.refusals import InputRefusal
from socialfund.ledger import selectors
from socialfund.ledger.models import Waiver
from socialfund.organisation.models import Board, DecisionBody, Organisation
from tests.followup.helpers import stored
from tests.followup.test_chain import approve_first_report, book_grant_and_plan, pay_out_the_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(users, project):
    """The project's plan has SN repay 1 086 844 kr (2018–2019) and UN 113 156 kr (2019); the review is at KS."""
    book_grant_and_plan(users, project)
    pay_out_the_grant(users, project)
    approve_first_report(users, project, finding="none")
    review = services.special_review_open(project=project, user=users["beredning"], grounds="Inga effekter.")
    return services.special_review_submit(review=review, user=users["beredning"])


def owed(project) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for account in selectors.outstanding_duties(project.initiative):
        totals[account.board.code] = totals.get(account.board.code, Decimal(0)) + Decimal(account.balance_ore) / 100
    return totals


def decide(users, review, **changes):
    fields = {
        "review": review,
        "user": users["registrator"],
        "body": DecisionBody.objects.get(code="KS"),
        "decided_on": dt.date(2019, 3, 4),
        "paragraph": "§ 46",
        "outcome": "waive",
        "text": "Socialnämndens återföring efterskänks; utbildningsnämndens kvarstår.",
    }
    return services.special_review_decide(**{**fields, **changes})


def test_waiving_one_boards_duty_leaves_the_others(users, project, submitted):
    assert owed(project) == {"SN": Decimal("1086844.00"), "UN": Decimal("113156.00")}
    sn = Board.objects.get(code="SN")
    review = decide(users, submitted, board=sn)
    assert (review.status, review.waived_amount, review.waiver.board) == ("waived", Decimal("1086844.00"), sn)
    assert owed(project) == {"UN": Decimal("113156.00")}
    assert Waiver.objects.get(initiative=project.initiative).amount == Decimal("1086844.00")
    status = ledger_bridge.repayment_status(project)
    assert (status.waived, status.remaining) == (Decimal("1086844.00"), Decimal("113156.00"))


def test_a_board_is_named_only_for_a_waiver_and_only_one_of_the_municipality(users, project, submitted):
    before = stored()
    with pytest.raises(InputRefusal, match="bara när återföringen efterskänks") as error:
        decide(users, submitted, outcome="maintain", board=Board.objects.get(code="SN"))
    assert error.value.field == "board"
    assert stored() == before
    elsewhere = Organisation.objects.create(name="Nykvarns kommun", code="0140")
    stranger = Board.objects.create(organisation=elsewhere, code="SN", name="Socialnämnden")
    before = stored()
    with pytest.raises(InputRefusal, match="fondens kommun"):
        decide(users, submitted, board=stranger)
    assert stored() == before


def test_the_decision_form_offers_the_boards_that_still_owe(users, project, submitted):
    client = Client()
    client.force_login(User.objects.get(username="registrator"))
    html = client.get(reverse("followup:project", args=[project.pk])).content.decode()
    assert "Vems återföring efterskänks?" in html and "Alla nämnders" in html
    options = html.split('name="special-review-decide-board"')[1].split("</select>")[0]
    assert options.count("<option") == 3  # all, SN, UN
    un = Board.objects.get(code="UN")
    response = client.post(
        reverse("followup:action", args=[project.pk, "special-review-decide"]),
        {
            "special-review-decide-decided_on": "2019-03-04",
            "special-review-decide-paragraph": "§ 46",
            "special-review-decide-outcome": "waive",
            "special-review-decide-board": un.pk,
            "special-review-decide-text": "Utbildningsnämndens återföring efterskänks.",
        },
    )
    assert response.status_code == 302
    assert owed(project) == {"SN": Decimal("1086844.00")}
    page = client.get(reverse("followup:project", args=[project.pk])).content.decode()
    assert "för Utbildningsnämnden" in page or f"för {un}" in page


def test_the_evidence_behind_a_waiver_is_kept_in_swedish(users, project, submitted):
    with translation.override("en"):
        decide(users, submitted)
    evaluation = Waiver.objects.get(initiative=project.initiative).evaluation
    assert "- Rapport från projektet:" in evaluation and "Report" not in evaluation
