"""One walk through the web, as the reviewer would: an association's idea, a sponsoring board,
anchoring, the application, preparation, opinions, kommunstyrelsen's decision — and a withdrawal."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board
from tests.cases.guided_helpers import fill_application

pytestmark = pytest.mark.django_db


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def post(client: Client, initiative: Initiative, action: str, data: dict[str, str] | None = None) -> None:
    response = client.post(reverse("cases:action", args=[initiative.pk, action]), data or {})
    html = response.content.decode()
    problem = html[html.find("error-summary") :][:600] if "error-summary" in html else html[-600:]
    assert response.status_code == 302, problem


def test_from_an_associations_idea_to_kommunstyrelsens_decision(demo):
    fund = Fund.objects.get(slug="sodertalje")
    today = timezone.localdate().isoformat()

    # An association registers its idea without logging in.
    response = Client().post(
        reverse("actors:idea"),
        {
            "fund": fund.pk,
            "title": "Läxhjälp i föreningsregi",
            "summary": "Läxhjälp för barn i åk 4–6.",
            "organisation_name": "Föreningen Läxhjälpen",
            "organisation_type": "association",
            "organisation_number": "802400-1235",  # an organisation number is now required
            "contact_name": "Kim",
            "contact_email": "kim@example.se",
            "area_board": Board.objects.get(code="UN").pk,
        },
    )
    assert response.status_code == 200
    idea = Initiative.objects.get(title="Läxhjälp i föreningsregi")
    policy_id = idea.policy_id
    assert policy_id == fund.policy_in_force(timezone.localdate()).policy_id

    # It goes to the area's office head and board first; the preparation group sees it once the board sponsors it.
    assert "Läxhjälp i föreningsregi" in client_for("kontorschef").get(reverse("cases:todo")).content.decode()
    assert "Läxhjälp i föreningsregi" not in client_for("beredning").get(reverse("cases:desk")).content.decode()
    applicant = client_for("handlaggare")
    post(applicant, idea, "sponsor")
    assert "Läxhjälp i föreningsregi" in client_for("beredning").get(reverse("cases:desk")).content.decode()
    post(applicant, idea, "submit")  # interest -> idea
    post(client_for("kontorschef"), idea, "signoff", {"signoff-kind": "office_head", "signoff-signed_on": today})
    post(applicant, idea, "submit")  # idea -> application
    post(
        applicant, idea, "signoff", {"signoff-kind": "board", "signoff-signed_on": today, "signoff-reference": "UN § 9"}
    )

    # The board completes the application through the guided steps.
    fill_application(applicant, idea)
    post(applicant, idea, "submit")  # application -> preparation
    idea.refresh_from_db()
    assert idea.stage == "preparation"

    post(client_for("beredning"), idea, "prepare", {"prepare-memo": "Uppfyller riktlinjerna."})
    idea.refresh_from_db()
    if idea.stage == "director_approval":  # the 2013 guidelines; the 2015 ones drop this step
        post(client_for("stadsdirektor"), idea, "approve", {"approve-note": ""})
        idea.refresh_from_db()
    assert idea.stage == "opinions"
    hu = demo.organisation.decision_bodies.get(code="HU")
    post(
        client_for("yttrande"),
        idea,
        "opinion",
        {"opinion-giver": f"body:{hu.pk}", "opinion-position": "supports", "opinion-decided_on": today},
    )
    # The board the case concerns gives its opinion too (2013: the committee and the boards).
    un = Board.objects.get(code="UN")
    post(
        client_for("yttrande"),
        idea,
        "opinion",
        {"opinion-giver": f"board:{un.pk}", "opinion-position": "supports", "opinion-decided_on": today},
    )
    post(client_for("yttrande"), idea, "opinions-complete")
    post(
        client_for("registrator"),
        idea,
        "decide",
        {
            "decide-decided_on": today,
            "decide-paragraph": "§ 77",
            "decide-outcome": "granted",
            "decide-text": "Kommunstyrelsen beviljar medel.",
            "decide-amounts": "2016: 600 000\n2017: 600 000",
        },
    )
    idea.refresh_from_db()
    assert idea.status == "granted"
    assert idea.decision.total_granted == 1_200_000

    page = client_for("lasare").get(reverse("cases:detail", args=[idea.pk])).content.decode()
    for story in [
        "Idé från extern aktör",
        "tar ansvar för idén",
        "Kontorschefens förankring",
        "Beredningen är klar",
        "Yttrande från Hållbarhetsutskottet",
        "§ 77: beviljas",
    ]:
        assert story in page, story
    assert AuditEvent.objects.filter(initiative=idea).count() >= 11


def test_backing_out_by_withdrawal(demo):
    applicant = client_for("handlaggare")
    response = applicant.post(reverse("cases:new"), {"title": "Ett utkast", "summary": "Idé.", "stage": "idea"})
    assert response.status_code == 302
    draft = Initiative.objects.get(title="Ett utkast")
    post(applicant, draft, "submit")
    response = applicant.post(reverse("cases:action", args=[draft.pk, "withdraw"]), {"withdraw-reason": "other"})
    assert response.status_code == 400
    assert "Beskriv skälet" in response.content.decode()
    post(applicant, draft, "withdraw", {"withdraw-reason": "evaluation_burden", "withdraw-note": ""})
    draft.refresh_from_db()
    assert (draft.status, draft.withdrawal_reason) == ("withdrawn", "evaluation_burden")
    page = applicant.get(reverse("cases:detail", args=[draft.pk])).content.decode()
    assert "Återkallat: kraven på uppföljning och utvärdering" in page
