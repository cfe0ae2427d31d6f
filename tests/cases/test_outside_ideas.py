"""Outside ideas go to the office and board of their area first, and reach the preparation group only once
that board sponsors them (DOMAIN.md rule 12: "kontorscheferna kommer in för sent")."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.audit.models import AuditEvent
from socialfund.cases import services
from socialfund.cases.errors import CasePermissionDenied, CaseStateError, CaseValidationError
from socialfund.cases.notifications import next_actors
from socialfund.cases.outside_ideas import idea_area_assign
from socialfund.organisation.models import Board

pytestmark = pytest.mark.django_db


def idea(fund, area_board=None):
    return services.idea_register_external(
        fund=fund,
        title="Läxhjälp i föreningsregi",
        summary="Läxhjälp för barn i årskurs 4–6.",
        organisation_name="Föreningen Läxhjälpen",
        organisation_type="association",
        contact_name="Kim Kontakt",
        contact_email="kim@example.se",
        area_board=area_board,
    )


def page(user, name, *args):
    client = Client()
    client.force_login(user)
    return client.get(reverse(name, args=args)).content.decode()


def test_an_idea_lands_with_its_areas_office_head_and_board_not_the_preparation_group(users, fund):
    case = idea(fund, Board.objects.get(code="UN"))
    assert {u.username for u in next_actors(case)} == {"handlaggare", "kontorschef"}
    assert "Extern idé inom ert område" in page(users["kontorschef"], "cases:todo")
    assert "Extern idé inom ert område" in page(users["handlaggare"], "cases:todo")
    assert "Läxhjälp i föreningsregi" not in page(users["beredning"], "cases:desk")
    assert "Läxhjälp i föreningsregi" not in page(users["beredning"], "cases:todo")


def test_the_office_head_sponsors_it_and_it_becomes_the_boards_initiative(users, fund):
    case = idea(fund, Board.objects.get(code="UN"))
    with pytest.raises(CasePermissionDenied):
        services.initiative_sponsor(initiative=case, user=users["beredning"])
    services.initiative_sponsor(initiative=case, user=users["kontorschef"])
    case.refresh_from_db()
    assert case.lead_board.code == "UN"
    event = AuditEvent.objects.get(initiative=case, action="initiative_sponsor")
    assert event.actor == users["kontorschef"] and "nämndens initiativ" in event.message
    assert "Läxhjälp i föreningsregi" in page(users["beredning"], "cases:desk")
    with pytest.raises(CaseStateError, match="redan en ansvarig nämnd"):
        services.initiative_sponsor(initiative=case, user=users["handlaggare"])


def test_another_areas_board_cannot_sponsor_it(users, fund):
    case = idea(fund, Board.objects.get(code="SN"))
    with pytest.raises(CasePermissionDenied, match="områdets nämnd"):
        services.initiative_sponsor(initiative=case, user=users["handlaggare"])  # UN's official


def test_without_an_area_the_coordinator_assigns_one(users, fund):
    case = idea(fund)
    assert {u.username for u in next_actors(case)} == {"beredning", "registrator"}
    assert "Extern idé utan område" in page(users["beredning"], "cases:todo")
    with pytest.raises(CaseStateError, match="inget område"):
        services.initiative_sponsor(initiative=case, user=users["handlaggare"])
    with pytest.raises(CasePermissionDenied):
        idea_area_assign(initiative=case, user=users["handlaggare"], board=Board.objects.get(code="UN"))
    idea_area_assign(initiative=case, user=users["registrator"], board=Board.objects.get(code="UN"))
    case.refresh_from_db()
    assert case.area_board.code == "UN"
    assert AuditEvent.objects.filter(initiative=case, action="idea_area_assign", actor=users["registrator"]).exists()
    assert {u.username for u in next_actors(case)} == {"handlaggare", "kontorschef"}


def test_the_public_form_lets_the_actor_pick_the_area(fund):
    un = Board.objects.get(code="UN")
    form = Client().get(reverse("actors:idea")).content.decode()
    assert "Vilket område gäller idén?" in form and "Utbildningsnämnden (Utbildningskontoret)" in form
    response = Client().post(
        reverse("actors:idea"),
        {
            "fund": fund.pk,
            "title": "Läxhjälp",
            "summary": "Läxhjälp för barn.",
            "organisation_name": "Läxhjälpen",
            "organisation_type": "association",
            "organisation_number": "802400-1235",  # an organisation number is now required
            "contact_name": "Kim",
            "contact_email": "kim@example.se",
            "area_board": un.pk,
        },
    )
    assert response.status_code == 200
    assert "Kontoret och nämnden för området" in response.content.decode()
    assert fund.initiatives.get(title="Läxhjälp").area_board == un


def test_an_area_of_another_municipality_is_refused(fund):
    from socialfund.organisation.models import Organisation

    other = Organisation.objects.create(name="Annan kommun")
    board = Board.objects.create(organisation=other, code="XN", area="social")
    with pytest.raises(CaseValidationError) as error:
        idea(fund, board)
    assert error.value.field == "area_board"
