"""Co-applicants and their representatives' e-legitimation login (issue 25, parts 2 and 3)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.actors import coapplicants
from socialfund.actors.models import CoApplicant, PartyComment, PartyVisibility, Representative
from socialfund.cases import services
from socialfund.cases.errors import CasePermissionDenied, CaseStateError
from socialfund.cases.models import Initiative
from socialfund.cases.outside_ideas import idea_sponsor
from socialfund.organisation.models import Board, Office
from tests.actors.conftest import ASSOCIATION_NUMBER, PIN_FORMS, database_holds
from tests.actors.test_receipts import idea_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def sponsored(fund, users) -> Initiative:
    """An association's idea that Utbildningsnämnden has taken on."""
    idea_post(fund)
    initiative = Initiative.objects.get(title="Läxhjälp i föreningsregi")
    return idea_sponsor(initiative=initiative, user=users["kontorschef"])


@pytest.fixture
def social_head(users) -> User:
    """The head of Social- och omsorgskontoret, which works for Socialnämnden (not in the demo)."""
    head = User.objects.create_user(
        "socialchef",
        password="x",
        first_name="Sara",
        last_name="Socialchef",
        organisation=users["kontorschef"].organisation,
    )
    head.groups.add(Group.objects.get(name=Role.OFFICE_HEAD))
    Office.objects.filter(code="SK", organisation=head.organisation).update(head=head)
    return head


def eleg_login(client: Client, provider, person: str):
    """Log in through the fake broker as `person`; the broker's page is skipped, its answer is not."""
    start = client.get(reverse("actors:eleg-start"))
    assert start.status_code == 302 and start["Location"].startswith(provider.issuer)
    params = {k: v[0] for k, v in parse_qs(urlparse(start["Location"]).query).items()}
    assert params["code_challenge_method"] == "S256" and "naturalPersonOrgId" in params["scope"]
    back = urlparse(provider.authorize_redirect(params, person))
    return client.get(f"{back.path}?{back.query}")


def invite_association(initiative, user) -> CoApplicant:
    return coapplicants.invite_organisation(
        initiative=initiative,
        user=user,
        number=ASSOCIATION_NUMBER,
        name="Föreningen Läxhjälpen",
        email="ordforande@example.se",
    )


def test_the_lead_board_invites_and_submission_waits_for_every_partys_signature(sponsored, users, social_head):
    with pytest.raises(CasePermissionDenied):
        invite_association(sponsored, users["beredning"])
    party = invite_association(sponsored, users["handlaggare"])
    board_party = coapplicants.invite_board(
        initiative=sponsored, user=users["handlaggare"], board=Board.objects.get(code="SN")
    )
    assert sponsored.partner_boards.filter(code="SN").exists()
    with pytest.raises(CaseStateError, match="Föreningen Läxhjälpen"):
        services.initiative_submit(initiative=sponsored, user=users["handlaggare"])
    with pytest.raises(CasePermissionDenied):
        coapplicants.sign_for_board(party=board_party, user=users["kontorschef"])  # heads the wrong office
    coapplicants.sign_for_board(party=board_party, user=social_head)
    representative = Representative.objects.create(
        subject_key="k", name="Anna Andersson", organisation=party.organisation
    )
    coapplicants.sign_for_organisation(party=party, representative=representative)
    with pytest.raises(CaseStateError):
        coapplicants.sign_for_organisation(party=party, representative=representative)
    submitted = services.initiative_submit(initiative=sponsored, user=users["handlaggare"])
    assert submitted.stage != sponsored.stage  # handed in: the next document


def test_a_representative_logs_in_through_e_legitimation_and_signs_for_the_organisation(sponsored, users, fake_eleg):
    party = invite_association(sponsored, users["handlaggare"])
    client = Client()
    assert client.get(reverse("actors:representative-home")).status_code == 302
    response = eleg_login(client, fake_eleg, "anna")
    assert response.status_code == 302 and response["Location"] == reverse("actors:representative-home")
    home = client.get(reverse("actors:representative-home")).content.decode()
    assert "Anna Andersson" in home and "Läxhjälp i föreningsregi" in home
    page = reverse("actors:representative-application", args=[party.pk])
    assert client.post(page, {"do": "sign"}).status_code == 302
    party.refresh_from_db()
    assert party.signed_at is not None and party.signer_name == "Anna Andersson"
    # The same person next time is the same representative: recognised by the keyed hash alone.
    eleg_login(Client(), fake_eleg, "anna")
    assert Representative.objects.count() == 1
    assert database_holds(PIN_FORMS) == []


def test_a_representative_is_not_a_staff_user(sponsored, users, fake_eleg):
    invite_association(sponsored, users["handlaggare"])
    client = Client()
    eleg_login(client, fake_eleg, "anna")
    assert client.get(reverse("cases:list")).status_code == 302  # to the staff login
    assert client.get(reverse("cases:detail", args=[sponsored.pk])).status_code == 302


def test_a_login_for_an_uninvited_organisation_or_a_mismatched_affiliation_is_refused(sponsored, users, fake_eleg):
    invite_association(sponsored, users["handlaggare"])
    refused = eleg_login(Client(), fake_eleg, "bo")
    assert refused.status_code == 400 and "ingen inbjudan" in refused.content.decode()
    mixed = eleg_login(Client(), fake_eleg, "mixed")
    assert mixed.status_code == 400 and "annan organisation" in mixed.content.decode()
    assert not Representative.objects.exists()


def test_an_answer_with_another_browsers_state_is_refused(sponsored, users, fake_eleg):
    invite_association(sponsored, users["handlaggare"])
    first, second = Client(), Client()
    start = first.get(reverse("actors:eleg-start"))
    params = {k: v[0] for k, v in parse_qs(urlparse(start["Location"]).query).items()}
    back = urlparse(fake_eleg.authorize_redirect(params, "anna"))
    second.get(reverse("actors:eleg-start"))
    stolen = second.get(f"{back.path}?{back.query}")
    assert stolen.status_code == 400
    assert not Representative.objects.exists()


def test_another_organisations_representative_sees_nothing_of_the_application(sponsored, users, fake_eleg):
    party = invite_association(sponsored, users["handlaggare"])
    other = Client()
    # Bolaget AB is invited to a different application only.
    idea_post(
        sponsored.fund,
        title="Fotboll på lovet",
        organisation_name="Bolaget AB",
        organisation_number="802500-9872",
        contact_email="lo@example.se",
    )
    second = idea_sponsor(initiative=Initiative.objects.get(title="Fotboll på lovet"), user=users["kontorschef"])
    coapplicants.invite_organisation(
        initiative=second, user=users["handlaggare"], number="802500-9872", name="Bolaget AB", email="bo@example.se"
    )
    eleg_login(other, fake_eleg, "bo")
    assert other.get(reverse("actors:representative-application", args=[party.pk])).status_code == 404
    assert "Läxhjälp" not in other.get(reverse("actors:representative-home")).content.decode()


def test_staff_only_comments_never_reach_the_parties(sponsored, users, fake_eleg):
    party = invite_association(sponsored, users["handlaggare"])
    coapplicants.comment_add(
        initiative=sponsored, user=users["handlaggare"], text="Budgeten ser tunn ut.", visibility=PartyVisibility.STAFF
    )
    coapplicants.comment_add(
        initiative=sponsored,
        user=users["handlaggare"],
        text="Välkomna som medsökande!",
        visibility=PartyVisibility.ALL_PARTIES,
    )
    client = Client()
    eleg_login(client, fake_eleg, "anna")
    page = reverse("actors:representative-application", args=[party.pk])
    html = client.get(page).content.decode()
    assert "Välkomna som medsökande!" in html and "Budgeten ser tunn ut." not in html
    client.post(page, {"do": "comment", "comment-text": "Tack, vi är med."})
    comment = PartyComment.objects.get(text="Tack, vi är med.")
    assert comment.visibility == PartyVisibility.ALL_PARTIES and comment.author_representative is not None
    staff = Client()
    staff.force_login(users["handlaggare"])
    staff_page = staff.get(reverse("actors:coapplicants", args=[sponsored.pk])).content.decode()
    assert "Budgeten ser tunn ut." in staff_page and "Tack, vi är med." in staff_page


def test_the_staff_page_invites_with_a_checked_organisation_number(sponsored, users):
    staff = Client()
    staff.force_login(users["handlaggare"])
    page = reverse("actors:coapplicants", args=[sponsored.pk])
    refused = staff.post(
        page,
        {
            "do": "invite",
            "organisation_number": "802400-1234",
            "organisation_name": "X",
            "invite_email": "x@example.se",
        },
    )
    assert refused.status_code == 400 and "kontrollsiffran" in refused.content.decode()
    assert not CoApplicant.objects.exists()
    done = staff.post(
        page,
        {
            "do": "invite",
            "organisation_number": ASSOCIATION_NUMBER,
            "organisation_name": "Föreningen Läxhjälpen",
            "invite_email": "ordforande@example.se",
        },
    )
    assert done.status_code == 302
    assert CoApplicant.objects.get().organisation.number == ASSOCIATION_NUMBER
