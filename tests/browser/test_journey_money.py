"""Finance's money journey (issue 20): the due work, a payout schedule paid with one action, a repayment
above what was paid out refused at its field, and the period's hand-over to the municipality's ledger."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from socialfund.ledger.models import Handover, PayoutOrder
from tests.browser.test_journeys_after_grant import assert_accessible, granted_case, heading, saved

SHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots"


def test_finance_books_the_grant_pays_the_schedule_and_hands_over(page: Page, sign_in):
    title = "Mobilt team skola – utbetalningsplan"
    case = granted_case(title)
    sign_in("ekonomi")
    page.goto("/fond/sodertalje/")
    page.get_by_role("navigation", name="Fondens bokföring").get_by_role("link", name="Att bokföra").click()
    expect(heading(page)).to_have_text("Att göra i bokföringen")
    assert_accessible(page)
    grants = page.get_by_test_id("grants-to-book")
    expect(grants).to_contain_text(title)
    grants.get_by_role("link", name="Bokför beslutet").click()
    expect(heading(page)).to_have_text("Bokför beviljade medel")
    page.get_by_label("Utbetalningsplan").select_option(label="Två delbetalningar per år")
    page.get_by_role("button", name="Bokför").click()
    saved(page, "Bokför beviljade medel: klart.")

    page.get_by_role("navigation", name="Fondens bokföring").get_by_role("link", name="Att bokföra").click()
    payouts = page.get_by_test_id("payouts-due")
    expect(payouts.locator("tbody tr")).to_have_count(2)  # 2016 and 2017: both years have begun
    expect(page.get_by_text("Alla beviljade beslut är bokförda.")).to_be_visible()
    assert_accessible(page)
    payouts.get_by_role("button", name=re.compile(r"Betala ut 600\s000 kr .* 2016")).click()
    saved(page, "(2016) är bokfört som utbetalt.")
    page.reload()
    expect(page.get_by_test_id("payouts-due").locator("tbody tr")).to_have_count(1)
    assert PayoutOrder.objects.get(initiative=case).reference == "Utbetalningsplan 2016, del 1, 2"

    # More back than was paid out: refused at the amount, nothing booked.
    page.goto("/fond/sodertalje/bokfor/aterforing/")
    page.get_by_label("Insats").select_option(label=title)
    page.get_by_label("Nämnd").select_option(value=str(case.lead_board_id))
    page.get_by_label("Belopp (kr)").fill("700 000")
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Bokför återföringen").click()
    expect(page.locator("#id_amount-error, .field-error").first).to_contain_text("högst 600")

    page.goto("/fond/sodertalje/")
    page.get_by_role("link", name="Överlämning", exact=True).click()
    expect(heading(page)).to_have_text("Överlämning till kommunens redovisning")
    page.get_by_label("Från och med").fill("2016-01-01")
    page.get_by_label("Till och med").fill("2026-12-31")
    page.get_by_role("button", name="Skapa filen och markera som överlämnat").click()
    saved(page, "Överlämning 1: 1 verifikationer.")
    expect(page.get_by_test_id("handovers")).to_contain_text(Handover.objects.get().filename)
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "ledger-handover.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name=Handover.objects.get().filename).click()
    assert download.value.suggested_filename.endswith(".si")
