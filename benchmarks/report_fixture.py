"""Granted projects for the benchmarks: each decided, booked, paid, with an adopted repayment plan and its
follow-up started, through the ledger's and follow-up's own services (the report benchmark fills one fund
with hundreds; the tenancy benchmark gives each organisation a few, benchmarks/tenancy_fixture.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from socialfund.accounts.models import User
from socialfund.cases.models import Decision, DecisionAmount, Initiative
from socialfund.demo.loader import demo_load
from socialfund.demo.sodertalje import FAMILY_CENTRES_CONTENT
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board, DecisionBody

AMOUNT = Decimal("50000.00")


def populate_projects(count: int, *, first: int = 0) -> tuple[Fund, int]:
    """Add `count` projects numbered from `first` to the demo fund (the demo is loaded on the first call)."""
    if not Fund.objects.filter(slug="sodertalje").exists():
        demo_load()
    fund = Fund.objects.get(slug="sodertalje")
    granted_projects(fund, range(first, first + count), title="Projekt {n:03d}")
    return fund, first + count


def granted_projects(fund: Fund, numbers: range, *, title: str) -> None:
    """One granted project in follow-up for each of `numbers` in `fund`, named `title.format(n=…)`, decided by
    the organisation's executive board (KS), booked and paid by its finance staff, started by its registrar."""
    from socialfund.followup.services.projects import project_start
    from socialfund.ledger.services import grant_decide, payout_register, repayment_plan_adopt

    finance, registrar = _staff(fund, "finance", "ekonomi"), _staff(fund, "registrar", "registrator")
    ks = DecisionBody.objects.get(organisation=fund.organisation, code="KS")
    boards = list(Board.objects.filter(organisation=fund.organisation, code__in=["SN", "UN", "OMS", "KFN"]))
    for n in numbers:
        initiative = Initiative.objects.create(
            fund=fund,
            title=title.format(n=n),
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
            registered_by=registrar,
        )
        DecisionAmount.objects.create(decision=decision, year=2016, amount=AMOUNT)
        DecisionAmount.objects.create(decision=decision, year=2017, amount=AMOUNT)
        grant_decide(decision=decision, user=finance, acknowledge_warnings=True)
        payout_register(initiative=initiative, user=finance, amount=AMOUNT, paid_on=dt.date(2016, 3, 1))
        repayment_plan_adopt(initiative=initiative, user=finance, adopted_on=dt.date(2016, 2, 1))
        project_start(initiative=initiative, user=registrar, started_on=dt.date(2016, 2, 1))


def _staff(fund: Fund, group: str, demo_username: str) -> User:
    """The demo's user of that role (`ekonomi`, `registrator`) where it is the fund's, else the first of the
    organisation's users in the role's group (a tenant made by benchmarks/tenancy_fixture.py)."""
    staff = User.objects.filter(organisation=fund.organisation)
    user = staff.filter(username=demo_username).first() or staff.filter(groups__name=group).order_by("pk").first()
    assert user is not None, f"no {group} user in {fund.organisation}"
    return user
