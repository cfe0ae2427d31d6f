"""The preparation group opens the whole application, calculation included, and prints it."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser.pages import applicant_draft
from tests.browser.test_journeys import TITLE, application_in_preparation, heading


def test_the_preparation_group_reads_the_application_and_its_calculation(page: Page, sign_in, tmp_path):
    case = application_in_preparation()
    sign_in("beredning")
    page.goto(f"/arenden/{case.pk}/")
    summary = page.get_by_role("region", name="Kalkylen i korthet")
    expect(summary.get_by_test_id("calc-summary")).to_contain_text("Nettonuvärde för kommunen")
    expect(summary.get_by_role("table", name="Kassamässiga besparingar per nämnd")).to_contain_text("Socialnämnden")
    summary.get_by_role("link", name="Läs hela ansökan med kalkyl (utskriftsvänlig)").click()

    expect(heading(page)).to_have_text(f"Ansökan: {TITLE}")
    expect(page.get_by_role("heading", name="Behov och sammanfattning", level=2)).to_be_visible()
    calc = page.get_by_role("region", name="Socioekonomisk kalkyl")
    expect(calc.get_by_role("table", name="Kostnader", exact=True)).to_contain_text("Fonden")
    actors = calc.get_by_role("table", name="Per aktör: nyttor minus kostnader (nuvärde)")
    expect(actors.get_by_role("columnheader")).to_have_text(["Aktör", "1 år", "5 år", "Hela perioden (10 år)"])
    expect(actors).to_contain_text("Samhället totalt")
    expect(calc.get_by_role("table", name="Föreslagen återföringsplan")).to_contain_text("Socialnämnden")
    expect(calc.locator("svg.chart")).to_be_visible()

    # On paper: the menus and the buttons are gone, the tables stay.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("nav.no-print")).to_be_hidden()
    expect(actors).to_be_visible()
    shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    page.screenshot(path=str(shots / "ansokan-utskrift.png"), full_page=True)
    page.emulate_media(media="screen")


def test_the_applicant_checks_the_calculation_in_a_spreadsheet_and_reads_it_back(page: Page, sign_in, tmp_path):
    """Download the calculation, change one figure as an economist would in Excel, upload it, see it counted."""
    draft = applicant_draft()
    sign_in("handlaggare")
    page.goto(f"/arenden/{draft.pk}/")
    before = draft.content["calculation"]["effects"][0]["deadweight"]
    with page.expect_download() as caught:
        page.get_by_role("link", name="Ladda ner kalkylen som kalkylblad (Excel)").click()
    path = tmp_path / "kalkyl.xlsx"
    caught.value.save_as(path)
    book = load_workbook(path)
    assert book["Effekter"]["I2"].value == before
    book["Effekter"]["I2"] = 0.9  # a far more cautious deadweight
    book.save(path)

    page.get_by_role("link", name="Läs in kalkylen från ett kalkylblad").click()
    expect(heading(page)).to_have_text("Läs in kalkylen från ett kalkylblad")
    page.get_by_label("Kalkylblad (xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Läs in och spara kalkylen").click()
    expect(page.get_by_text("Kalkylen är inläst från kalkylbladet och sparad.")).to_be_visible()
    page.reload()
    draft.refresh_from_db()
    assert draft.content["calculation"]["effects"][0]["deadweight"] == 0.9
    expect(page.get_by_role("table", name="Per aktör: nyttor minus kostnader (nuvärde)")).to_contain_text("Kommunen")

    # A cell with words in it: a Swedish message naming the cell, and nothing changes.
    book["Effekter"]["I2"] = "mycket"
    book.save(path)
    page.goto(f"/arenden/{draft.pk}/kalkyl-fran-kalkylblad/")
    page.get_by_label("Kalkylblad (xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Läs in och spara kalkylen").click()
    expect(page.get_by_role("alert")).to_contain_text("Effekter, rad 2, Dödvikt (andel): måste vara ett tal")
    draft.refresh_from_db()
    assert draft.content["calculation"]["effects"][0]["deadweight"] == 0.9
