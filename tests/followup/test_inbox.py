"""One inbox per user, equal to what the desks show: the case machine's cases, grants to book, special reviews
waiting at kommunstyrelsen, reports due; and the daily digest of what is overdue."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from socialfund.cases.inbox import inbox_for
from socialfund.followup import services
from socialfund.ledger.views.pages import unbooked_decisions
from socialfund.outbox.models import OutboxMail
from tests.followup.test_chain import approve_first_report, book_grant_and_plan

pytestmark = pytest.mark.django_db


def page(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def inbox_titles(user) -> set[str]:
    html = page(user, reverse("cases:todo"))
    return set(re.findall(r'<li[^>]*><a href="[^"]+">([^<]+)</a>', html))


def desk_titles(user) -> set[str]:
    html = page(user, reverse("cases:desk"))
    return set(re.findall(r'<a href="/arenden/\d+/">([^<]+)</a>', html))


def queue_count(user, role: str) -> int:
    match = re.search(rf'data-role="{role}">\s*<strong>(\d+) initiativ', page(user, "/"))
    assert match
    return int(match.group(1))


def test_every_desk_role_finds_on_its_inbox_what_its_desk_and_start_page_show(users):
    from socialfund.cases.models import Initiative

    beredning = users["beredning"]
    desk = desk_titles(beredning)
    # Beside its desk, the coordinator's inbox holds the outside ideas that no board has taken on yet: they go
    # to their area's office and board first (DOMAIN.md rule 12), and wait for the coordinator only to be given
    # an area. Nothing else differs.
    unsponsored = set(
        Initiative.objects.filter(lead_board__isnull=True, status="active", area_board__isnull=True).values_list(
            "title", flat=True
        )
    )
    assert unsponsored
    assert inbox_titles(beredning) == desk | unsponsored
    assert not desk & unsponsored
    assert queue_count(beredning, "preparation_group") == len(desk)
    for username, role in [
        ("registrator", "registrar"),
        ("stadsdirektor", "city_director"),
        ("yttrande", "opinion_giver"),
    ]:
        user = users[username]
        # An outside idea waiting for a coordinator to give it an area is inbox work, not a desk's case.
        cases = [
            item for item in inbox_for(user=user) if item.url.startswith("/arenden/") and item.title not in unsponsored
        ]
        assert queue_count(user, role) == len(cases), username


def test_a_granted_decision_waits_on_finances_inbox_until_it_is_booked(users, granted):
    ekonomi = users["ekonomi"]
    decision = granted.decision
    assert decision in unbooked_decisions(granted.fund)
    items = [item for item in inbox_for(user=ekonomi) if item.title == granted.title]
    assert len(items) == 1 and "bokför de beviljade medlen" in items[0].what
    assert items[0].url.endswith(f"?decision={decision.pk}")
    # The ledger page finance works from lists the same decision.
    assert granted.title in page(ekonomi, reverse("ledger:position", args=[granted.fund.slug]))


def test_a_special_review_at_kommunstyrelsen_is_on_the_registrars_inbox(users, project):
    book_grant_and_plan(users, project)
    approve_first_report(users, project, finding="none")
    review = services.special_review_open(project=project, user=users["beredning"], grounds="Inga effekter.")
    services.special_review_submit(review=review, user=users["beredning"])
    items = [item for item in inbox_for(user=users["registrator"]) if item.title == project.initiative.title]
    assert [item.what for item in items] == ["Särskild prövning väntar på beslut: registrera beslutet"]
    assert items[0].url == reverse("followup:project", args=[project.pk])


def test_the_daily_digest_mails_what_is_overdue_with_absolute_links(users, granted, django_capture_on_commit_callbacks):
    decision = granted.decision
    later = decision.decided_on + dt.timedelta(days=60)
    overdue = [item for item in inbox_for(user=users["ekonomi"], today=later) if item.overdue]
    assert [item.title for item in overdue] == [granted.title]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the digest goes through the outbox, after commit
        call_command("inbox_digest")
    assert OutboxMail.objects.filter(recipients=[users["ekonomi"].email], state="sent").exists()
    to_finance = [message for message in mail.outbox if users["ekonomi"].email in message.to]
    assert len(to_finance) == 1
    body = to_finance[0].body
    assert granted.title in body and f"{settings.SITE_URL}/fond/{granted.fund.slug}/bokfor/beviljande/" in body
    assert "Det här är försenat och väntar på dig" in body
