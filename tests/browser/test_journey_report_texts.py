"""The April report's written parts and the fund's forecast assumptions, as a person does them (issue 19).

The official writes lessons, proposals and comments, saves, saves again, reloads, opens the previous version
and generates the report, where the latest text stands (read from the PDF with pdftotext). Finance changes
the fund's forecast assumptions, saves them twice, reloads, and the April report states the same assumptions
and the same figure as the page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.test_journeys_after_grant import assert_accessible, heading, saved

SHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots"


def pdf_text(page: Page, button_name: str, folder: Path) -> str:
    """Ask for the document with the Rapporter page's button, download it when the page says it is ready
    (the tests run background tasks at once), and give its text as pdftotext reads it (spaces made plain)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas (Debians paket poppler-utils)")
    page.get_by_role("button", name=button_name, exact=True).click(timeout=120_000)  # written at once in tests
    progress = page.get_by_role("status")
    expect(progress).to_contain_text("Handlingen är klar.", timeout=120_000)
    with page.expect_download(timeout=120_000) as download:
        progress.get_by_role("link", name=re.compile(r"^Ladda ner .*\(PDF\)$")).click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def test_the_official_writes_the_reports_texts_saves_twice_and_finds_the_latest_in_the_report(
    page: Page, sign_in, tmp_path: Path
):
    sign_in("beredning")
    page.goto("/rapporter/")
    page.get_by_role("link", name="Skriv texterna 2015").click()
    expect(heading(page)).to_have_text("Uppföljningen 2015: texter")
    expect(page.get_by_text("Inget sparat ännu.")).to_be_visible()
    # Typed, as a person types: the registry number is left empty, so the report gets the fund's next one.
    page.get_by_label("Lärdomar").press_sequentially("Förankringen kom för sent.")
    page.get_by_label("Förslag").fill("Kontorscheferna i beredningsgruppen.")
    page.get_by_role("button", name="Spara", exact=True).click()
    saved(page, "Texten är sparad som version 1.")
    number = page.get_by_label("Diarienummer").input_value()
    assert re.fullmatch(r"KS \d\d-\d+", number), number

    page.get_by_label("Lärdomar").fill("Förankringen måste ske hos kontorschefen först.")
    page.get_by_role("button", name="Spara", exact=True).click()
    saved(page, "Texten är sparad som version 2.")

    page.reload()
    expect(page.get_by_label("Lärdomar")).to_have_value("Förankringen måste ske hos kontorschefen först.")
    expect(page.get_by_label("Diarienummer")).to_have_value(number)  # the second save kept the report's number
    page.get_by_text("Visa version 1").click()
    first = page.locator('dl[data-version="1"]')
    expect(first).to_contain_text("Förankringen kom för sent.")
    expect(first).to_contain_text("Kontorscheferna i beredningsgruppen.")
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "report-texts.png"), full_page=True)

    page.get_by_role("link", name="Rapporter", exact=True).first.click()
    text = pdf_text(page, "PDF 2015", tmp_path)
    assert "Förankringen måste ske hos kontorschefen först." in text
    assert "Kontorscheferna i beredningsgruppen." in text
    assert "Förankringen kom för sent." not in text
    assert number in text


def _dry_share(page: Page, scenario: str) -> str:
    cell = page.locator(f'tr[data-scenario="{scenario}"] td').first
    return cell.inner_text().replace("\xa0", " ").strip()


def test_finance_saves_the_forecast_assumptions_and_the_april_report_shows_the_same_figure(
    page: Page, sign_in, tmp_path: Path
):
    sign_in("ekonomi")
    page.goto("/fond/sodertalje/prognos/")
    page.get_by_text("Antaganden", exact=True).click()
    page.get_by_label("Nya insatser per år").fill("1")
    page.get_by_role("textbox", name="Simuleringar").fill("200")  # fewer futures: the report draws them again below
    page.get_by_role("button", name="Spara som fondens antaganden").click()
    saved(page, "Antagandena är sparade som fondens.")

    page.get_by_text("Antaganden", exact=True).click()
    page.get_by_label("Sannolikhet att en insats återför i tid").fill("0.9")
    page.get_by_role("button", name="Spara som fondens antaganden").click()
    saved(page, "Antagandena är sparade som fondens.")

    page.reload()
    page.get_by_text("Antaganden", exact=True).click()
    expect(page.get_by_label("Nya insatser per år")).to_have_value(re.compile(r"^1([,.]0)?$"))
    expect(page.get_by_label("Sannolikhet att en insats återför i tid")).to_have_value(re.compile(r"^0[,.]9$"))
    expect(
        page.get_by_text("Prognosen räknar med fondens antaganden, samma som i den årliga uppföljningen.")
    ).to_be_visible()
    with_repayment = _dry_share(page, "med återföring")
    without = _dry_share(page, "utan återföring")
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "forecast-assumptions.png"), full_page=True)

    page.goto("/rapporter/")
    year = timezone.localdate().year
    text = pdf_text(page, f"PDF {year}", tmp_path)
    assert f"Med återföring: fonden tar slut i {with_repayment} av" in text, (with_repayment, text[:3000])
    assert f"Utan återföring: fonden tar slut i {without} av" in text
    assert "1 nya insatser per år" in text and "90 % av insatserna återför i tid" in text
