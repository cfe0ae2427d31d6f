"""The read-only, printable application and the case page's calculation summary, per role."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.accounts.models import User
from socialfund.organisation.models import Organisation
from tests.cases.conftest import walk_to_preparation

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    """What a person reads: the markup and the attributes gone."""
    return re.sub(r"<[^>]+>", " ", html)


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client: Client, initiative, name: str = "cases:application"):
    return client.get(reverse(name, args=[initiative.pk]))


def test_the_applicant_reads_the_whole_application_with_swedish_labels(users, draft):
    response = page(as_user(users["handlaggare"]), draft)
    assert response.status_code == 200
    html = response.content.decode()
    # Step answers under the questions' own labels.
    assert "Behov och sammanfattning" in html
    assert "Insatsens namn" in html and "Mobilt team skola 2" in html
    # The calculation: lines, per-actor table, repayment plan by board name, the chart.
    assert 'data-testid="cost-lines"' in html and "Mobilt team" in html
    assert 'data-testid="actors"' in html and "Samhället totalt" in html
    assert 'data-testid="repayment-plan"' in html
    assert "Socialnämnden" in html  # SN by name
    assert "<svg" in html
    text = visible_text(html)
    for code in (" municipal", " fund ", "(fund)", "cashable", "deadweight", "effects[", "costs["):
        assert code not in text  # no code name reaches the page
    assert "print.css" in html


def test_the_preparation_group_and_a_reader_read_it_and_the_case_page_sums_it_up(users, draft):
    walk_to_preparation(draft, users)
    for username in ("beredning", "lasare"):
        client = as_user(users[username])
        response = page(client, draft)
        assert response.status_code == 200, username
        assert "Återföringsplan" in response.content.decode() or "återföringsplan" in response.content.decode()
        detail = page(client, draft, "cases:detail").content.decode()
        assert 'data-testid="calc-summary"' in detail, username
        assert 'data-testid="board-savings"' in detail
        assert '<th scope="row">Socialnämnden</th>' in detail  # by name (the demo knows UN only by its code)
        assert 'data-testid="summary-repayment"' in detail
        assert reverse("cases:application", args=[draft.pk]) in detail


def test_another_organisations_user_is_refused(users, draft):
    walk_to_preparation(draft, users)
    other_org = Organisation.objects.create(name="Annan kommun", code="9999")
    stranger = User.objects.create_user("annan-beredning", password="x-long-password-1", organisation=other_org)
    stranger.groups.add(*users["beredning"].groups.all())
    assert page(as_user(stranger), draft).status_code == 404
    assert page(as_user(users["beredning"]), draft).status_code == 200


def test_a_draft_is_not_readable_by_the_preparation_group_before_it_is_submitted(users, draft):
    assert page(as_user(users["beredning"]), draft).status_code == 404


def test_a_case_without_a_calculation_says_so(users, draft):
    draft.content = {k: v for k, v in draft.content.items() if k != "calculation"}
    draft.save(update_fields=["content"])
    response = page(as_user(users["handlaggare"]), draft)
    assert "Ansökan har ingen kalkyl ännu." in response.content.decode()
    assert (
        "Ansökan har ingen beräknad kalkyl ännu."
        in page(as_user(users["handlaggare"]), draft, "cases:detail").content.decode()
    )
