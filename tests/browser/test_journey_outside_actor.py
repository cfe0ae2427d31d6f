"""An outside association's whole journey (issue 25): it leaves an idea and gets a receipt by mail, follows the
status link and answers the fund's question; the board that takes the idea on invites it as co-applicant; its
representative logs in through the (fake) e-legitimation broker and signs. Afterwards no personal identity
number is anywhere in the database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from socialfund.accounts.models import User
from socialfund.actors.models import CoApplicant
from socialfund.cases.models import Initiative
from socialfund.cases.outside_ideas import idea_sponsor
from socialfund.outbox.models import OutboxMail
from tests.actors.conftest import ASSOCIATION_NUMBER, PIN, PIN_FORMS, database_holds
from tests.actors.fake_eleg import ElegPerson, FakeEleg
from tests.browser.test_journeys_after_grant import assert_accessible, heading

SHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots"
TITLE = "Läxhjälp i föreningens lokaler"


@pytest.fixture
def broker(settings) -> Iterator[FakeEleg]:
    provider = FakeEleg(
        persons={
            "anna": ElegPerson(
                "anna", "Anna Andersson", PIN, ASSOCIATION_NUMBER.replace("-", ""), "Föreningen Läxhjälpen"
            )
        }
    ).start()
    settings.ELEG_OIDC_ISSUER = provider.issuer
    settings.ELEG_OIDC_CLIENT_ID = provider.client_id
    settings.ELEG_OIDC_CLIENT_SECRET = provider.client_secret
    settings.ELEG_PEPPER = "journey-pepper"
    yield provider
    provider.stop()
    from socialfund.actors import eleg

    eleg._discovery.cache_clear()
    eleg._keys.cache_clear()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"outside-actor-{name}.png"), full_page=True)


def test_an_association_follows_its_idea_answers_and_signs_as_co_applicant(page: Page, sign_in, broker):
    mail.outbox.clear()
    page.set_default_timeout(30_000)  # a long journey on a shared, loaded machine; the steps still wait for results
    # 1. The association leaves its idea; a wrong organisation number is refused at the field, in Swedish.
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Lämna en idé som extern aktör").click()
    page.get_by_label("Idéns namn").fill(TITLE)
    page.get_by_label("Beskriv idén").fill("Läxhjälp två kvällar i veckan för barn i åk 4–6.")
    page.get_by_label("Organisationens namn").fill("Föreningen Läxhjälpen")
    expect(page.get_by_label("Sorts organisation")).to_have_value("")  # nothing chosen for the association
    page.get_by_label("Sorts organisation").select_option(label="Förening")
    page.get_by_label("Organisationsnummer").fill("802400-1234")
    page.get_by_label("Kontaktperson", exact=True).fill("Kim Andersson")
    page.get_by_label("E-post till kontaktpersonen").fill("kim@example.se")
    page.get_by_label("Vilket område gäller idén?").select_option(label="Utbildningsnämnden (Utbildningskontoret)")
    page.get_by_role("button", name="Skicka idén").click()
    number_field = page.get_by_label("Organisationsnummer")
    expect(number_field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("main")).to_contain_text("kontrollsiffran (den sista) är fel")
    expect(page.get_by_label("Idéns namn")).to_have_value(TITLE)  # nothing typed is lost
    assert not Initiative.objects.filter(title=TITLE).exists()
    number_field.fill(ASSOCIATION_NUMBER)
    page.get_by_role("button", name="Skicka idén").click()
    expect(heading(page)).to_have_text("Tack för din idé")
    idea = Initiative.objects.get(title=TITLE)
    assert idea.registry_number
    expect(page.get_by_role("main")).to_contain_text(f"diarienummer {idea.registry_number}")
    shot(page, "1-kvitto")

    # 2. The receipt mail, captured: the registry number and the private status link.
    receipt = OutboxMail.objects.get(recipients=["kim@example.se"], subject__contains="Kvitto")
    assert receipt.state == "sent" and any(idea.registry_number in m.subject for m in mail.outbox)
    found = re.search(r"https?://[^/\s]+(/ide/status/\S+/)", receipt.body)
    assert found, receipt.body
    status_path = found.group(1)

    # 3. The board's official asks a question from the case page.
    sign_in("handlaggare")
    page.goto(reverse("cases:detail", args=[idea.pk]))
    page.get_by_role("link", name="Meddelanden med idélämnaren").click()
    page.get_by_label("Meddelande till idélämnaren").fill("Hur många barn tror ni kommer?")
    page.get_by_role("button", name="Skicka till idélämnaren").click()
    expect(page.get_by_role("status")).to_contain_text("Meddelandet är skickat.")
    assert_accessible(page)

    # 4. The association follows the link (no account), reads the question and answers it.
    page.context.clear_cookies()
    page.goto(status_path)
    expect(heading(page)).to_have_text(TITLE)
    expect(page.locator("#whereabouts")).to_contain_text("Utbildningskontoret")
    expect(page.get_by_role("main")).to_contain_text("Hur många barn tror ni kommer?")
    page.get_by_label("Ert svar").fill("Ungefär fyrtio barn, två kvällar i veckan.")
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.get_by_role("status")).to_contain_text("Ert svar är skickat till fonden.")
    page.reload()
    expect(page.get_by_role("main")).to_contain_text("Ungefär fyrtio barn, två kvällar i veckan.")
    assert_accessible(page)
    shot(page, "2-status")

    # 5. The board takes the idea on; the status page says so. The official invites the association.
    idea_sponsor(initiative=idea, user=User.objects.get(username="kontorschef"))
    page.goto(status_path)
    expect(page.locator("#whereabouts")).to_contain_text("har tagit ansvar för idén")
    sign_in("handlaggare")
    page.goto(reverse("cases:detail", args=[idea.pk]))
    page.get_by_role("link", name="Medsökande och underskrifter").click()
    page.get_by_label("Organisationsnummer").fill(ASSOCIATION_NUMBER)
    page.get_by_label("Organisationens namn").fill("Föreningen Läxhjälpen")
    page.get_by_label("E-post till organisationens företrädare").fill("ordforande@example.se")
    page.get_by_role("button", name="Skicka inbjudan").click()
    expect(page.get_by_role("status")).to_contain_text("Inbjudan är skickad.")
    expect(page.get_by_role("table")).to_contain_text("Väntar på underskrift")
    assert OutboxMail.objects.filter(recipients=["ordforande@example.se"]).exists()
    assert_accessible(page)
    shot(page, "4-medsokande")

    # 6. The association's chair logs in with e-legitimation (the fake broker's page) and signs.
    page.context.clear_cookies()
    page.route(lambda url: url.startswith(broker.issuer), lambda route: route.continue_())
    page.goto(reverse("actors:eleg-login"))
    assert_accessible(page)
    page.get_by_role("link", name="Logga in med e-legitimation").click()
    expect(page.get_by_role("heading", name="Testlegitimering")).to_be_visible()
    page.get_by_label("Anna Andersson, Föreningen Läxhjälpen").check()
    page.get_by_role("button", name="Legitimera").click()
    expect(heading(page)).to_have_text("Ansökningar där ni är medsökande")
    expect(page.get_by_role("main")).to_contain_text("Inloggad som Anna Andersson för Föreningen Läxhjälpen.")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Skriv under för Föreningen Läxhjälpen").click()
    expect(page.get_by_role("status")).to_contain_text("Er underskrift är registrerad.")
    page.reload()
    expect(page.get_by_role("main")).to_contain_text("Anna Andersson skrev under för er organisation")
    assert_accessible(page)
    shot(page, "3-underskrift")
    party = CoApplicant.objects.get(initiative=idea)
    assert party.signed_at is not None and party.signer_name == "Anna Andersson"

    # 7. The board sees the signature.
    sign_in("handlaggare")
    page.goto(reverse("actors:coapplicants", args=[idea.pk]))
    expect(page.get_by_role("table")).to_contain_text("Underskriven av Anna Andersson")

    # No personal identity number, in any form, in any table.
    assert database_holds(PIN_FORMS) == []
