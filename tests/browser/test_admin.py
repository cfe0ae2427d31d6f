"""Django's admin works in the browser for the administrator (axe is not run on it: see pages.py)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.pages import log_in_with_form


def test_admin_opens_for_the_admin_user(page: Page):
    log_in_with_form(page, "admin")
    response = page.goto("/admin/")
    assert response is not None and response.status == 200
    expect(page.locator("#user-tools")).to_contain_text("Ada")
    expect(page.locator("#user-tools").get_by_role("button", name="Logga ut")).to_be_visible()
    page.locator("#content-main").get_by_role("link", name="Initiativ", exact=True).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(
        14
    )  # the seed's 13 (ACT twice) and the demo's city director case
