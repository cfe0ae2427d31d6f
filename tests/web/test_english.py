"""English when the user chooses it, Swedish otherwise (WCAG 3.1.1: the page's language is the text's).

The source strings are Swedish; locale/en/LC_MESSAGES/django.mo holds the English. A page
under lang="en" must not show the Swedish interface text; Swedish stays the default.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.models import Initiative
from socialfund.demo.sodertalje import FAMILY_CENTRES_CONTENT
from socialfund.funds.models import Fund

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def back_to_the_default_language() -> Iterator[None]:
    """The test client's requests activate English in this thread; later tests must not inherit it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def in_english(client: Client) -> Client:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, re.S)]


def test_the_welcome_page_is_swedish_by_default_and_english_when_chosen(client: Client):
    swedish = client.get(reverse("start")).content.decode()
    assert '<html lang="sv">' in swedish
    assert "Så går det till" in headings(swedish)

    english = in_english(client).get(reverse("start")).content.decode()
    assert '<html lang="en">' in english
    assert headings(english)[1:] == ["Are you an association, a company or another outside party?", "How it works"]
    assert "Skip to main content" in english and "Accessibility statement" in english
    for swedish_text in ["Så går det till", "Hoppa till huvudinnehållet", "Logga in", "Tillgänglighetsredogörelse"]:
        assert swedish_text not in english, swedish_text
    # Back to Swedish.
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert '<html lang="sv">' in client.get(reverse("start")).content.decode()


def test_the_start_page_login_and_idea_form_in_english(client: Client, demo):
    in_english(client)
    login = client.get(reverse("login")).content.decode()
    assert '<label for="id_username">Username</label> <span class="required-mark">' in login
    idea = client.get(reverse("actors:idea")).content.decode()
    assert "Submit an idea to the social investment fund" in headings(idea)
    assert '>Contact person’s email</label> <span class="required-mark">' in idea
    assert '<option value="association">Association</option>' in idea

    client.force_login(User.objects.get(username="beredning"))
    start = client.get(reverse("start")).content.decode()
    assert headings(start)[:2] == ["Welcome, Berit Beredare", "Your roles"]
    assert "Preparation group" in start
    assert "Initiatives in progress by stage" in start


def test_a_case_and_the_guided_application_in_english(client: Client, demo):
    applicant = User.objects.get(username="handlaggare")
    case = services.initiative_create(
        fund=Fund.objects.get(slug="sodertalje"),
        user=applicant,
        title="Läxhjälp",
        stage="application",
        content=copy.deepcopy(FAMILY_CENTRES_CONTENT),
    )
    client.force_login(applicant)
    in_english(client)

    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Screening against the guidelines" in headings(page)
    assert "What you can do" in headings(page)
    # The hand-in action says what it hands in (issue 18: one submission action, one meaning).
    assert "<summary>Hand in: application</summary>" in page and "<summary>Record a sign-off</summary>" in page
    assert "Registration of interest" in page  # the policy's stage names, in English
    assert 'data-testid="status">Draft<' in page

    step = client.get(reverse("cases:guided", args=[case.pk, "malgrupp"])).content.decode()
    assert headings(step)[0] == "Target group and purpose"
    assert '<legend>Target group <span class="required-mark" aria-hidden="true">' in step
    assert "Children</label>" in step
    assert '<label for="id_purpose">Purpose</label> <span class="required-mark">' in step
    # The guidelines are quoted in Swedish, and marked as Swedish (WCAG 3.1.2).
    assert '<blockquote lang="sv">' in step

    calc = client.get(reverse("cases:guided", args=[case.pk, "kalkyl"])).content.decode()
    assert "Socioeconomic calculation" in headings(calc)
    assert 'aria-label="Cost 1, name"' in calc and 'aria-label="Effect 1, 2' in calc
    assert 'Deadweight: how much would have happened anyway?</label> <span class="required-mark">' in calc

    # A save in English answers in English.
    response = client.post(
        reverse("cases:guided", args=[case.pk, "implementering"]),
        {"version": Initiative.objects.get(pk=case.pk).version, "implementation_plan": "Blir ordinarie verksamhet."},
        follow=True,
    )
    assert "Implementation: saved." in response.content.decode()
