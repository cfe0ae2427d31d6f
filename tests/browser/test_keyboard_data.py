"""The keyboard as people use it, and what happens to the data (issue 29): Enter in a field sends the form
and keeps every typed value; Tab reaches a table that scrolls sideways at 320 px, the arrow keys scroll it,
and every column can be read. (Enter in a calculator cell: tests/browser/test_calculator.py.)"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from socialfund.cases.models import Initiative

NARROW = {"width": 320, "height": 640}


def focused(page: Page, expression: str) -> str:
    return page.evaluate(f"document.activeElement.{expression}")


def test_enter_in_the_idea_form_keeps_what_was_typed_and_stores_nothing_until_it_is_whole(page: Page, sign_in):
    sign_in(None)
    page.goto("/ide/")
    before = Initiative.objects.count()
    page.get_by_label("Idéns namn").fill("Läxhjälp i föreningsregi")
    page.get_by_label("Organisationens namn").fill("Föreningen Läxhjälpen")
    with page.expect_navigation():
        page.get_by_label("Organisationens namn").press("Enter")
    # The error summary has focus and names what is missing; what was typed is still there; nothing stored.
    assert focused(page, "classList.contains('error-summary')")
    expect(page.locator(".error-summary")).to_contain_text("Beskriv idén")
    expect(page.locator(".error-summary")).to_contain_text("Kontaktperson")
    expect(page.get_by_label("Idéns namn")).to_have_value("Läxhjälp i föreningsregi")
    expect(page.get_by_label("Organisationens namn")).to_have_value("Föreningen Läxhjälpen")
    assert Initiative.objects.count() == before
    # The rest typed, Enter in the last text field sends the whole idea.
    page.get_by_label("Beskriv idén").fill("Läxhjälp två kvällar i veckan för barn i åk 4–6.")
    page.get_by_label("Sorts organisation").select_option(label="Förening")
    page.get_by_label("Organisationsnummer").fill("802400-1235")  # invented; passes the check digit
    page.get_by_label("Kontaktperson", exact=True).fill("Kim Andersson")
    page.get_by_label("E-post till kontaktpersonen").fill("kim@example.org")
    with page.expect_navigation():
        page.get_by_label("E-post till kontaktpersonen").press("Enter")
    assert Initiative.objects.count() == before + 1
    idea = Initiative.objects.order_by("-pk").first()
    assert idea is not None and idea.title == "Läxhjälp i föreningsregi"
    assert idea.summary == "Läxhjälp två kvällar i veckan för barn i åk 4–6."


def test_tab_reaches_a_scrolling_table_and_the_arrow_keys_show_its_last_column(page: Page, sign_in):
    sign_in("ekonomi")
    page.set_viewport_size(NARROW)
    page.goto("/fond/sodertalje/verifikationer/")
    region = page.get_by_role("region", name="Verifikationer med konteringar")
    expect(region).to_have_count(1)
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the table fits: nothing to scroll"
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(page, "getAttribute('role')") == "region":
            break
    assert focused(page, "getAttribute('aria-labelledby')") == "transactions-caption"
    last_header = region.locator("thead th").last
    first_amount = region.locator("tbody tr").first.locator("td").last
    text = first_amount.inner_text()
    assert not in_view(region, last_header)
    for _ in range(40):
        page.keyboard.press("ArrowRight")
        if in_view(region, last_header):
            break
    assert region.evaluate("el => el.scrollLeft") > 0
    assert in_view(region, last_header), "the arrow keys did not bring the last column into view"
    # The figures read the same after scrolling: the keyboard moved the view, not the data.
    assert first_amount.inner_text() == text and text.strip()


def in_view(region, cell) -> bool:
    box, inner = region.bounding_box(), cell.bounding_box()
    assert box is not None and inner is not None
    return inner["x"] >= box["x"] - 1 and inner["x"] + inner["width"] <= box["x"] + box["width"] + 1
