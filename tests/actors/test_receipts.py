"""An outside idea gets a registry number, a receipt by mail and a private status page (issue 25, part 1)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.actors import receipts
from socialfund.actors.identity_numbers import contains_personal_number, organisation_number_clean
from socialfund.actors.models import ActorMessage, IdeaFollow
from socialfund.cases.models import Initiative
from socialfund.organisation.models import Board
from socialfund.outbox.models import OutboxMail
from tests.actors.conftest import ASSOCIATION_NUMBER, OTHER_NUMBER, PIN_FORMS

pytestmark = pytest.mark.django_db


def idea_post(fund, **changes):
    data = {
        "fund": fund.pk,
        "title": "Läxhjälp i föreningsregi",
        "summary": "Läxhjälp för barn i årskurs 4–6.",
        "organisation_name": "Föreningen Läxhjälpen",
        "organisation_type": "association",
        "organisation_number": ASSOCIATION_NUMBER,
        "contact_name": "Kim Kontakt",
        "contact_email": "kim@example.se",
        "area_board": Board.objects.get(code="UN").pk,
    }
    data.update(changes)
    return Client().post(reverse("actors:idea"), data)


def status_link_in_mail(mail: OutboxMail) -> str:
    match = re.search(r"https?://\S+/ide/status/\S+/", mail.body)
    assert match, mail.body
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_a_wrong_organisation_number_is_refused_in_swedish_at_the_field_and_nothing_is_stored(fund):
    before = Initiative.objects.count()
    response = idea_post(fund, organisation_number="802400-1234")
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["organisation_number"] == [
        "Organisationsnumret stämmer inte: kontrollsiffran (den sista) är fel. Kontrollera numret."
    ]
    page = response.content.decode()
    assert 'aria-invalid="true"' in page and "kontrollsiffran" in page
    assert Initiative.objects.count() == before
    assert not OutboxMail.objects.exists()


@pytest.mark.parametrize("number", ["121212-1212", "19121212-1212"])
def test_a_personal_identity_number_is_never_taken_as_an_organisation_number(fund, number):
    response = idea_post(fund, organisation_number=number)
    assert response.status_code == 400
    assert "personnummer" in response.context["form"].errors["organisation_number"][0]
    assert not Initiative.objects.filter(title="Läxhjälp i föreningsregi").exists()


def test_a_sole_trader_leaves_the_number_out_and_is_refused_when_it_gives_one(fund):
    refused = idea_post(fund, organisation_type="sole_trader", organisation_number=ASSOCIATION_NUMBER)
    assert "personnummer" in refused.context["form"].errors["organisation_number"][0]
    accepted = idea_post(fund, organisation_type="sole_trader", organisation_number="")
    assert accepted.status_code == 200
    assert IdeaFollow.objects.get().organisation is None


def test_a_personal_identity_number_in_the_description_is_refused(fund):
    response = idea_post(fund, summary="Kontakta Kim, 121212-1212, om idén.")
    assert response.status_code == 400
    assert "personnummer" in response.context["form"].errors["summary"][0]
    assert not Initiative.objects.filter(title="Läxhjälp i föreningsregi").exists()


def test_no_organisation_type_is_chosen_in_advance(fund):
    page = Client().get(reverse("actors:idea")).content.decode()
    select = re.search(r'<select name="organisation_type".*?</select>', page, re.S)
    assert select
    first_option = re.search(r"<option[^>]*>", select.group(0))
    assert first_option and 'value=""' in first_option.group(0)
    chosen = re.findall(r'<option value="([^"]*)" selected', select.group(0))
    assert chosen == [""]  # "Kommunalt bolag" used to come preselected for every association
    response = idea_post(fund, organisation_type="")
    assert response.status_code == 400 and "organisation_type" in response.context["form"].errors


def test_the_idea_gets_a_registry_number_and_a_receipt_mail_with_its_status_link(fund):
    response = idea_post(fund)
    assert response.status_code == 200
    initiative = Initiative.objects.get(title="Läxhjälp i föreningsregi")
    assert initiative.registry_number
    assert initiative.registry_number in response.content.decode()
    mail = OutboxMail.objects.get(recipients=["kim@example.se"])
    assert initiative.registry_number in mail.subject and initiative.registry_number in mail.body
    link = status_link_in_mail(mail)
    page = Client().get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert initiative.registry_number in html and "Läxhjälp i föreningsregi" in html
    assert "Utbildningskontoret" in html  # where it is: the area's board and its office, by name
    assert page["Referrer-Policy"] == "same-origin" and "no-store" in page["Cache-Control"]
    # Only the digest of the link's token is stored.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert not IdeaFollow.objects.filter(token_digest=token).exists()
    assert IdeaFollow.objects.filter(token_digest=receipts.token_digest(token)).exists()


def test_two_ideas_get_different_registry_numbers(fund):
    idea_post(fund)
    idea_post(fund, title="Fotboll på lovet", organisation_number=OTHER_NUMBER, contact_email="lo@example.se")
    numbers = set(Initiative.objects.filter(follow__isnull=False).values_list("registry_number", flat=True))
    assert len(numbers) == 2


def test_one_ideas_status_link_never_shows_anothers(fund, users):
    idea_post(fund)
    idea_post(fund, title="Fotboll på lovet", organisation_number=OTHER_NUMBER, contact_email="lo@example.se")
    first = Initiative.objects.get(title="Läxhjälp i föreningsregi")
    second = Initiative.objects.get(title="Fotboll på lovet")
    receipts.staff_message(initiative=first, user=users["handlaggare"], text="Hur många barn gäller det?")
    receipts.staff_message(initiative=second, user=users["handlaggare"], text="Vilka veckor på lovet?")
    first_link = status_link_in_mail(OutboxMail.objects.get(recipients=["kim@example.se"], subject__contains="Kvitto"))
    second_link = status_link_in_mail(OutboxMail.objects.get(recipients=["lo@example.se"], subject__contains="Kvitto"))
    first_page = Client().get(first_link).content.decode()
    second_page = Client().get(second_link).content.decode()
    assert "Hur många barn" in first_page and "Fotboll på lovet" not in first_page
    assert "Vilka veckor" not in first_page and second.registry_number not in first_page
    assert "Vilka veckor" in second_page and "Läxhjälp i föreningsregi" not in second_page
    assert "Hur många barn" not in second_page and first.registry_number not in second_page
    # A link that was never given, or one altered by a character, opens nothing.
    assert Client().get(first_link[:-2] + ("A" if first_link[-2] != "A" else "B") + "/").status_code == 404
    assert Client().get(reverse("actors:idea-status", args=["x" * 43])).status_code == 404


def test_the_actor_answers_a_question_from_the_status_page(fund, users):
    idea_post(fund)
    initiative = Initiative.objects.get(title="Läxhjälp i föreningsregi")
    link = status_link_in_mail(OutboxMail.objects.get(subject__contains="Kvitto"))
    staff = Client()
    staff.force_login(users["handlaggare"])
    dialog = reverse("actors:staff-dialog", args=[initiative.pk])
    assert staff.post(dialog, {"text": "Hur många barn gäller det?"}).status_code == 302
    assert OutboxMail.objects.filter(subject__contains="Nytt meddelande", recipients=["kim@example.se"]).exists()
    actor = Client()
    assert "Hur många barn gäller det?" in actor.get(link).content.decode()
    refused = actor.post(link, {"text": "Ring mig, 19121212-1212"})
    assert refused.status_code == 400 and "personnummer" in refused.content.decode()
    answered = actor.post(link, {"text": "Ungefär fyrtio barn."}, follow=True)
    assert "Ungefär fyrtio barn." in answered.content.decode()
    assert "Ungefär fyrtio barn." in staff.get(dialog).content.decode()
    assert list(ActorMessage.objects.values_list("author__username", flat=True)) == ["handlaggare", None]


def test_a_reader_cannot_write_to_the_actor(fund, users):
    idea_post(fund)
    initiative = Initiative.objects.get(title="Läxhjälp i föreningsregi")
    reader = Client()
    reader.force_login(users["lasare"])
    assert reader.get(reverse("actors:staff-dialog", args=[initiative.pk])).status_code == 404


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("8024001235", "802400-1235"), ("16802400-1235", "802400-1235"), (" 212000-0142 ", "212000-0142")],
)
def test_organisation_numbers_are_read_as_people_write_them(raw, clean):
    assert organisation_number_clean(raw) == clean


def test_personal_numbers_are_found_in_text_in_every_form():
    assert all(contains_personal_number(f"nr {form} här") for form in PIN_FORMS)
    assert not contains_personal_number("Budget 2 000 000 kr för 2026-2028, 802400-1235")
