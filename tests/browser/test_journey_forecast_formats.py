"""The fund's forecast assumptions in Swedish formats, as the finance officer types them.

The fields show 500 000 and 0,6 (not 500000 and 0.6); 0,9 and 750 000 typed are read as such, saved,
saved again and still there after a reload; a wrong figure gets a Swedish message at its field and
nothing is stored.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from socialfund.funds.models import Fund
from tests.browser.test_journeys_after_grant import assert_accessible, saved

URL = "/fond/sodertalje/prognos/"
SAVE = "Spara som fondens antaganden"


def stored() -> dict:
    return Fund.objects.get(slug="sodertalje").forecast_assumptions


def open_assumptions(page: Page) -> None:
    summary = page.get_by_text("Antaganden", exact=True)
    if page.locator("details").first.get_attribute("open") is None:
        summary.click()


def grouped(text: str) -> re.Pattern[str]:
    """The figure with a space or a no-break space between its thousands."""
    return re.compile("^" + text.replace(" ", r"[ \u00a0]") + "$")


def test_finance_types_and_reads_the_assumptions_in_swedish(page: Page, sign_in):
    sign_in("ekonomi")
    page.goto(URL)
    open_assumptions(page)
    expect(page.get_by_label("Minsta insats (kr)")).to_have_value(grouped("500 000"))
    expect(page.get_by_label("Sannolikhet att en insats återför i tid")).to_have_value("0,6")
    expect(page.get_by_label("Nya insatser per år")).to_have_value("2")

    page.get_by_label("Minsta insats (kr)").fill("750 000")
    page.get_by_label("Nya insatser per år").fill("1,5")
    page.get_by_label("Sannolikhet att en insats återför i tid").fill("0,9")
    page.get_by_role("textbox", name="Simuleringar").fill("1 000")
    page.get_by_role("button", name=SAVE).click()
    saved(page, "Antagandena är sparade som fondens.")
    first = stored()
    assert first["size_low"] == 750_000 and first["projects_per_year"] == 1.5
    assert first["repay_probability"] == 0.9 and first["runs"] == 1000

    open_assumptions(page)
    page.get_by_role("button", name=SAVE).click()  # saved again, unchanged: the shown figures read back the same
    saved(page, "Antagandena är sparade som fondens.")
    assert stored() == first

    page.reload()
    open_assumptions(page)
    expect(page.get_by_label("Minsta insats (kr)")).to_have_value(grouped("750 000"))
    expect(page.get_by_label("Nya insatser per år")).to_have_value("1,5")
    expect(page.get_by_label("Sannolikhet att en insats återför i tid")).to_have_value("0,9")
    expect(page.get_by_role("textbox", name="Simuleringar")).to_have_value(grouped("1 000"))

    page.get_by_label("Sannolikhet att en insats återför i tid").fill("nittio procent")
    page.get_by_role("button", name=SAVE).click()
    field_error = page.locator("#repay_probability-error")
    expect(field_error).to_have_text(re.compile(r"^\s*Skriv ett tal, t\.ex\. 0,9\.\s*$"))
    expect(page.get_by_label("Sannolikhet att en insats återför i tid")).to_have_attribute(
        "aria-describedby", re.compile("repay_probability-error")
    )
    expect(page.get_by_role("alert").first).to_contain_text("Sannolikhet att en insats återför i tid")
    assert stored() == first
    assert_accessible(page)
    page.screenshot(path="var/screenshots/forecast-swedish-formats.png", full_page=True)
