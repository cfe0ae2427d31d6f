"""Other funds than Södertälje, asked through the pages: their own stages reach the right desks and forms.

Each fund is a sandbox (socialfund.demo.sandbox) under its shipped policy."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from socialfund.cases.models import Initiative
from socialfund.demo.sandbox import sandbox_load


@pytest.fixture
def klippan(db):
    return sandbox_load("klippan")


@pytest.fixture
def gavleborg(db):
    return sandbox_load("region-gavleborg")


def active_case(sandbox, stage: str, title: str) -> Initiative:
    return Initiative.objects.create(
        fund=sandbox.fund,
        title=title,
        initiator_name="Utbildningsnämnden",
        initiator_type="office",
        lead_board=sandbox.lead_board,
        stage=stage,
        status="active",
        policy_id=sandbox.policy.id,
        filed_on=sandbox.fund.decided_on,
    )


def queue_count(html: str, role: str) -> int:
    match = re.search(rf'data-role="{role}">\s*<strong>(\d+) initiativ', html)
    assert match, f"no queue for {role}"
    return int(match.group(1))


def test_klippans_idea_test_is_on_the_preparation_groups_queue_desk_and_inbox(client, klippan):
    case = active_case(klippan, "idea_test", "Idéprövning av läxhjälp")
    client.force_login(klippan.users["preparation_group"])
    assert queue_count(client.get("/").content.decode(), "preparation_group") == 1
    assert case.title in client.get(reverse("cases:desk")).content.decode()
    todo = client.get(reverse("cases:todo")).content.decode()
    assert case.title in todo and "Steg 2 – Idéprövning: ditt steg" in todo


def test_gavleborgs_registrar_sees_both_decisions(client, gavleborg):
    first = active_case(gavleborg, "priority_decision", "Prioritering av idén")
    second = active_case(gavleborg, "amount_decision", "Beslut om beloppet")
    client.force_login(gavleborg.users["registrar"])
    assert queue_count(client.get("/").content.decode(), "registrar") == 2
    todo = client.get(reverse("cases:todo")).content.decode()
    assert first.title in todo and second.title in todo
    page = client.get(reverse("cases:detail", args=[second.pk])).content.decode()
    assert "Beslut 2 – belopp" in page and 'action="/arenden/' in page


@pytest.mark.parametrize(("sandbox_id", "stage"), [("klippan", "needs_analysis"), ("region-gavleborg", "idea")])
def test_an_idea_stage_gets_the_idea_sketchs_steps_not_the_full_application(client, db, sandbox_id, stage):
    sandbox = sandbox_load(sandbox_id)
    draft = Initiative.objects.create(
        fund=sandbox.fund,
        title="En idé",
        initiator_name="Utbildningsnämnden",
        initiator_type="office",
        lead_board=sandbox.lead_board,
        stage=stage,
        status="draft",
        created_by=sandbox.users["applicant"],
    )
    client.force_login(sandbox.users["applicant"])
    response = client.get(reverse("cases:edit", args=[draft.pk]), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Metod och kunskapsbas" in html  # an idea sketch asks for the method
    assert "Socioekonomisk beräkning" not in html  # but not for the full application's calculation
