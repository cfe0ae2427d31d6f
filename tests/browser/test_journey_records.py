"""The registrar marks a handling secret in the register; the public register shows its public title."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from socialfund.records.models import Handling
from tests.browser.test_journeys import heading, main_menu, saved


def test_the_registrar_marks_secrecy_and_the_public_sees_the_public_title(page: Page, sign_in, tmp_path):
    handling = Handling.objects.get(initiative__title="BarnkraftsHus", record_type="idea")

    sign_in("registrator")
    page.goto("/", timeout=30_000)  # the session's first page also starts the server's work: allow for that
    main_menu(page).get_by_role("link", name="Diarium").click()
    expect(heading(page)).to_contain_text("Diarium")
    page.get_by_role("link", name=f"Sekretessmarkera {handling.number}").click()
    page.get_by_role("button", name="Spara sekretessmarkering").click()  # nothing filled in: refused at the field
    expect(page.locator(".field-error").first).to_be_visible()
    page.get_by_label("Sekretess enligt").fill("26 kap. 1 § OSL")
    page.get_by_label("Offentlig rubrik").fill("Idé om förebyggande arbete")
    page.get_by_role("button", name="Spara sekretessmarkering").click()
    saved(page, f"{handling.number} är sekretessmarkerad.")
    page.reload()
    register = page.get_by_role("table", name="Registrerade handlingar, senast registrerade först")
    expect(register).to_contain_text("26 kap. 1 § OSL")
    page.screenshot(path=str(tmp_path / "register.png"), full_page=True)

    # Saving again keeps one marking, with the new public title.
    page.get_by_role("link", name=f"Sekretessmarkera {handling.number}").click()
    expect(page.get_by_label("Sekretess enligt")).to_have_value("26 kap. 1 § OSL")
    page.get_by_label("Offentlig rubrik").fill("Idé om stöd till barn")
    page.get_by_role("button", name="Spara sekretessmarkering").click()
    saved(page, "är sekretessmarkerad.")

    page.context.clear_cookies()  # signed out: what anyone sees
    page.goto("/offentlig/sodertalje/")
    page.get_by_role("link", name="Fondens diarium: registrerade handlingar").click()
    public = page.get_by_role("table", name="Registrerade handlingar, senast registrerade först")
    expect(public).to_contain_text("Idé om stöd till barn")
    expect(public).not_to_contain_text("BarnkraftsHus")
    page.screenshot(path=str(tmp_path / "public.png"), full_page=True)
