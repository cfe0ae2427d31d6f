"""Issue 21, findings 4 and 6: every user, the superuser included, acts only in their own organisation;
a user without an organisation sees nothing (the OIDC side is in test_oidc.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.cases.models import Initiative
from socialfund.cases.permissions import visible_initiatives
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to
from socialfund.organisation.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(demo) -> Organisation:
    """Moves the demo fund (and its cases) to another organisation; the demo users stay in Södertälje."""
    other = Organisation.objects.create(name="Norrköpings kommun", code="0581")
    Fund.objects.filter(slug="sodertalje").update(organisation=other)
    return other


def test_the_superuser_does_not_cross_organisations(elsewhere):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    case = Initiative.objects.exclude(status="draft").first()
    assert case is not None
    assert not visible_initiatives(admin).exists()
    assert not funds_visible_to(user=admin).exists()
    client = Client()
    client.force_login(admin)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert client.post(reverse("cases:action", args=[case.pk, "comment"]), {"comment-text": "x"}).status_code == 404
    assert client.get(reverse("ledger:position", args=["sodertalje"])).status_code == 404
    token = token_create(user=admin, name="t").plaintext
    answer = Client().get("/api/v1/initiatives", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 200 and answer.json()["count"] == 0


def test_the_superuser_still_works_in_their_own_organisation(demo):
    admin = User.objects.get(username="admin")
    assert visible_initiatives(admin).exists()
    assert funds_visible_to(user=admin).exists()


def test_a_user_without_an_organisation_sees_nothing(demo):
    loose = User.objects.create_user("utan-org")
    loose.groups.set([Group.objects.get_or_create(name="reader")[0]])
    assert not visible_initiatives(loose).exists()
    assert not funds_visible_to(user=loose).exists()
    token = token_create(user=loose, name="t").plaintext
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert Client().get("/api/v1/initiatives", **auth).json()["count"] == 0
    assert Client().get("/api/v1/funds", **auth).json() == []
    assert Client().get("/api/v1/boards", **auth).json() == []
