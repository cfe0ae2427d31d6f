"""Keyboard only: log in, recover from a failed login, and switch language without a mouse."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

FOCUSED = "document.activeElement"


def focused_id(page: Page) -> str:
    return page.evaluate(f"{FOCUSED}.id")


def tab_to(page: Page, element_id: str, *, limit: int = 15) -> int:
    """Press Tab until the element with this id has focus; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused_id(page) == element_id:
            return presses
    raise AssertionError(f"#{element_id} was not reached in {limit} presses of Tab")


def test_log_in_with_the_keyboard_only(page: Page, sign_in):
    sign_in(None)
    page.goto("/logga-in/")
    # The skip link first, then straight to the form.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_id(page) == "main"
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_username"
    page.keyboard.type("beredning")
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_password"
    page.keyboard.type("demo-beredning")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Välkommen, Berit"))
    expect(page.locator(".roles")).to_contain_text("Beredningsgrupp")
    expect(page.get_by_role("button", name=re.compile(r"^Logga ut"))).to_be_visible()


def test_a_failed_login_takes_focus_to_the_errors_and_on_to_the_field(page: Page, sign_in):
    sign_in(None)
    page.goto("/logga-in/")
    tab_to(page, "id_username")
    page.keyboard.type("beredning")
    page.keyboard.press("Tab")
    page.keyboard.type("fel-lösenord")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(r"^Fel: Logga in"))
    # Focus is on the error summary, so a screen reader reads it first.
    assert page.evaluate(f"{FOCUSED}.classList.contains('error-summary')")
    page.keyboard.press("Tab")
    assert page.evaluate(f"{FOCUSED}.getAttribute('href')") == "#id_username"
    page.keyboard.press("Enter")
    assert focused_id(page) == "id_username"
    expect(page.locator("#id_username")).to_have_value("beredning")
    page.keyboard.press("Tab")
    page.keyboard.type("demo-beredning")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Välkommen, Berit"))


def test_switch_language_with_the_keyboard(page: Page, sign_in):
    sign_in(None)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    # The language menu is in the header, a few presses from the top.
    assert tab_to(page, "language-select", limit=8) <= 8
    page.keyboard.press("ArrowDown")
    expect(page.locator("#language-select")).to_have_value("en")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Byt")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#language-select")).to_have_value("en")
    # And back to Swedish.
    tab_to(page, "language-select", limit=8)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
