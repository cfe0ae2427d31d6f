"""The fund's public page: funded projects' public fields only; off means it does not exist."""

from __future__ import annotations

import pytest

from socialfund.cases.models import Comment
from socialfund.kit.refusals import PermissionRefusal
from socialfund.reports.models import PublicPage
from socialfund.reports.public import public_page_set

pytestmark = pytest.mark.django_db


def test_shows_funded_projects_and_never_internal_notes(granted, users, client):
    Comment.objects.create(
        initiative=granted, author=users["beredning"], text="HEMLIG KOMMENTAR", visibility="internal"
    )
    page = client.get("/offentlig/sodertalje/").content.decode()
    assert "Familjecentraler" in page
    assert "Kommunstyrelsen 2016-01-25 § 12" in page
    assert "1 800 000 kr" in page.replace("\u00a0", " ")
    for secret in ("INTERN BEREDNINGSANTECKNING", "HEMLIG KOMMENTAR", "Pågående ansökan till KS"):
        assert secret not in page  # preparation memo, comments, outcome notes
    for not_funded in ("Tjejhuset", "Projekt 100", "Mobilt team skola"):
        assert not_funded not in page


def test_an_unpublished_page_is_404(fund, client):
    PublicPage.objects.filter(fund=fund).update(enabled=False)
    assert client.get("/offentlig/sodertalje/").status_code == 404
    assert client.get("/offentlig/finns-inte/").status_code == 404


def test_only_the_administrator_publishes(fund, users, login):

    with pytest.raises(PermissionRefusal):
        public_page_set(fund=fund, user=users["registrator"], enabled=False, intro="")
    assert PublicPage.objects.get(fund=fund).enabled
    assert login("registrator").get("/rapporter/sodertalje/offentlig-sida/").status_code == 404
    response = login("admin").post("/rapporter/sodertalje/offentlig-sida/", {"enabled": "", "intro": "Ny text"})
    assert response.status_code == 302
    assert not PublicPage.objects.get(fund=fund).enabled
