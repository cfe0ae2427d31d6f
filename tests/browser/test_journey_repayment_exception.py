"""Kommunstyrelsen grants *Mobilt team skola* despite its repayment shortfall, with a recorded exception.

The case is walked to the decision stage through the services (the preparation group has assessed the
shortfall and proposes an exception); the registrar then registers the decision on the case page as a
person would: tries to grant without a reason, reads the message at the field, gives KS's reason, saves,
reloads; finance then sees the exception on the project's ledger page.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board
from tests.cases.conftest import give_every_opinion
from tests.cases.test_repayment_exception import mobilt_team_content

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
REASON = "Särskilda omständigheter: effekterna för eleverna kommer långt efter insatsen."


def user(username: str) -> User:
    return User.objects.get(username=username)


def mobilt_team_at_kommunstyrelsen() -> Initiative:
    fund = Fund.objects.get(slug="sodertalje")
    applicant = user("handlaggare")
    case = services.initiative_create(
        fund=fund,
        user=applicant,
        title="Mobilt team skola",
        stage="application",
        partner_boards=[Board.objects.get(code="SN")],
        content=mobilt_team_content(),
    )
    case = services.initiative_submit(initiative=case, user=applicant)
    services.signoff_record(initiative=case, user=applicant, kind="board", signed_on=timezone.localdate())
    services.signoff_record(
        initiative=case, user=user("kontorschef"), kind="office_head", signed_on=timezone.localdate()
    )
    case = services.initiative_submit(initiative=case, user=applicant)
    services.assessment_record(
        initiative=case,
        user=user("beredning"),
        rule_id="repayment",
        verdict="warn",
        note="Effekterna kan visas men kommer sent. Föreslår att KS beviljar med undantag.",
    )
    case = services.preparation_complete(initiative=case, user=user("beredning"), memo="Föreslår undantag.")
    if case.stage == "director_approval":
        case = services.director_approve(initiative=case, user=user("stadsdirektor"))
    give_every_opinion(case, {"yttrande": user("yttrande")}, dt.date(2015, 3, 2))
    case = services.opinions_complete(initiative=case, user=user("yttrande"))
    assert case.stage == "decision"
    return case


def test_kommunstyrelsen_grants_mobilt_team_with_a_recorded_exception(page: Page, sign_in):
    case = mobilt_team_at_kommunstyrelsen()
    sign_in("registrator")
    page.goto(f"/arenden/{case.pk}/")
    decision = page.locator("#action-decide")
    decision.locator("summary").click()
    expect(decision.get_by_label("Undantag från återföringskravet: kommunstyrelsens skäl")).to_be_empty()
    expect(decision).to_contain_text("458\u00a0263\u00a0kr återstår")
    expect(decision).to_contain_text("Föreslår att KS beviljar med undantag")
    decision.get_by_label("Beslutsdatum").fill("2015-04-13")
    decision.get_by_label("Paragraf").fill("§ 88")
    decision.get_by_label("Beslut", exact=True).select_option(label="Beviljas")
    decision.get_by_label("Beslutstext").fill("Kommunstyrelsen beviljar 5 400 000 kr med undantag från återföringen.")
    decision.get_by_label("Beviljat belopp per år").fill("2015: 1 800 000\n2016: 1 800 000\n2017: 1 800 000")
    decision.get_by_role("button", name="Registrera beslutet").click()

    decision = page.locator("#action-decide")
    expect(decision).to_have_attribute("open", "")
    expect(decision).to_contain_text("Ett beviljande kräver ett beslutat undantag")
    expect(page.get_by_test_id("status")).not_to_have_text("Beviljad")
    # What was typed is still there; only the reason is added.
    expect(decision.get_by_label("Paragraf")).to_have_value("§ 88")
    decision.get_by_label("Undantag från återföringskravet: kommunstyrelsens skäl").fill(REASON)
    decision.get_by_role("button", name="Registrera beslutet").click()
    expect(page.locator(".messages")).to_contain_text("Beslutet är registrerat.")

    page.reload()
    expect(page.get_by_test_id("status")).to_have_text("Beviljad")
    exception = page.get_by_role("region", name="Undantag från återföringskravet")
    expect(exception).to_contain_text("Kommunstyrelsen 2015-04-13 § 88")
    expect(exception).to_contain_text("Hela beloppet återförs i tid ur besparingarna")
    expect(exception).to_contain_text(REASON)
    SHOTS.mkdir(parents=True, exist_ok=True)
    exception.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "repayment-exception-case.png"), full_page=True)

    sign_in("ekonomi")
    page.goto(f"/fond/sodertalje/insats/{case.pk}/")
    ledger = page.get_by_role("region", name="Undantag från återföringskravet")
    expect(ledger).to_contain_text(re.compile(r"Kommunstyrelsen 2015-04-13 § 88"))
    expect(ledger).to_contain_text(REASON)
    page.screenshot(path=str(SHOTS / "repayment-exception-ledger.png"), full_page=True)
