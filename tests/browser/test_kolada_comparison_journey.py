"""Comparison groups on the indicator page, as the applicant's official would click through it (issue 27).

The official opens a Kolada indicator of a granted project, asks for a municipality group that Kolada does not
have (refused at the field, nothing stored), then for the comparison group; after a reload the page shows the
municipality's own figure beside the group's mean per year, with where the mean comes from. Against the fake
Kolada v3 server of the tests (no network).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from socialfund.core import kolada
from socialfund.core.kolada import urllib_getter as real_urllib_getter
from socialfund.followup import services
from socialfund.followup.models import GroupMean, Project
from tests.browser.test_journeys_after_grant import assert_accessible, granted_case, heading, saved, users
from tests.followup.kolada_fake import FakeKolada
from tests.followup.test_indicators import kolada_indicator
from tests.followup.test_kolada_group_comparison import MEMBERS, YEARS
from tests.followup.test_kolada_v3 import client, serve_n15428


def test_the_official_compares_the_indicator_with_similar_municipalities(
    page: Page, sign_in, settings, monkeypatch, tmp_path: Path
):
    fake = FakeKolada().start()
    try:
        settings.KOLADA_BASE_URL = fake.base
        monkeypatch.setattr(kolada, "urllib_getter", real_urllib_getter)  # only the fake server on 127.0.0.1
        fake.route("/kpi/N15428", "kpi-N15428.json")
        fake.route("/municipality_groups", "municipality_groups.json")
        serve_n15428(fake)
        for chunk, name in ((MEMBERS[:25], "N15428-group-chunk1.json"), (MEMBERS[25:], "N15428-group-chunk2.json")):
            fake.route(f"/data/kpi/N15428/municipality/{','.join(chunk)}/year/{YEARS}", name)
        project = Project.objects.get(initiative=granted_case("Mobilt team skola – jämförelse"))
        indicator = kolada_indicator(project, users()["handlaggare"])
        services.indicator_refresh_from_kolada(indicator=indicator, client=client(fake))

        sign_in("handlaggare")
        page.goto(f"/uppfoljning/{project.pk}/indikatorer/{indicator.pk}/")
        expect(heading(page)).to_contain_text("Behöriga till yrkesprogram")
        compare = page.locator("#action-compare")
        compare.locator("summary").click()
        compare.get_by_label("Kommungrupp i Kolada").fill("G9999")
        compare.get_by_role("button", name="Hämta jämförelsen").click()
        compare = page.locator("#action-compare")
        expect(compare).to_have_attribute("open", "")
        expect(compare).to_contain_text("Kolada har ingen kommungrupp G9999.")
        assert not GroupMean.objects.exists()

        compare.get_by_label("Kommungrupp i Kolada").fill("G0000")
        compare.get_by_role("button", name="Hämta jämförelsen").click()
        saved(page, "Jämförelsen med Jämförelsegrupp barn och unga (exempel) är hämtad.")
        page.reload()
        section = page.get_by_test_id("group-comparison")
        expect(section.get_by_role("table")).to_contain_text("Kommunen mot Jämförelsegrupp barn och unga (exempel)")
        expect(section.get_by_role("row").filter(has_text="2022")).to_contain_text("73,4")
        today = timezone.localdate().isoformat()
        expect(section).to_contain_text("Källa: Kolada, N15428, kommungrupp G0000 (30 kommuner")
        expect(section).to_contain_text(f"hämtad {today}")
        assert_accessible(page)
        shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
        page.screenshot(path=str(shots / "indikator-jamforelsegrupp.png"), full_page=True)
    finally:
        fake.stop()
