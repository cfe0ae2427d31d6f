"""The first face: welcome, login and logout, start pages per role, accessibility statement."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.accounts.models import User
from socialfund.cases.models import Initiative
from socialfund.organisation.models import Board

NBSP = "\u00a0"
CAPITAL = f"24{NBSP}000{NBSP}000{NBSP}kr"

pytestmark = pytest.mark.django_db


def test_welcome_page_tells_outside_actors_they_need_a_board(client: Client):
    response = client.get(reverse("start"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert 'class="skip-link" href="#main"' in html
    assert "kan inte själv söka medel" in html
    assert reverse("accessibility") in html


def test_swedish_even_when_the_browser_asks_for_english(client: Client):
    response = client.get(reverse("start"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="sv">' in response.content.decode()


def test_english_when_the_user_chooses_it(client: Client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("start"))
    assert '<html lang="en">' in response.content.decode()


def test_login_and_logout(client: Client, demo):
    response = client.post(reverse("login"), {"username": "beredning", "password": "demo-beredning"})
    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    assert "Berit" in client.get(reverse("start")).content.decode()
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_failed_login_explains_in_swedish_and_links_to_the_field(client: Client, demo):
    response = client.post(reverse("login"), {"username": "beredning", "password": "fel"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inloggningen misslyckades" in html
    assert 'href="#id_username"' in html
    assert 'aria-invalid="true"' in html


ROLE_PAGES = [
    # username, role label shown, a queue line it must see (or None)
    ("handlaggare", "Sökande handläggare", None),
    ("kontorschef", "Kontorschef", None),
    ("beredning", "Beredningsgrupp", "väntar på beredningsgruppen"),
    ("stadsdirektor", "Stadsdirektör", "väntar på stadsdirektörens godkännande"),
    ("yttrande", "Utskott eller nämnd (yttrande)", "väntar på yttranden"),
    ("registrator", "Registrator / KS-sekreterare", "väntar på kommunstyrelsens beslut"),
    ("ekonomi", "Ekonomi", None),
    ("lasare", "Läsare", None),
    ("admin", "Administratör", "väntar på kommunstyrelsens beslut"),
]


@pytest.mark.parametrize(("username", "role_label", "queue"), ROLE_PAGES)
def test_start_page_per_role(login, username, role_label, queue):
    html = login(username).get(reverse("start")).content.decode()
    assert role_label in html
    assert CAPITAL in html
    assert f"24{NBSP}mnkr" in html
    assert "KF 2013-02-25 § 7" in html
    if queue:
        assert queue in html
    else:
        assert "väntar på" not in html


def test_start_page_counts_initiatives_per_stage(login):
    html = login("lasare").get(reverse("start")).content.decode()
    # Active demo initiatives: idea ×6 (Socialt företagande, BarnkraftsHus, Inkludera Flera, Ung i Telge,
    # Projekt 100) = 5, decision ×1 (Familjecentraler).
    assert '<tr data-stage="idea"><th scope="row">Idéskiss</th><td class="num">6</td></tr>' in html
    assert '<tr data-stage="decision"><th scope="row">Beslut i kommunstyrelsen</th><td class="num">1</td></tr>' in html
    assert '<tr data-status="withdrawn">' in html


def test_preparation_group_queue_counts_what_waits_for_it(login):
    client = login("beredning")
    html = client.get(reverse("start")).content.decode()
    # The demo's waiting ideas are outside ideas no board has taken on: they wait for their area's office
    # and board first, not for the preparation group (DOMAIN.md rule 12).
    assert "<strong>0 initiativ</strong> väntar på beredningsgruppen." in html
    Initiative.objects.filter(title="Projekt 100").update(lead_board=Board.objects.get(code="UN"))  # sponsored
    html = client.get(reverse("start")).content.decode()
    assert "<strong>1 initiativ</strong> väntar på beredningsgruppen." in html
    Initiative.objects.filter(title="Projekt 100").update(status="withdrawn")
    html = client.get(reverse("start")).content.decode()
    assert "<strong>0 initiativ</strong> väntar på beredningsgruppen." in html


def test_applicant_sees_own_boards_initiatives(login):
    html = login("handlaggare").get(reverse("start")).content.decode()
    assert "Din nämnds initiativ" in html
    assert "Mobilt team skola" in html  # lead board UN, the applicant's board
    assert "Tjejhuset" not in html.split("Din nämnds initiativ", 1)[1]


def test_user_without_role_is_told_so(client: Client, demo):
    user = User.objects.create_user("utan-roll", password="x-long-password-1")
    client.force_login(user)
    assert "Du har ännu ingen roll" in client.get(reverse("start")).content.decode()


def test_start_page_query_count_does_not_grow_with_initiatives(login, django_assert_max_num_queries):
    client = login("admin")
    with django_assert_max_num_queries(20) as first:
        client.get(reverse("start"))
    fund_initiative = Initiative.objects.first()
    for n in range(30):
        fund_initiative.pk = None
        fund_initiative.title = f"Kopia {n}"
        fund_initiative.save()
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("start"))


def test_accessibility_statement_has_what_digg_requires(client: Client, settings):
    settings.ACCESSIBILITY_ORGANISATION = "Södertälje kommun"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@sodertalje.se"
    response = client.get(reverse("accessibility"))
    html = response.content.decode()
    assert response.status_code == 200
    for required in [
        "Södertälje kommun",  # the organisation
        "Sociala investeringsfonden",  # the service
        "delvis förenlig",  # compliance level
        "Innehåll som inte är tillgängligt",  # inaccessible content and why
        "Bedömningen gjordes",  # assessment date
        "uppdaterades senast",  # last update
        "Hur vi har testat",  # method
        "mailto:",  # feedback function
        "https://www.digg.se/tdosanmalan",  # enforcement link
        "9 §",  # exemptions
    ]:
        assert required in html, required


def test_every_page_links_the_accessibility_statement(login):
    for url in [reverse("start"), reverse("login"), reverse("accessibility")]:
        html = login("lasare").get(url, follow=True).content.decode()
        assert f'href="{reverse("accessibility")}"' in html


def test_the_stylesheet_and_scripts_are_found(client):
    from django.contrib.staticfiles import finders

    for path in ["socialfund/site.css", "socialfund/vendor/htmx-2.0.11.min.js"]:
        assert finders.find(path), path


def test_login_page_shows_the_products_name_not_the_host(client, settings):
    html = client.get(reverse("login")).content.decode()
    assert f"<title>Logga in – {settings.SITE_NAME}</title>" in html
    assert "testserver" not in html
