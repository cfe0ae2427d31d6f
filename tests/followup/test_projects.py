"""A granted initiative becomes a project: the schedule from the guidelines, indicators from the goals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Initiative
from socialfund.followup import services
from socialfund.kit.refusals import InputRefusal, PermissionRefusal, StateRefusal
from tests.followup.helpers import stored

pytestmark = pytest.mark.django_db


def test_the_project_gets_its_schedule_and_the_applications_goals(users, project):
    assert (project.started_on, project.ends_on) == (dt.date(2016, 5, 2), dt.date(2018, 5, 1))  # 24 months
    assert project.policy_id == "sodertalje-2015"
    assert project.method_description.startswith("Ett mobilt team")
    assert [(r.kind, r.title, r.due_on, r.status) for r in project.reports.order_by("due_on")] == [
        ("progress", "Lägesrapport 2017", dt.date(2017, 4, 30), "due"),
        ("progress", "Lägesrapport 2018", dt.date(2018, 4, 30), "due"),
        ("final", "Slutrapport", dt.date(2018, 7, 30), "due"),
    ]
    assert [
        (i.name, i.direction, i.baseline_value, i.target_value, i.unit, i.source) for i in project.indicators.all()
    ] == [
        ("Andel elever med hög frånvaro", "lower", Decimal("0.12"), Decimal("0.08"), "andel", "manual"),
        ("Placeringsdygn på HVB", "lower", Decimal(2000), Decimal(1700), "dygn", "manual"),
    ]
    event = AuditEvent.objects.get(action="project_start")
    assert event.initiative_id == project.initiative_id and event.actor == users["registrator"]
    assert "3 rapporter, 2 indikatorer" in event.message


def test_starting_is_refused_and_stores_nothing(users, fund, granted):
    before = stored()
    with pytest.raises(PermissionRefusal):
        services.project_start(initiative=granted, user=users["handlaggare"])
    with pytest.raises(InputRefusal) as error:
        services.project_start(initiative=granted, user=users["registrator"], ends_on=dt.date(2015, 1, 1))
    assert error.value.field == "ends_on"
    active = Initiative.objects.exclude(pk=granted.pk).filter(status="active").first()
    with pytest.raises(StateRefusal, match="beviljat"):
        services.project_start(initiative=active, user=users["registrator"])
    assert stored() == before
    services.project_start(initiative=granted, user=users["beredning"])
    after = stored()
    with pytest.raises(StateRefusal, match="redan startad"):
        services.project_start(initiative=granted, user=users["registrator"])
    assert stored() == after
