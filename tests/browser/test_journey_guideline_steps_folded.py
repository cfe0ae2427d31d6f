"""The administrator finds a step in the guidelines' step section: the page lists the steps at the top and
keeps each step folded, so it stays short; a step opened from the list is edited, saved, and still there
after a reload."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import axe_report, axe_violations, controls_named_only_by_a_code
from tests.browser.test_journeys import heading, saved

TITLE = "Stegen ihopfällda 2026"
# The page was about 14 000 px tall with every step's fields shown; folded it must fit in a few screens.
MOST_PX = 4000


def _page_height(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollHeight"))


def test_the_step_section_is_short_and_a_step_opened_from_its_list_keeps_its_edit(page: Page, sign_in, tmp_path):
    shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    page.set_default_timeout(30_000)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in("admin")
    page.goto("/riktlinjer/")
    page.get_by_role("link", name="Nytt utkast till ändrade riktlinjer").click()
    page.get_by_label("Utgå från").select_option(
        label="Södertälje kommuns sociala investeringsfond – Riktlinjer 2013 (gäller)"
    )
    page.get_by_label("Rubrik").fill(TITLE)
    page.get_by_role("button", name="Skapa utkastet").click()
    saved(page, "Utkastet är skapat.")
    page.get_by_role("link", name="Steg, aktörer och förankring").click()
    expect(heading(page)).to_have_text("Steg, aktörer och förankring")
    page.screenshot(path=str(shots / "steps-folded.png"), full_page=True)

    height = _page_height(page)
    assert height < MOST_PX, f"the step section is {height} px tall at 1280 px"
    violations = axe_violations(page, "stegen ihopfällda 1280 px")
    assert violations == [], axe_report(violations)
    assert controls_named_only_by_a_code(page) == []

    # The list at the top names each step and leads to it; the step opens there.
    steps = page.get_by_role("navigation", name="Stegen i riktlinjerna")
    expect(steps.get_by_role("link")).to_have_count(page.locator("details.fold").count())
    steps.get_by_role("link", name="Steg 2: Idéskiss").click()
    step = page.get_by_role("group", name="Steg 2: Idéskiss")
    expect(step).to_be_visible()
    description = step.get_by_label("Beskrivning")
    description.fill("Sökanden lämnar en kort idéskiss till kontoret.")
    page.screenshot(path=str(shots / "steps-one-open.png"), full_page=True)
    page.get_by_role("button", name="Spara i utkastet").click()
    saved(page, "Ändringarna är sparade i utkastet.")
    page.reload()
    assert _page_height(page) < MOST_PX
    page.locator("summary", has_text="Steg 2: Idéskiss").click()
    expect(page.get_by_role("group", name="Steg 2: Idéskiss").get_by_label("Beskrivning")).to_have_value(
        "Sökanden lämnar en kort idéskiss till kontoret."
    )

    # A step with a problem opens by itself after saving, its summary says so, and the message is at the field.
    page.locator("summary", has_text="Steg 1:").click()
    page.get_by_role("group", name="Steg 1:").get_by_label("Namn", exact=True).fill("")
    page.get_by_role("button", name="Spara i utkastet").click()
    expect(page.locator(".error-summary")).to_be_visible()
    # (Step 2 may be open too: the address still ends in the link's #anchor, and the browser opens its target.)
    problem = page.locator("details.fold[open] summary", has_text="har fel som inte är sparade")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("Steg 1:")
    expect(page.locator("#f_stages_0__name_sv-error")).to_be_visible()
    violations = axe_violations(page, "stegen med fel 1280 px")
    assert violations == [], axe_report(violations)
    page.screenshot(path=str(shots / "steps-error-open.png"), full_page=True)
