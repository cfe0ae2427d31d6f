"""A version of the guidelines is in force only from an adoption date the data states (issue 18).

The seed holds the 2015 proposal to kommunfullmäktige but no decision adopting it, so the demo keeps the
2013 guidelines in force: new cases take the 2013 path, with the city director's approval, and the start
page says which version is in force and why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.funds.guidelines import guideline_rows
from socialfund.funds.models import Fund
from tests.cases.application_content import application_content

pytestmark = pytest.mark.django_db


def test_a_new_case_runs_on_the_2013_guidelines_and_reaches_the_city_director(demo):
    fund = Fund.objects.get(slug="sodertalje")
    applicant = User.objects.get(username="handlaggare")
    case = services.initiative_create(
        fund=fund, user=applicant, title="Ny insats", stage="application", content=application_content()
    )
    case = services.initiative_submit(initiative=case, user=applicant)
    assert case.policy_id == "sodertalje-2013"
    today = timezone.localdate()
    services.signoff_record(initiative=case, user=applicant, kind="board", signed_on=today)
    services.signoff_record(
        initiative=case, user=User.objects.get(username="kontorschef"), kind="office_head", signed_on=today
    )
    case = services.initiative_submit(initiative=case, user=applicant)
    case = services.preparation_complete(initiative=case, user=User.objects.get(username="beredning"), memo="Klar.")
    assert case.stage == "director_approval"
    case = services.director_approve(initiative=case, user=User.objects.get(username="stadsdirektor"))
    assert case.stage == "opinions"


def test_the_guidelines_are_listed_with_which_is_in_force_and_why(demo):
    fund = Fund.objects.get(slug="sodertalje")
    rows = guideline_rows(fund, dt.date(2026, 12, 7))
    assert [(row.name, row.state) for row in rows] == [("Riktlinjer 2013", "in_force"), ("Riktlinjer 2015", "proposal")]
    assert rows[0].why == "Antagna av Kommunfullmäktige 2013-02-25 § 7; inga senare riktlinjer är antagna."
    assert "inget beslut om att anta det" in rows[1].why
    # Once adopted (a date in the data), the proposal takes over from that day.
    fund.policy_versions.filter(policy_id="sodertalje-2015").update(adopted_on=dt.date(2016, 1, 1))
    states = {row.name: row.state for row in guideline_rows(fund, dt.date(2026, 12, 7))}
    assert states == {"Riktlinjer 2013": "superseded", "Riktlinjer 2015": "in_force"}


def test_the_start_page_shows_the_guidelines_in_force(login):
    page = login("stadsdirektor").get("/").content.decode()
    assert "Fondens riktlinjer" in page
    assert '<tr data-state="in_force"><th scope="row">Riktlinjer 2013</th><td><strong>Gäller</strong>' in page
    assert '<tr data-state="proposal"><th scope="row">Riktlinjer 2015</th><td>Förslag – gäller inte</td>' in page
