"""Who may take which follow-up step: the whole matrix of demo users against the services.

Each allowed call runs inside a savepoint that is rolled back, so every user meets the
same state; a refused call must raise a permission refusal (never store anything).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import transaction

from socialfund.followup import services
from socialfund.kit.refusals import PermissionRefusal
from socialfund.organisation.models import Board
from tests.followup.helpers import pdsa, stored

pytestmark = pytest.mark.django_db

EVERYONE = [
    "handlaggare",
    "kontorschef",
    "beredning",
    "stadsdirektor",
    "yttrande",
    "registrator",
    "ekonomi",
    "lasare",
    "admin",
]


class Undo(Exception):
    pass


def allowed(run: Callable[[], object]) -> bool:
    try:
        with transaction.atomic():
            run()
            raise Undo
    except Undo:
        return True
    except PermissionRefusal:
        return False


def who_may(users, step: Callable[[object], object]) -> set[str]:
    before = stored()
    result = {name for name in EVERYONE if allowed(lambda name=name: step(users[name]))}
    assert stored() == before
    return result


def test_starting_a_project(users, granted):
    assert who_may(users, lambda u: services.project_start(initiative=granted, user=u)) == {
        "registrator",
        "beredning",
        "admin",
    }


def test_the_project_steps(users, project):
    report = project.reports.order_by("due_on").first()
    indicator = project.indicators.get(name="Placeringsdygn på HVB")
    sn = Board.objects.get(code="SN")
    matrix = {
        "measurement": lambda u: services.measurement_record(
            indicator=indicator, user=u, measured_on=dt.date(2017, 12, 31), value=Decimal(1850)
        ),
        "saving": lambda u: services.realised_saving_record(
            project=project, user=u, board=sn, year=2018, amount=Decimal(1)
        ),
        "draft": lambda u: services.report_draft_save(report=report, user=u, **pdsa()),
        "skip": lambda u: services.report_skip(report=report, user=u, reason="Skäl."),
        "plan": lambda u: services.implementation_plan_save(project=project, user=u, text="Plan.", responsible="UK"),
        "close": lambda u: services.project_close(
            project=project, user=u, closed_on=dt.date(2018, 9, 1), outcome="not_implemented", note="Nej."
        ),
    }
    # Closing needs the final report handled first; skip it so the only question left is the role.
    final = project.reports.get(kind="final")
    services.report_skip(report=final, user=users["beredning"], reason="Ersätts av lägesrapporten.")
    expected = {
        "measurement": {"handlaggare", "beredning", "admin"},
        "saving": {"ekonomi", "beredning", "admin"},
        "draft": {"handlaggare"},  # the lead board's official; an administrator belongs to no board
        "skip": {"beredning", "admin"},
        "plan": {"handlaggare"},
        "close": {"beredning", "admin"},
    }
    assert {step: who_may(users, run) for step, run in matrix.items()} == expected


def test_review_and_decisions(users, project):
    report = project.reports.order_by("due_on").first()
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa(), fidelity="full")
    services.report_submit(report=report, user=users["handlaggare"])
    assert who_may(
        users, lambda u: services.report_review(report=report, user=u, verdict="approved", effect_finding="none")
    ) == {"beredning", "admin"}
    services.report_review(report=report, user=users["beredning"], verdict="approved", effect_finding="none")
    assert who_may(
        users, lambda u: services.special_review_open(project=project, user=u, grounds="Inga effekter.")
    ) == {
        "beredning",
        "admin",
    }
    review = services.special_review_open(project=project, user=users["beredning"], grounds="Inga effekter.")
    assert who_may(
        users,
        lambda u: services.special_review_evidence_add(review=review, user=u, kind="other", description="Protokoll."),
    ) == {"handlaggare", "beredning", "admin"}
    assert who_may(users, lambda u: services.special_review_submit(review=review, user=u)) == {"beredning", "admin"}
