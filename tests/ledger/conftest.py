"""Fixtures for the ledger: the demo fund (its 24 mnkr already booked by the demo), users by role,
granted projects, and a snapshot of everything the books hold, to prove that a refused event changed nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Decision, DecisionAmount, Initiative
from socialfund.funds.models import Fund
from socialfund.ledger.models import (
    Account,
    CapitalDecision,
    Entry,
    FundLedger,
    PayoutOrder,
    Repayment,
    RepaymentPlan,
    Transaction,
    Waiver,
)
from socialfund.organisation.models import Board, DecisionBody


@pytest.fixture
def users(demo) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def finance(users) -> User:
    return users["ekonomi"]


@pytest.fixture
def registrar(users) -> User:
    return users["registrator"]


@pytest.fixture
def fund(demo) -> Fund:
    return Fund.objects.get(slug="sodertalje")


@pytest.fixture
def ks(fund) -> DecisionBody:
    return DecisionBody.objects.get(organisation=fund.organisation, code="KS")


def board(code: str) -> Board:
    return Board.objects.get(code=code)


def make_project(
    fund: Fund,
    title: str,
    *,
    lead: str = "UN",
    policy_id: str = "sodertalje-2015",
    content: dict[str, Any] | None = None,
) -> Initiative:
    return Initiative.objects.create(
        fund=fund,
        title=title,
        initiator_name=board(lead).name,
        initiator_type="office",
        lead_board=board(lead),
        stage="decision",
        status="active",
        policy_id=policy_id,
        content=content or {},
    )


def make_decision(
    initiative: Initiative,
    amounts: dict[int, str],
    *,
    decided_on: dt.date,
    paragraph: str,
    registrar: User,
) -> Decision:
    """Kommunstyrelsen's grant as the case workflow records it (cases.services.decision_register)."""
    decision = Decision.objects.create(
        initiative=initiative,
        body=DecisionBody.objects.get(organisation=initiative.fund.organisation, code="KS"),
        decided_on=decided_on,
        paragraph=paragraph,
        outcome="granted",
        text=f"Kommunstyrelsen beviljar {initiative.title} medel ur den sociala investeringsfonden.",
        registered_by=registrar,
    )
    for year, amount in amounts.items():
        DecisionAmount.objects.create(decision=decision, year=year, amount=Decimal(amount))
    Initiative.objects.filter(pk=initiative.pk).update(status="granted")
    return decision


@pytest.fixture
def project_factory(fund, registrar) -> Callable[..., tuple[Initiative, Decision]]:
    def _make(
        title: str,
        amounts: dict[int, str],
        *,
        decided_on: dt.date = dt.date(2016, 1, 25),
        paragraph: str = "§ 12",
        **kwargs: Any,
    ) -> tuple[Initiative, Decision]:
        initiative = make_project(fund, title, **kwargs)
        return initiative, make_decision(
            initiative, amounts, decided_on=decided_on, paragraph=paragraph, registrar=registrar
        )

    return _make


LEDGER_MODELS = (
    FundLedger,
    Account,
    Transaction,
    Entry,
    CapitalDecision,
    PayoutOrder,
    RepaymentPlan,
    Repayment,
    Waiver,
)


def books_snapshot() -> dict[str, object]:
    """Everything the ledger holds (and its audit events), as comparable values."""
    snapshot: dict[str, object] = {
        model.__name__: sorted(repr(sorted(row.items())) for row in model.objects.values()) for model in LEDGER_MODELS
    }
    snapshot["audit"] = AuditEvent.objects.filter(action__startswith="ledger_").count()
    return snapshot
