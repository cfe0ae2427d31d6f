"""Every opinion the 2013 guidelines ask for is in before the case goes to kommunstyrelsen (issue 18).

"Hållbarhetsutskottet och nämnderna behandlar ansökan": before, one opinion (the committee's) let the case go
on. Now the opinion stage's gate names the committee and the boards the case concerns; the case page says
whose opinion is still missing, and handing on is refused in Swedish until each has given it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from socialfund.cases import services
from socialfund.cases.errors import CaseStateError
from socialfund.organisation.models import Board, DecisionBody
from tests.cases.conftest import walk_to_preparation

pytestmark = pytest.mark.django_db


def at_opinions(users, draft):
    initiative = walk_to_preparation(draft, users)
    services.preparation_complete(initiative=initiative, user=users["beredning"], memo="Klar.")
    services.director_approve(initiative=initiative, user=users["stadsdirektor"])
    initiative.refresh_from_db()
    assert initiative.stage == "opinions"
    return initiative


def _opinion(initiative, users, **giver):
    services.opinion_register(
        initiative=initiative, user=users["yttrande"], position="supports", decided_on=dt.date(2016, 4, 5), **giver
    )


def test_the_committees_opinion_alone_does_not_send_the_case_to_decision(users, draft, login):
    initiative = at_opinions(users, draft)
    _opinion(initiative, users, body=DecisionBody.objects.get(code="HU"))
    with pytest.raises(CaseStateError) as refused:
        services.opinions_complete(initiative=initiative, user=users["yttrande"])
    # The seed gives only the education board's code (UN); the social board has its name.
    assert refused.value.message == "Yttrande saknas från Utbildningsnämnden och Socialnämnden."
    page = login("yttrande").get(reverse("cases:detail", args=[initiative.pk])).content.decode()
    [missing] = re.findall(r'data-fact="opinions-missing">(.*?)</p>', page, re.S)
    assert (
        re.sub(r"\s+", " ", missing) == "Riktlinjerna väntar också på yttrande från Utbildningsnämnden, Socialnämnden."
    )

    _opinion(initiative, users, board=Board.objects.get(code="UN"))
    _opinion(initiative, users, board=Board.objects.get(code="SN"))
    services.opinions_complete(initiative=initiative, user=users["yttrande"])
    initiative.refresh_from_db()
    assert initiative.stage == "decision"


def test_the_boards_without_the_committee_do_not_either(users, draft):
    initiative = at_opinions(users, draft)
    _opinion(initiative, users, board=Board.objects.get(code="UN"))
    _opinion(initiative, users, board=Board.objects.get(code="SN"))
    with pytest.raises(CaseStateError, match="^Yttrande saknas från Hållbarhetsutskottet.$"):
        services.opinions_complete(initiative=initiative, user=users["yttrande"])
