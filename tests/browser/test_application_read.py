"""The preparation group opens the whole application, calculation included, and prints it."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page, expect

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
