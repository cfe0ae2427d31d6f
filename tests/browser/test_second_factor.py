"""Finance sets up the authenticator app in the browser, reaches the books, and gives a code at the next login."""

from __future__ import annotations

import re
import time

import pyotp
from playwright.sync_api import Page, expect

from socialfund.accounts.models import User
from tests.browser.pages import log_in_with_form


def test_finance_sets_up_the_app_and_signs_in_with_a_code(page: Page, settings, tmp_path):
    settings.SOCIALFUND_REQUIRE_TOTP = True
    log_in_with_form(page, "ekonomi")
    page.goto("/fond/sodertalje/")
    expect(page.get_by_role("heading", name="Sätt upp tvåstegsverifiering")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    expect(page.get_by_test_id("totp-uri")).to_contain_text("otpauth://totp/")
    page.screenshot(path=str(tmp_path / "second-factor-enrol.png"), full_page=True)
    page.get_by_label("Engångskod från appen").fill("000000")
    page.get_by_role("button", name="Aktivera").click()
    expect(page.locator("#code-error")).to_contain_text("Koden stämmer inte")
    page.get_by_label("Engångskod från appen").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Aktivera").click()
    expect(page).to_have_url(re.compile(r"/fond/sodertalje/$"))
    assert User.objects.get(username="ekonomi").totp.confirmed_at is not None
    # The next login asks for a code (a new one: the one just used is not accepted twice).
    page.context.clear_cookies()
    log_in_with_form(page, "ekonomi")
    page.goto("/fond/sodertalje/")
    expect(page.get_by_role("heading", name="Ange engångskod")).to_be_visible()
    page.get_by_label("Engångskod från appen").fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Fortsätt").click()
    expect(page).to_have_url(re.compile(r"/fond/sodertalje/$"))
