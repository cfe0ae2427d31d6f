"""The admin shows case state but never changes it: state changes go through services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialfund.cases.models import Initiative

pytestmark = pytest.mark.django_db


def test_initiatives_are_read_only_in_the_admin(login):
    client = login("admin")
    initiative = Initiative.objects.get(title="Tjejhuset")
    assert client.get(reverse("admin:cases_initiative_changelist")).status_code == 200
    assert client.get(reverse("admin:cases_initiative_add")).status_code == 403
    response = client.post(
        reverse("admin:cases_initiative_change", args=[initiative.pk]), {"title": "Ändrad", "status": "granted"}
    )
    assert response.status_code == 403
    assert (
        client.post(reverse("admin:cases_initiative_delete", args=[initiative.pk]), {"post": "yes"}).status_code == 403
    )
    initiative.refresh_from_db()
    assert (initiative.title, initiative.status) == ("Tjejhuset", "refused")


def test_non_staff_cannot_enter_the_admin(login):
    response = login("beredning").get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
