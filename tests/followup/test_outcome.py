"""Realised savings entered by finance: replaced with the audit keeping both, checked, and nothing half-saved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from socialfund.audit.models import AuditEvent
from socialfund.followup import services
from socialfund.followup.models import Project, RealisedSaving
from socialfund.kit.refusals import InputRefusal
from socialfund.organisation.models import Board, Organisation
from tests.followup.helpers import stored

pytestmark = pytest.mark.django_db


def test_an_entered_saving_is_replaced_and_the_audit_keeps_the_old_figure(users, project):
    sn = Board.objects.get(code="SN")
    services.realised_saving_record(project=project, user=users["ekonomi"], board=sn, year=2018, amount=Decimal(500000))
    services.realised_saving_record(project=project, user=users["ekonomi"], board=sn, year=2018, amount=Decimal(612345))
    saving = RealisedSaving.objects.get(project=project, board=sn, year=2018)
    assert (saving.amount, saving.basis) == (Decimal("612345.00"), "entered")
    events = AuditEvent.objects.filter(action="realised_saving_record").order_by("pk")
    assert [e.data["before"] for e in events] == ["", "500000.00 (entered)"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year": 1999}, "year"),
        ({"amount": 1.5}, "amount"),  # a float is never money
        ({"note": "Avser 19870101-1234"}, "note"),
    ],
)
def test_saving_input_is_checked_and_nothing_stored(users, project, changes, field):
    before = stored()
    kwargs = {"board": Board.objects.get(code="SN"), "year": 2018, "amount": Decimal(1), **changes}
    with pytest.raises(InputRefusal) as error:
        services.realised_saving_record(project=project, user=users["ekonomi"], **kwargs)
    assert error.value.field == field
    assert stored() == before


def test_a_board_of_another_municipality_is_refused(users, project):
    other = Organisation.objects.create(name="Norrköpings kommun", code="0581", kind="municipality")
    board = Board.objects.create(organisation=other, code="SN", name="Socialnämnden")
    before = stored()
    with pytest.raises(InputRefusal) as error:
        services.realised_saving_record(
            project=project, user=users["ekonomi"], board=board, year=2018, amount=Decimal(1)
        )
    assert error.value.field == "board"
    assert stored() == before


def test_follow_up_is_read_only_in_the_admin(users, project):
    request = RequestFactory().get("/admin/")
    request.user = users["admin"]
    model_admin = admin.site._registry[Project]
    assert model_admin.has_view_permission(request, project)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, project)
    assert not model_admin.has_delete_permission(request, project)


def test_every_follow_up_list_in_the_admin_renders(login, project):
    client = login("admin")
    for model in admin.site._registry:
        if model._meta.app_label == "followup":
            url = reverse(f"admin:followup_{model._meta.model_name}_changelist")
            assert client.get(url).status_code == 200, url
