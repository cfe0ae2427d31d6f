"""Typfall typed in the calculator as a person does it (issue 17, point 6): type a typical participant,
see the effect lines it makes, save, save again, reload: every answer is still there; the preparation
group's read-only view of the application shows the lines too."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund

CASE = "Familj där barnet annars placeras"


def new_draft() -> Initiative:
    return services.initiative_create(
        fund=Fund.objects.get(slug="sodertalje"),
        user=User.objects.get(username="handlaggare"),
        title="Familjestöd med typfall",
        stage="application",
    )


def stored(case: Initiative) -> dict:
    case.refresh_from_db()
    return case.content["calculation"]


def type_cost_and_typfall(page: Page) -> None:
    page.get_by_label("Första projektåret").fill("2016")
    page.get_by_label("Första projektåret").press("Tab")
    expect(page.get_by_role("columnheader", name="2016").first).to_be_visible()
    page.get_by_label("Kostnad 1, benämning").fill("Två familjebehandlare")
    page.get_by_label("Kostnad 1, vem betalar").select_option(label="Sociala investeringsfonden")
    page.get_by_label("Kostnad 1, 2016").fill("800 000")
    page.get_by_label("Kostnad 1, 2017").fill("800 000")
    page.get_by_label("Antal personer i målgruppen").fill("50")
    row = page.get_by_role("group", name=re.compile("^Typfallsrad 1"))
    row.get_by_label("Typfall", exact=True).fill(CASE)
    row.get_by_label("Andel av målgruppen (%)").fill("10")
    row.get_by_label("Från år").fill("2018")
    row.get_by_label("Det som undviks").fill("Placeringsdygn i familjehem")
    row.get_by_label("Vem får besparingen").select_option(label="Socialnämnden")
    row.get_by_label("Ja, budgeten minskar").check()
    row.get_by_label("eller skriv ett eget värde per enhet").fill("1000")
    row.get_by_label("Antal per person och år").fill("100")
    row.get_by_label("Antal år").fill("3")
    row.get_by_label("Dödvikt").select_option(label="50 % – delvis")


def expect_the_typfall(page: Page) -> None:
    row = page.get_by_role("group", name=re.compile("^Typfallsrad 1"))
    expect(page.get_by_label("Antal personer i målgruppen")).to_have_value("50")
    expect(row.get_by_label("Typfall", exact=True)).to_have_value(CASE)
    expect(row.get_by_label("Det som undviks")).to_have_value("Placeringsdygn i familjehem")
    expect(row.get_by_label("Antal år")).to_have_value("3")
    expect(page.get_by_test_id("typical-lines")).to_contain_text(f"Placeringsdygn i familjehem (från typfall ”{CASE}”)")


def test_type_a_typfall_save_twice_reload_and_it_is_there(page: Page, sign_in):
    case = new_draft()
    sign_in("handlaggare")
    page.goto(f"/arenden/{case.pk}/ansokan/kalkyl/")
    type_cost_and_typfall(page)
    # The live results show the effect lines the typfall makes: 50 × 10 % × 100 days a year, 2018–2020.
    expect(page.get_by_test_id("typical-lines")).to_contain_text("2018: 500")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("body")).to_contain_text("Kalkylen är sparad.")
    first = stored(case)
    assert first["target_group"] == 50
    assert first["typical_cases"][0]["name"] == CASE
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("body")).to_contain_text("Kalkylen är sparad.")
    assert stored(case) == first
    page.reload()
    expect_the_typfall(page)
