"""The registrar marks a handling secret in the register, and the public register shows its public title; the
records officer edits a retention rule, previews the culling and runs it."""

from __future__ import annotations

import os
from pathlib import Path

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


SHOTS = Path(os.environ.get("RECORDS_SHOTS", "")) if os.environ.get("RECORDS_SHOTS") else None


def _shot(page: Page, tmp_path, name: str) -> None:
    for folder in filter(None, (tmp_path, SHOTS)):
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_the_records_officer_edits_a_retention_rule_previews_and_runs_the_culling(page: Page, sign_in, tmp_path):
    contacts = "Kontaktuppgifter till externa aktörers kontaktpersoner"
    sign_in("registrator")
    page.goto("/", timeout=30_000)
    main_menu(page).get_by_role("link", name="Diarium").click()
    page.get_by_role("link", name="Gallringsregler och gallring").click()
    expect(heading(page)).to_contain_text("Gallringsregler")
    rules = page.get_by_role("table", name="Gallringsregler per handlingstyp")
    expect(rules.get_by_role("row", name=contacts)).to_contain_text("Gallras 2 år efter ärendets avslut")
    _shot(page, tmp_path, "retention-rules.png")

    rules.get_by_role("link", name=f"Ändra {contacts.lower()}").click()
    page.get_by_label("Gallras efter ett antal år").check()
    page.get_by_label("Antal år", exact=True).fill("")
    page.get_by_role("button", name="Spara regeln").click()  # no number of years: refused at the field
    expect(page.locator("#years-error")).to_contain_text("Ange efter hur många år handlingen gallras.")
    _shot(page, tmp_path, "retention-rule-error.png")
    page.get_by_label("Antal år", exact=True).fill("0")
    page.get_by_label("Räknat från").select_option(label="registreringen")
    page.get_by_label("Gallringsbeslut").fill("KS 2026-12-07 § 12")
    page.get_by_role("button", name="Spara regeln").click()
    saved(page, "Gallringsregeln för kontaktuppgifter")

    # Save again without changing anything, then reload: the rule is as saved, once.
    rules.get_by_role("link", name=f"Ändra {contacts.lower()}").click()
    expect(page.get_by_label("Antal år", exact=True)).to_have_value("0")
    expect(page.get_by_label("Gallringsbeslut")).to_have_value("KS 2026-12-07 § 12")
    page.get_by_role("button", name="Spara regeln").click()
    saved(page, "är sparad")
    page.reload()
    row = page.get_by_role("table", name="Gallringsregler per handlingstyp").get_by_role("row", name=contacts)
    expect(row).to_contain_text("Gallras 0 år efter registreringen")
    expect(row).to_contain_text("KS 2026-12-07 § 12")

    page.get_by_role("button", name="Förhandsgranska gallringen").click()
    expect(page.get_by_role("heading", name="Förhandsgranskning")).to_be_visible()
    expect(page.get_by_text("Gallringen skulle ta bort 4 uppgifter:")).to_be_visible()
    _shot(page, tmp_path, "retention-preview.png")
    page.get_by_role("button", name="Gallra nu").click()
    saved(page, "4 uppgifter togs bort")
    expect(heading(page)).to_contain_text("Gallringslogg")
    log = page.get_by_role("table", name="Gallringar, senaste först")
    expect(log.get_by_text("Kontaktpersonens namn och e-postadress")).to_have_count(4)
    _shot(page, tmp_path, "culling-log.png")


def test_the_registrar_files_the_april_report_twice_and_both_versions_stay(page: Page, sign_in, tmp_path, settings):
    from socialfund.accounts.models import User
    from socialfund.funds.models import Fund
    from socialfund.reports.report_texts import report_text_save

    settings.MEDIA_ROOT = tmp_path
    report_text_save(
        fund=Fund.objects.get(slug="sodertalje"), year=2015, user=User.objects.get(username="beredning"),
        registry_number="KS 16-40", lessons="Förankra tidigt.", proposals="", comments="",
    )  # fmt: skip
    sign_in("registrator")
    page.goto("/", timeout=30_000)
    main_menu(page).get_by_role("link", name="Diarium").click()
    page.get_by_role("link", name="Fastställda uppföljningar").click()
    expect(page.get_by_role("table", name="Diarieförda uppföljningar, senaste först")).to_contain_text(
        "Ingen uppföljning är fastställd ännu."
    )
    for version in (1, 2):
        page.get_by_label("År").select_option("2015")
        page.get_by_role("button", name="Fastställ och diarieför").click(timeout=90_000)  # the PDF is rendered
        expect(page.locator(".messages")).to_be_visible(timeout=90_000)
        saved(page, f"diarieförd som KS 16-40:{version} (version {version})")
    page.reload()
    filed = page.get_by_role("table", name="Diarieförda uppföljningar, senaste först")
    expect(filed.get_by_role("link", name="version 1 (PDF)")).to_be_visible()
    expect(filed.get_by_role("link", name="version 2 (PDF)")).to_be_visible()
    _shot(page, tmp_path, "filed-reports.png")
    page.get_by_role("link", name="Tillbaka till diariet").click()
    register = page.get_by_role("table", name="Registrerade handlingar, senast registrerade först")
    expect(register).to_contain_text("KS 16-40:2")
