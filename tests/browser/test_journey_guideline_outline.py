"""The administrator changes the guidelines' outline: adds a stage and a rule, is refused removing a stage a
case sits in (at the field, in Swedish), removes a rule, saves a section twice, reloads, and the comparison
lists each change in Swedish."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page, expect

from socialfund.guidelines.models import GuidelineVersion
from tests.browser.test_journeys import heading, main_menu, saved

TITLE = "Nya steg och regler 2026"


def test_the_administrator_adds_and_removes_stages_and_rules(page: Page, sign_in, tmp_path):
    shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(30_000)
    sign_in("admin")
    page.goto("/")
    main_menu(page).get_by_role("link", name="Riktlinjer").click()
    page.get_by_role("link", name="Nytt utkast till ändrade riktlinjer").click()
    page.get_by_label("Utgå från").select_option(
        label="Södertälje kommuns sociala investeringsfond – Riktlinjer 2013 (gäller)"
    )
    page.get_by_label("Rubrik").fill(TITLE)
    page.get_by_role("button", name="Skapa utkastet").click()
    saved(page, "Utkastet är skapat.")

    # A stage after the idea sketch: the office head's dialogue.
    page.get_by_role("link", name="Steg, aktörer och förankring").click()
    add = page.get_by_test_id("lagg-till-steg")
    add.get_by_label("Stegets namn").fill("Dialog med kontoret")
    add.get_by_label("Vem agerar").select_option(label="kontorschef")
    add.get_by_label("Placering").select_option(label="Efter ”Idéskiss”")
    add.get_by_role("button", name="Lägg till steg").click()
    saved(page, "Steget är tillagt i utkastet.")
    page.locator("summary", has_text="Steg 3: Dialog med kontoret").click()  # each step is folded
    expect(page.get_by_role("group", name="Steg 3: Dialog med kontoret")).to_be_visible()

    # The city director's step has a case in it: refused at the field, nothing changed.
    remove = page.get_by_test_id("ta-bort-steg")
    remove.get_by_label("Steg som tas bort").select_option(label="Stadsdirektörens godkännande")
    remove.get_by_role("button", name="Ta bort steg").click()
    error = page.locator("#remove_stage-stage-error")
    expect(error).to_contain_text("kan inte tas bort: ett öppet ärende står i steget nu")
    expect(page.get_by_test_id("ta-bort-steg").get_by_label("Steg som tas bort")).to_have_attribute(
        "aria-invalid", "true"
    )
    page.screenshot(path=str(shots / "outline-stage-refused.png"), full_page=True)
    page.locator("summary", has_text="Steg 6: Stadsdirektörens godkännande").click()  # each step is folded
    expect(page.get_by_role("group", name="Steg 6: Stadsdirektörens godkännande")).to_be_visible()

    # A rule of the fund's own, and procurement removed.
    page.get_by_role("link", name="Regler för prövningen").click()
    add = page.get_by_test_id("lagg-till-regel")
    add.get_by_label("Slag av regel").select_option(label="Egen regel som beredningsgruppen bedömer")
    add.get_by_label("Rubrik").fill("Barnrättsperspektiv")
    add.get_by_label("Riktlinjernas text (citat eller nära återgivning)").fill("Insatsen ska utgå från barnets bästa.")
    add.get_by_label("Texten är").select_option(label="en nära återgivning")
    add.get_by_label("Var texten står").fill("Förslag till ändrade riktlinjer 2026")
    add.get_by_label("Förklaring på vanlig svenska").fill("Ansökan visar hur barnen själva fått komma till tals.")
    add.get_by_label("Allvar").select_option(label="varning")
    add.get_by_label("Prövas från steget").select_option(label="Ansökan")
    add.get_by_role("button", name="Lägg till regel").click()
    saved(page, "Regeln är tillagd i utkastet.")
    remove = page.get_by_test_id("ta-bort-regel")
    remove.get_by_label("Regel som tas bort").select_option(label="Upphandling")
    remove.get_by_role("button", name="Ta bort regel").click()
    saved(page, "Regeln är borttagen ur utkastet.")

    # The new rule's explanation edited, saved twice, and still there after a reload.
    group = page.get_by_role("group", name="Barnrättsperspektiv")
    explanation = group.get_by_label("Förklaring på vanlig svenska")
    explanation.fill("Ansökan visar hur barn och unga själva fått komma till tals.")
    page.get_by_role("button", name="Spara i utkastet").click()
    saved(page, "Ändringarna är sparade i utkastet.")
    page.get_by_role("button", name="Spara i utkastet").click()
    saved(page, "Ändringarna är sparade i utkastet.")
    page.reload()
    group = page.get_by_role("group", name="Barnrättsperspektiv")
    expect(group.get_by_label("Förklaring på vanlig svenska")).to_have_value(
        "Ansökan visar hur barn och unga själva fått komma till tals."
    )
    expect(page.get_by_role("group", name="Upphandling")).to_have_count(0)
    page.screenshot(path=str(shots / "outline-rules.png"), full_page=True)

    # The comparison lists each change in Swedish, without codes.
    page.get_by_role("link", name="Jämförelse och berörda ärenden").click()
    changes = page.get_by_test_id("wording-change")
    expect(changes.filter(has_text="Steget ”Dialog med kontoret”")).to_contain_text("ny")
    expect(changes.filter(has_text="Regeln ”Barnrättsperspektiv”")).to_contain_text("barnets bästa")
    expect(changes.filter(has_text="Regeln ”Upphandling”")).to_contain_text("borttagen")
    main = page.get_by_role("main").inner_text()
    assert "dialog_med_kontoret" not in main and "barnrattsperspektiv" not in main and "procurement" not in main
    page.screenshot(path=str(shots / "outline-comparison.png"), full_page=True)
    expect(heading(page)).to_have_text("Jämförelse med riktlinjerna som gäller")

    # The other parts of the schema have sections too, in Swedish without codes.
    for name, shot in (("Vem ansöker, samverkan och upphandling", "applicants"), ("Spår med egna villkor", "tracks")):
        page.get_by_role("link", name=name).click()
        expect(heading(page)).to_have_text(name)
        text = page.get_by_role("main").inner_text()
        assert "municipal_company" not in text and "alternatives" not in text
        page.screenshot(path=str(shots / f"outline-{shot}.png"), full_page=True)

    version = GuidelineVersion.objects.get(title=TITLE)
    assert [s["name_sv"] for s in version.document["stages"]][2] == "Dialog med kontoret"
