"""Issue 21, finding 5: a special-review step on a project with no review open is a refusal, not a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.followup.models import Evidence, SpecialReview

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("action", "username", "data"),
    [
        ("evidence", "beredning", {"evidence-kind": "other", "evidence-description": "Utvärdering"}),
        ("special-review-submit", "beredning", {}),
        (
            "special-review-decide",
            "registrator",
            {
                "special-review-decide-decided_on": "2019-03-04",
                "special-review-decide-paragraph": "§ 45",
                "special-review-decide-outcome": "waive",
                "special-review-decide-text": "Kravet upphävs.",
            },
        ),
    ],
)
def test_a_review_step_without_a_review_is_refused_in_swedish(users, project, action, username, data):
    client = Client(raise_request_exception=False)
    client.force_login(users[username])
    response = client.post(reverse("followup:action", args=[project.pk, action]), data)
    assert response.status_code == 400
    assert "Ingen särskild prövning är inledd" in response.content.decode()
    assert not SpecialReview.objects.exists() and not Evidence.objects.exists()
