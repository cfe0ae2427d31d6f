"""Fixtures for the case workflow: demo users by role and a fresh application on UN's desk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board, DecisionBody
from tests.cases.application_content import application_content


@pytest.fixture
def users(demo) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def fund(demo) -> Fund:
    """The demo fund under its 2013 guidelines only, so that today's cases walk the 2013 path
    (with the city director's step). Tests of the 2015 path add that version back."""
    fund = Fund.objects.get(slug="sodertalje")
    fund.policy_versions.exclude(policy_id="sodertalje-2013").delete()
    return fund


@pytest.fixture
def draft(users, fund) -> Initiative:
    return services.initiative_create(
        fund=fund,
        user=users["handlaggare"],
        title="Mobilt team skola 2",
        summary="Tidiga insatser i skolan.",
        stage="idea",
        partner_boards=[Board.objects.get(code="SN")],
        content=application_content(),
    )


def many_cases(
    fund: Fund,
    count: int,
    *,
    title: str = "Idé {n}",
    stages: tuple[str, ...] = ("idea",),
    status: Callable[[int], str] = lambda n: "active",
    filed_on: Callable[[int], dt.date] | None = None,
) -> None:
    """`count` filed cases of UN's, written at once (a list or a pipeline's queries must not grow with them):
    case n is at `stages[n % len(stages)]`, filed on `filed_on(n)` (the demo's Tjejhuset's day when None)."""
    filed = Initiative.objects.get(title="Tjejhuset").filed_on if filed_on is None else None
    board = Board.objects.get(code="UN")
    Initiative.objects.bulk_create(
        [
            Initiative(
                fund=fund,
                title=title.format(n=n),
                initiator_name="Förening",
                initiator_type="association",
                stage=stages[n % len(stages)],
                status=status(n),
                filed_on=filed if filed_on is None else filed_on(n),
                lead_board=board,
            )
            for n in range(count)
        ]
    )


def walk_to_preparation(initiative: Initiative, users: dict[str, User]) -> Initiative:
    """Submit, anchor with office head and board, hand in the application: it lands with the preparation group."""
    services.initiative_submit(initiative=initiative, user=users["handlaggare"])
    services.signoff_record(
        initiative=initiative, user=users["kontorschef"], kind="office_head", signed_on=dt.date(2016, 1, 10)
    )
    services.initiative_submit(initiative=initiative, user=users["handlaggare"])  # idea -> application
    services.signoff_record(
        initiative=initiative,
        user=users["handlaggare"],
        kind="board",
        signed_on=dt.date(2016, 2, 1),
        reference="UN § 12",
    )
    services.initiative_submit(initiative=initiative, user=users["handlaggare"])  # application -> preparation
    initiative.refresh_from_db()
    return initiative


def give_every_opinion(initiative: Initiative, users: dict[str, User], on: dt.date) -> None:
    """The 2013 guidelines' opinions: hållbarhetsutskottet's, then each board's the case concerns (its lead
    board and its partner boards), as the registrar of each registers them."""
    services.opinion_register(
        initiative=initiative,
        user=users["yttrande"],
        position="supports",
        decided_on=on,
        body=DecisionBody.objects.get(code="HU"),
    )
    boards = [initiative.lead_board, *initiative.partner_boards.exclude(pk=initiative.lead_board_id)]
    for board in boards:
        services.opinion_register(
            initiative=initiative, user=users["yttrande"], position="supports", decided_on=on, board=board
        )


def grant_through_workflow(
    users: dict[str, User],
    fund: Fund,
    *,
    title: str = "Mobilt team skola 2",
    content: dict | None = None,
    start_project: bool = True,
) -> Initiative:
    """Draft → anchoring → application → preparation → opinions → kommunstyrelsen grants 1 200 000 kr (2016-05-02).

    Under the fund's guidelines in force (with the city director's step where they have one); the grant
    starts the project's follow-up as in production unless `start_project` is False."""
    draft = services.initiative_create(
        fund=fund,
        user=users["handlaggare"],
        title=title,
        summary="Tidiga insatser i skolan.",
        stage="idea",
        partner_boards=[Board.objects.get(code="SN")],
        content=content or application_content(),
    )
    initiative = walk_to_preparation(draft, users)
    services.preparation_complete(initiative=initiative, user=users["beredning"], memo="Uppfyller riktlinjerna.")
    initiative.refresh_from_db()
    if initiative.stage == "director_approval":
        services.director_approve(initiative=initiative, user=users["stadsdirektor"])
    give_every_opinion(initiative, users, dt.date(2016, 4, 5))
    services.opinions_complete(initiative=initiative, user=users["yttrande"])
    services.decision_register(
        initiative=initiative,
        user=users["registrator"],
        body=DecisionBody.objects.get(code="KS"),
        decided_on=dt.date(2016, 5, 2),
        paragraph="§ 101",
        outcome="granted",
        text="Kommunstyrelsen beviljar 1 200 000 kr ur den sociala investeringsfonden.",
        amounts={2016: Decimal("600000"), 2017: Decimal("600000")},
        start_project=start_project,
    )
    initiative.refresh_from_db()
    return initiative
