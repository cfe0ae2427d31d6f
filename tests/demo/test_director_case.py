"""The demo has a case at the city director's step (issue 18).

Under the 2013 guidelines in force in the demo, the city director approves a prepared application before the
opinions. The seed records no case at that step, so the demo's city director had nothing to do. The demo adds
one, invented and said to be so in an internal comment that no filed document prints.
"""

from __future__ import annotations

import datetime as dt

import pytest

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.inbox import inbox_for
from socialfund.cases.machine import available_actions
from socialfund.cases.models import Initiative
from socialfund.demo.director_demo import ASSUMPTION, TITLE
from socialfund.demo.loader import demo_load

pytestmark = pytest.mark.django_db


def test_the_city_director_has_a_prepared_application_to_approve(demo):
    director = User.objects.get(username="stadsdirektor")
    case = Initiative.objects.get(fund=demo.fund, title=TITLE)
    assert (case.policy_id, case.stage, case.status) == ("sodertalje-2013", "director_approval", "active")
    assert [item.title for item in inbox_for(user=director)] == [TITLE]
    [approve] = [a for a in available_actions(director, case) if a.code == "approve"]
    assert approve.passes, approve.gate.reason_sv()
    services.director_approve(initiative=case, user=director)
    case.refresh_from_db()
    assert case.stage == "opinions"


def test_the_invented_case_says_so_where_officials_see_it_and_not_in_filed_documents(demo, login):
    from socialfund.reports.april import april_document
    from socialfund.reports.april_data import gather

    case = Initiative.objects.get(fund=demo.fund, title=TITLE)
    [comment] = case.comments.all()
    assert (comment.text, comment.visibility) == (ASSUMPTION, "internal")
    page = login("stadsdirektor").get(f"/arenden/{case.pk}/").content.decode()
    assert "Demons antagande" in page
    assert "Demons antagande" not in case.outcome_note + case.summary + case.preparation_memo
    document = april_document(gather(demo.fund, 2015, prepared_on=dt.date(2016, 4, 15), projection_runs=20))
    assert "Demons antagande" not in repr(document.blocks)


def test_loading_the_demo_twice_keeps_one_such_case(demo):
    demo_load()
    assert Initiative.objects.filter(fund=demo.fund, title=TITLE).count() == 1
    assert Initiative.objects.get(fund=demo.fund, title=TITLE).comments.count() == 1
