"""A fund with many granted projects for the report benchmark: each decided, booked, paid, with an
adopted repayment plan and its follow-up started, through the ledger's and follow-up's own services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection

from socialfund.accounts.models import User
from socialfund.cases.models import Decision, DecisionAmount, Initiative
from socialfund.demo.loader import demo_load
from socialfund.demo.sodertalje import FAMILY_CENTRES_CONTENT
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board, DecisionBody

AMOUNT = Decimal("50000.00")


def populate_projects(count: int, *, first: int = 0) -> tuple[Fund, int]:
    """Add `count` projects numbered from `first` (the demo is loaded once, on the first call)."""
    from socialfund.followup.services.projects import project_start
    from socialfund.ledger.services import grant_decide, payout_register, repayment_plan_adopt

    if not Fund.objects.filter(slug="sodertalje").exists():
        demo_load()
    fund = Fund.objects.get(slug="sodertalje")
    users = {u.username: u for u in User.objects.filter(organisation=fund.organisation)}
    ks = DecisionBody.objects.get(organisation=fund.organisation, code="KS")
    boards = list(Board.objects.filter(organisation=fund.organisation, code__in=["SN", "UN", "OMS", "KFN"]))
    for n in range(first, first + count):
        initiative = Initiative.objects.create(
            fund=fund,
            title=f"Projekt {n:03d}",
            summary="Förebyggande insats för barn och unga.",
            initiator_name=boards[n % len(boards)].display_name,
            initiator_type="office",
            lead_board=boards[n % len(boards)],
            stage="decision",
            status="granted",
            filed_on=dt.date(2015, 3, 1),
            policy_id="sodertalje-2013",
            content=FAMILY_CENTRES_CONTENT,
        )
        decision = Decision.objects.create(
            initiative=initiative,
            body=ks,
            decided_on=dt.date(2016, 1, 25),
            paragraph=f"§ {n + 1}",
            outcome="granted",
            text="Beviljas.",
            registered_by=users["registrator"],
        )
        DecisionAmount.objects.create(decision=decision, year=2016, amount=AMOUNT)
        DecisionAmount.objects.create(decision=decision, year=2017, amount=AMOUNT)
        grant_decide(decision=decision, user=users["ekonomi"], acknowledge_warnings=True)
        payout_register(initiative=initiative, user=users["ekonomi"], amount=AMOUNT, paid_on=dt.date(2016, 3, 1))
        repayment_plan_adopt(initiative=initiative, user=users["ekonomi"], adopted_on=dt.date(2016, 2, 1))
        project_start(initiative=initiative, user=users["registrator"], started_on=dt.date(2016, 2, 1))
    assert connection.vendor in ("sqlite", "postgresql")
    return fund, first + count
