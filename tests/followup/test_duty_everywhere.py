"""One figure for what a project still has to repay, on every page, document and API answer that shows it.

Issue 20: after a special review waived the duty, the follow-up page still said "Återföringen omräknad: …
kan 2 400 000 kr återföras, klart 2031" next to "Kvar att återföra 0 kr".
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.core.formatting import format_sek
from socialfund.followup import services
from socialfund.followup.selectors import project_outcome
from socialfund.ledger.duty import project_duty
from socialfund.reports import ledger_and_followup
from tests.followup.test_chain import (
    approve_first_report,
    book_grant_and_plan,
    decide,
    hvb_indicator,
    pay_out_the_grant,
)

pytestmark = pytest.mark.django_db


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")


def duty_facts(html: str) -> list[str]:
    """Every figure a page marks as the project's remaining duty (data-fact="duty")."""
    return [text_of(m).strip() for m in re.findall(r'data-fact="duty"[^>]*>(.*?)</(?:dd|td|span)>', html, re.S)]


def sek(amount: Decimal) -> str:
    return format_sek(amount).replace("\xa0", " ")


def figures_everywhere(project) -> dict[str, str]:
    fund = project.initiative.fund
    finance = client_for("ekonomi")
    ledger_page = finance.get(reverse("ledger:project", args=[fund.slug, project.initiative_id])).content.decode()
    position = finance.get(reverse("ledger:position", args=[fund.slug])).content.decode()
    followup_page = client_for("ekonomi").get(reverse("followup:project", args=[project.pk])).content.decode()
    token = token_create(user=User.objects.get(username="ekonomi"), name="t").plaintext
    api = (
        Client()
        .get(
            f"/api/v1/funds/{fund.slug}/projects/{project.initiative_id}/duty",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        .json()
    )
    money = ledger_and_followup.project_money(fund, timezone.localdate())
    assert money is not None
    [ledger_fact] = duty_facts(ledger_page)
    [position_fact] = duty_facts(position)
    [followup_fact] = duty_facts(followup_page)
    return {
        "ledger project page": ledger_fact,
        "fund position": position_fact,
        "follow-up page": followup_fact,
        "api": sek(Decimal(api["remaining"])) + (" (efterskänkt)" if api["state"] == "waived" else ""),
        "april report and export": sek(money[project.initiative_id].remaining)
        + (" (efterskänkt)" if money[project.initiative_id].written_off else ""),
        "selector": sek(project_duty(project.initiative, timezone.localdate()).remaining),
    }


def test_every_view_shows_the_same_remaining_duty_before_and_after_a_waiver(users, project):
    indicator = hvb_indicator(project, users["handlaggare"])
    services.measurement_record(
        indicator=indicator, user=users["handlaggare"], measured_on=dt.date(2018, 12, 31), value=Decimal(1800)
    )
    services.realised_savings_derive(project=project, user=users["ekonomi"], year=2018)
    book_grant_and_plan(users, project)
    pay_out_the_grant(users, project)
    assert project_outcome(project).feasibility is not None

    before = figures_everywhere(project)
    assert before["selector"] == "1 200 000 kr"
    assert set(before.values()) == {"1 200 000 kr"}, before

    approve_first_report(users, project, finding="none")
    review = services.special_review_open(project=project, user=users["beredning"], grounds="Inga effekter.")
    decide(users, services.special_review_submit(review=review, user=users["beredning"]))

    after = figures_everywhere(project)
    assert after.pop("selector") == "0 kr"
    assert set(after.values()) == {"0 kr (efterskänkt)"}, after

    page = text_of(client_for("ekonomi").get(reverse("followup:project", args=[project.pk])).content.decode())
    assert "Kvar att återföra 0 kr (efterskänkt)" in page
    assert "kan 1 200 000 kr återföras" not in page and not re.search(r"kan [\d ]+ kr återföras", page)
    assert "Återföringen är efterskänkt" in page
