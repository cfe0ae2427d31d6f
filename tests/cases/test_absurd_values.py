"""Issue 21, finding 8: dates outside the fund's life, shares outside 0–100 %, numbers from API input that
only Python would read as a date or an amount, and amounts not in Swedish notation are refused; nothing stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from socialfund.accounts.tokens import token_create
from socialfund.cases import services
from socialfund.cases.errors import CaseValidationError
from socialfund.cases.models import Decision
from socialfund.core.money import MoneyError, parse_amount
from socialfund.followup.models import Measurement
from socialfund.followup.services import project_start
from socialfund.ledger.errors import LedgerValidationError
from socialfund.ledger.models import CapitalDecision
from socialfund.ledger.services import capital_decide
from socialfund.organisation.models import Board, DecisionBody
from tests.cases.application_content import application_content
from tests.cases.conftest import give_every_opinion, walk_to_preparation

pytestmark = pytest.mark.django_db


def _at_decision(users, fund):
    draft = services.initiative_create(
        fund=fund,
        user=users["handlaggare"],
        title="Mobilt team skola 9",
        summary="Tidiga insatser.",
        stage="idea",
        partner_boards=[Board.objects.get(code="SN")],
        content=application_content(),
    )
    initiative = walk_to_preparation(draft, users)
    services.preparation_complete(initiative=initiative, user=users["beredning"], memo="Uppfyller riktlinjerna.")
    initiative.refresh_from_db()
    if initiative.stage == "director_approval":
        services.director_approve(initiative=initiative, user=users["stadsdirektor"])
    give_every_opinion(initiative, users, dt.date(2016, 4, 5))
    services.opinions_complete(initiative=initiative, user=users["yttrande"])
    initiative.refresh_from_db()
    return initiative


def test_a_ks_decision_dated_0001_01_01_is_refused(users, fund):
    initiative = _at_decision(users, fund)
    with pytest.raises(CaseValidationError) as refused:
        services.decision_register(
            initiative=initiative,
            user=users["registrator"],
            body=DecisionBody.objects.get(code="KS"),
            decided_on=dt.date(1, 1, 1),
            paragraph="§ 101",
            outcome="granted",
            text="Beviljas.",
            amounts={2016: Decimal("600000")},
        )
    assert refused.value.field == "decided_on"
    assert "före fondens start (2013-02-25)" in refused.value.message
    assert not Decision.objects.filter(initiative=initiative).exists()


def test_a_capital_decision_before_the_fund_is_refused(users, fund):
    before = CapitalDecision.objects.count()
    with pytest.raises(LedgerValidationError):
        capital_decide(
            fund=fund,
            user=users["registrator"],
            body=DecisionBody.objects.get(code="KF"),
            decided_on=dt.date(1, 1, 1),
            paragraph="§ 7",
            amount=Decimal("1000000"),
        )
    assert CapitalDecision.objects.count() == before


@pytest.fixture
def share_indicator(users, fund):
    from tests.cases.conftest import grant_through_workflow

    initiative = grant_through_workflow(users, fund, start_project=False)
    project = project_start(initiative=initiative, user=users["registrator"])
    indicator = project.indicators.get(unit="andel")
    return indicator


def _post_measurement(users, indicator, body):
    token = token_create(user=users["handlaggare"], name="t").plaintext
    return Client().post(
        f"/api/v1/indicators/{indicator.pk}/measurements",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"measured_on": 0, "value": "0.30"}, 422),
        ({"measured_on": "0", "value": "0.30"}, 422),
        ({"measured_on": 86400, "value": "0.30"}, 422),
        ({"measured_on": "2010-01-01", "value": "0.30"}, 400),  # before the fund
        ({"measured_on": "2017-03-01", "value": "-1000"}, 400),  # a share below 0
        ({"measured_on": "2017-03-01", "value": "1_0"}, 422),
        ({"measured_on": "2017-03-01", "value": "\u0661\u0660"}, 422),
    ],
)
def test_absurd_measurements_are_refused(users, share_indicator, body, status):
    response = _post_measurement(users, share_indicator, body)
    assert response.status_code == status, response.content
    assert response.json()["errors"][0]["field"] in {"Mätdatum", "Värde"}
    assert not Measurement.objects.filter(indicator=share_indicator, source="manual").exists()


def test_a_plausible_measurement_is_still_stored(users, share_indicator):
    response = _post_measurement(users, share_indicator, {"measured_on": "2017-03-01", "value": "0.30"})
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("text", ["1_000", "\u0661\u0660\u0660\u0660", "1e6", "1 000,5,0", "۱۰۰۰", "1.000.000"])
def test_amounts_accept_swedish_notation_only(text):
    with pytest.raises(MoneyError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("1 234 567,50", "1234567.50"), ("24 000 000 kr", "24000000.00"), ("−500", "-500.00"), ("900\u00a0000", "900000")],
)
def test_swedish_amounts_still_parse(text, amount):
    assert parse_amount(text) == Decimal(amount)
