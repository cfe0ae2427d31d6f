"""Submit, return for completion, resubmit, as the roles do it in the browser.

The applicant hands in from the review step; the preparation group finds the application on its inbox and
sends it back saying what is missing; the applicant reads why, changes the answer, and hands it in again;
the log names what changed."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from socialfund.cases.models import Initiative
from tests.browser.test_journeys import action, application_in_preparation, heading, main_menu, saved

TITLE = "Läxhjälp att komplettera"


def test_the_application_is_returned_for_completion_and_handed_in_again(page: Page, sign_in, tmp_path):
    case = application_in_preparation(TITLE)

    # The preparation group finds it in its inbox and sends it back.
    sign_in("beredning")
    page.goto("/")
    main_menu(page).get_by_role("link", name="Att göra").click()
    page.get_by_role("link", name=TITLE).first.click()
    expect(heading(page)).to_have_text(TITLE)
    back = action(page, "return")
    back.get_by_role("button", name="Skicka tillbaka").click()  # nothing written: refused at the field
    expect(back.locator(".errorlist, .field-error").first).to_be_visible()
    back = page.locator("#action-return")
    back.get_by_label("Vad behöver kompletteras?").fill("Beskriv hur ni når barnen i åk 4–6 utanför skolan.")
    back.get_by_role("button", name="Skicka tillbaka").click()
    saved(page, "Ansökan är skickad tillbaka för komplettering.")
    expect(page.get_by_test_id("stage")).to_have_text("Ansökan")
    page.screenshot(path=str(tmp_path / "returned.png"), full_page=True)

    # The applicant reads what is missing, changes the summary, and hands in again from the review step.
    sign_in("handlaggare")
    page.goto(f"/arenden/{case.pk}/")
    expect(page.get_by_role("main")).to_contain_text("Komplettering behövs: Beskriv hur ni når barnen i åk 4–6")
    page.get_by_role("link", name="Fyll i eller ändra ansökan").click()
    page.get_by_label("Sammanfattning", exact=True).fill(
        "Läxhjälp för barn i åk 4–6, i föreningens lokaler och på fritidsgården."
    )
    page.get_by_role("button", name="Spara", exact=True).click()
    page.goto(f"/arenden/{case.pk}/ansokan/granska/")
    page.get_by_test_id("review-submit").click()
    saved(page, "Inlämnat.")
    expect(page.get_by_test_id("stage")).to_have_text("Beredning")
    log = page.get_by_role("table", name="Händelselogg")
    expect(log).to_contain_text("Tillbaka till ansökan för komplettering")
    expect(log).to_contain_text("Ändrat: Sammanfattning.")
    page.reload()
    expect(page.get_by_test_id("stage")).to_have_text("Beredning")
    page.screenshot(path=str(tmp_path / "resubmitted.png"), full_page=True)
    case.refresh_from_db()
    assert (case.stage, case.status) == ("preparation", "active")
    assert Initiative.objects.get(pk=case.pk).summary.endswith("fritidsgården.")
