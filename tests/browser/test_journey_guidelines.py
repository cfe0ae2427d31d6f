"""The administrator changes the guidelines the way a municipality does: drafts a change of the repayment
limits and the preparation group, sees the comparison and the cases it affects, generates the PM,
registers the adoption; a new case is then judged by the new version, an old one keeps the old."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from socialfund.cases.models import Initiative
from socialfund.cases.screening import screening_for
from socialfund.guidelines.models import GuidelineVersion
from tests.browser.test_journeys import heading, main_menu, saved

TITLE = "Ändrade riktlinjer 2026"


def test_the_administrator_drafts_compares_documents_and_adopts_a_change(page: Page, sign_in, tmp_path):
    old_case = Initiative.objects.filter(policy_id="sodertalje-2013").exclude(filed_on=None).first()
    assert old_case is not None

    # The comparison screens every open case twice: on a shared, loaded machine it takes seconds.
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(30_000)
    sign_in("admin")
    page.goto("/")
    main_menu(page).get_by_role("link", name="Riktlinjer").click()
    expect(heading(page)).to_have_text("Riktlinjer")
    page.get_by_role("link", name="Nytt utkast till ändrade riktlinjer").click()
    page.get_by_label("Utgå från").select_option(
        label="Södertälje kommuns sociala investeringsfond – Riktlinjer 2013 (gäller)"
    )
    page.get_by_label("Rubrik").fill(TITLE)
    page.get_by_role("button", name="Skapa utkastet").click()
    saved(page, "Utkastet är skapat.")
    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_test_id("version-state")).to_contain_text("Utkast")

    # The repayment limits: a wrong value is refused at its field, in Swedish; nothing is stored.
    page.get_by_role("link", name="Belopp, beräkning och återföring").click()
    grace = page.get_by_label("År verksamheten får arbeta innan återföring ska ske")
    expect(grace).to_have_value("2")
    grace.fill("-1")
    page.get_by_role("button", name="Spara i utkastet").click()
    expect(page.locator("#f_repayment__grace_years-error")).to_have_text("Måste vara minst 0")
    expect(grace).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=str(tmp_path / "refused.png"), full_page=True)
    grace.fill("3")
    page.get_by_role("button", name="Spara i utkastet").click()
    saved(page, "Ändringarna är sparade i utkastet.")
    page.reload()
    expect(page.get_by_label("År verksamheten får arbeta innan återföring ska ske")).to_have_value("3")

    # The preparation group, saved again.
    page.get_by_role("link", name="Beslut och beredningsgrupp").click()
    members = page.get_by_label("Beredningsgruppens ledamöter (en per rad)")
    members.fill("stadsdirektör\nekonomidirektör\nkontorschefen för utbildningskontoret")
    page.get_by_role("button", name="Spara i utkastet").click()
    saved(page, "Ändringarna är sparade i utkastet.")
    page.reload()
    expect(page.get_by_label("Beredningsgruppens ledamöter (en per rad)")).to_have_value(
        "stadsdirektör\nekonomidirektör\nkontorschefen för utbildningskontoret"
    )

    # The comparison, rule by rule, and the cases the change affects.
    page.get_by_role("link", name="Jämförelse och berörda ärenden").click()
    changes = page.get_by_test_id("wording-change")
    expect(changes.filter(has_text="Beredning")).to_contain_text("Föreslagen lydelse")
    expect(changes.filter(has_text="Beredning")).to_contain_text("stadsdirektör, ekonomidirektör")
    expect(changes.filter(has_text="respittid")).to_contain_text("3")
    affected = page.get_by_test_id("affected")
    expect(affected).to_contain_text("Mobilt team skola")
    expect(affected).to_contain_text("Återföring")
    page.screenshot(path=str(tmp_path / "comparison.png"), full_page=True)

    # The PM, as the seed's: current and proposed wording.
    page.get_by_role("link", name="Översikt").click()
    with page.expect_download() as download:
        page.get_by_test_id("pm-pdf").click()
    pdf = tmp_path / "pm.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    # The adoption: KF, today, § 54; the version is in force from the decision's date.
    today = timezone.localdate().isoformat()
    adopt = page.get_by_test_id("adopt-form")
    adopt.get_by_label("Beslutande organ").select_option(label="Kommunfullmäktige")
    adopt.get_by_label("Beslutsdatum").fill(today)
    adopt.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator("#id_adopt-paragraph-error, .field-error").first).to_be_visible()
    adopt = page.get_by_test_id("adopt-form")
    adopt.get_by_label("Paragraf").fill("§ 54")
    adopt.get_by_role("button", name="Registrera beslutet").click()
    saved(page, "Beslutet är registrerat.")
    expect(page.get_by_test_id("version-state")).to_contain_text(f"Kommunfullmäktige {today} § 54")
    expect(page.get_by_test_id("version-state")).to_contain_text("Antagen")
    page.screenshot(path=str(tmp_path / "adopted.png"), full_page=True)
    version = GuidelineVersion.objects.get(title=TITLE)

    # The fund page shows each version's status and dates.
    main_menu(page).get_by_role("link", name="Start").click()
    versions = page.get_by_test_id("guideline-versions").first
    expect(versions.locator("tr", has_text=TITLE)).to_contain_text("Antagen")
    expect(versions.locator("tr", has_text="Riktlinjer 2013")).to_contain_text("Ersatt")

    # A new case is filed under the new version; the old one keeps the one it was filed under.
    sign_in(None)
    page.context.clear_cookies()
    page.goto("/")
    main_menu(page).get_by_role("link", name="Lämna en idé").click()
    page.get_by_label("Idéns namn").fill("Läxhjälp efter beslutet")
    page.get_by_label("Beskriv idén").fill("Läxhjälp två kvällar i veckan för barn i åk 4–6.")
    page.get_by_label("Organisationens namn").fill("Föreningen Läxhjälpen")
    page.get_by_label("Sorts organisation").select_option(label="Förening")
    page.get_by_label("Organisationsnummer").fill("802400-1235")  # invented; passes the check digit
    page.get_by_label("Kontaktperson", exact=True).fill("Kim Andersson")
    page.get_by_label("E-post till kontaktpersonen").fill("kim@example.se")
    page.get_by_label("Vilket område gäller idén?").select_option(label="Utbildningsnämnden (Utbildningskontoret)")
    page.get_by_role("button", name="Skicka idén").click()
    expect(heading(page)).to_have_text("Tack för din idé")
    new_case = Initiative.objects.get(title="Läxhjälp efter beslutet")
    assert new_case.policy_id == version.policy_id
    assert screening_for(new_case).policy_id == version.policy_id
    old_case.refresh_from_db()
    assert old_case.policy_id == "sodertalje-2013"
    assert screening_for(old_case).policy_id == "sodertalje-2013"

    sign_in("beredning")
    page.goto(f"/arenden/{new_case.pk}/")
    year = timezone.localdate().year
    expect(page.get_by_role("main")).to_contain_text(f"Södertälje kommuns sociala investeringsfond ({year})")
    page.goto(f"/arenden/{old_case.pk}/")
    expect(page.get_by_role("main")).to_contain_text("Södertälje kommuns sociala investeringsfond (2013)")
