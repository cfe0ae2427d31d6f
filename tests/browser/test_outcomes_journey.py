"""Forecast against outcome, as the people would click through it (issue 27).

The applicant's official describes the project's outcome metric (a missing validator is refused at
the field, nothing stored), enters two measured results of the indicator tied to the calculation's
HVB line, saves, reloads, and sees the forecast against the outcome with the source of every figure.
The preparation group then opens the indicator, records that the validator validated a figure, and
the project page says so. The project is granted through the real workflow in the demo fund.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Page, expect

from socialfund.followup import services
from socialfund.followup.models import OutcomeMetric, Project
from tests.browser.test_journeys_after_grant import assert_accessible, granted_case, heading, saved, users


def hvb_indicator(project: Project) -> None:
    services.indicator_create(
        project=project,
        user=users()["handlaggare"],
        spec=services.IndicatorSpec(
            name="HVB-dygn i målgruppen",
            unit="dygn",
            direction="lower",
            baseline_value=Decimal(2000),
            baseline_on=dt.date(2016, 12, 31),
            target_value=Decimal(1700),
            effect_index=0,
        ),
    )


def record(page: Page, day: str, value: str, source: str) -> None:
    action = page.locator("#action-measurement")
    action.locator("summary").click()
    action.get_by_label("Indikator").select_option(label="HVB-dygn i målgruppen")
    action.get_by_label("Datum").fill(day)
    action.get_by_label("Värde").fill(value)
    action.get_by_label("Källa").fill(source)
    action.get_by_role("button", name="Spara mätvärdet").click()
    saved(page, "Mätvärdet är sparat.")


def test_forecast_meets_outcome_with_sources(page: Page, sign_in, tmp_path: Path):
    shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)  # `make screenshots` keeps them for a reviewer
    title = "Mobilt team skola – effekter"
    case = granted_case(title)
    project = Project.objects.get(initiative=case)
    hvb_indicator(project)
    sign_in("handlaggare")
    page.goto(f"/uppfoljning/{project.pk}/")
    expect(heading(page)).to_have_text(title)
    section = page.get_by_test_id("forecast-outcome")
    expect(section).to_contain_text("Inga uppmätta utfall är kopplade")

    # The outcome metric, first without its validator: refused at the field, nothing stored.
    metric = page.locator("#action-outcome-metric")
    metric.locator("summary").click()
    metric.get_by_label("Effektmått", exact=True).fill("Färre placeringsdygn")
    metric.get_by_label("Definition").fill("Placeringsdygn på HVB för barn i målgruppen, per kalenderår.")
    metric.get_by_label("Målgrupp").fill("Elever i åk 4–7 med hög frånvaro i de deltagande skolorna.")
    metric.get_by_label("Mål", exact=True).fill("300 färre dygn per år från 2018.")
    metric.get_by_label("Valideringsmetod").fill("Årsuttag ur verksamhetssystemet, granskat mot fakturor.")
    metric.get_by_label("Datakälla för valideringen").fill("Socialtjänstens statistik över placeringsdygn.")
    metric.get_by_label("Indikator som mäter effekten").select_option(label="HVB-dygn i målgruppen")
    metric.get_by_role("button", name="Spara effektmåttet").click()
    metric = page.locator("#action-outcome-metric")
    expect(metric).to_have_attribute("open", "")
    expect(metric).to_contain_text("Ange vilken organisation som validerar.")
    assert not OutcomeMetric.objects.filter(project=project).exists()
    assert_accessible(page)
    metric.get_by_label("Validerande organisation").fill("Stadsrevisionen")
    metric.get_by_role("button", name="Spara effektmåttet").click()
    saved(page, "Effektmåttet Färre placeringsdygn är sparat.")
    expect(page.get_by_test_id("outcome-metrics")).to_contain_text("Stadsrevisionen")

    # Two measured results, saved one after the other.
    record(page, "2018-12-31", "1850", "Socialtjänstens statistik")
    record(page, "2019-12-31", "1700", "Socialtjänstens statistik")
    page.reload()
    section = page.get_by_test_id("forecast-outcome")
    table = section.get_by_role("table", name=re.compile("Färre placeringsdygn på HVB"))
    row_2018 = table.get_by_role("row", name=re.compile("^2018"))
    expect(row_2018).to_contain_text("360\u00a0113\u00a0kr")  # 150 dygn × 2 400,75 kr
    expect(row_2018).to_contain_text("720\u00a0225\u00a0kr")  # the forecast: 300 dygn
    expect(row_2018).to_contain_text("Källa: Socialtjänstens statistik, inmatad")
    expect(row_2018).to_contain_text("rapporterat")
    expect(section).to_contain_text("Uppmätt hittills: 75 % av prognosen.")
    expect(section).to_contain_text("Källa: ansökans kalkyl (")
    expect(section.get_by_test_id("chance")).to_contain_text("enligt kalkylen")
    assert_accessible(page)
    shots.mkdir(parents=True, exist_ok=True)
    page.get_by_test_id("forecast-outcome").screenshot(path=shots / "forecast-outcome.png")

    # The preparation group records the validation on the indicator's page.
    sign_in("beredning")
    page.goto(f"/uppfoljning/{project.pk}/")
    page.get_by_role("link", name="Ändra eller rätta HVB-dygn i målgruppen").click()
    status = page.locator("#action-status")
    status.locator("summary").click()
    status.get_by_label("Mätvärde").select_option(label="2018-12-31: 1\u00a0850")
    status.get_by_label("Status").select_option(label="validerat")
    status.get_by_label("Validerat av").fill("Stadsrevisionen")
    status.get_by_role("button", name="Spara statusen").click()
    saved(page, "Mätvärdets status är sparad.")
    row = page.get_by_role("table", name="HVB-dygn i målgruppen: mätvärden").get_by_role(
        "row", name=re.compile("2018-12-31")
    )
    expect(row).to_contain_text("validerat av Stadsrevisionen")
    assert_accessible(page)
    page.goto(f"/uppfoljning/{project.pk}/")
    expect(page.get_by_test_id("forecast-outcome")).to_contain_text("validerat av Stadsrevisionen")
    page.get_by_test_id("forecast-outcome").screenshot(path=shots / "forecast-outcome-validated.png")
