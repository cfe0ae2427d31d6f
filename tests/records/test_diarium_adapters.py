"""The diarium adapter: socialfund's own register by default; Platina's REST API when configured.

Platina is a local fake built from its documentation (tests/records/fake_platina.py). Deliveries queue
in the database and are retried: nothing is lost while the registry is down.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from socialfund.cases import services
from socialfund.records.diarium.delivery import deliver_due
from socialfund.records.diarium.platina import PlatinaConfig, PlatinaDiarium
from socialfund.records.models import DiariumDelivery, Handling
from tests.records.fake_platina import CLIENT_ID, CLIENT_SECRET, FakePlatina

pytestmark = pytest.mark.django_db


def _config(url: str) -> dict:
    return {
        "adapter": "platina",
        "base_url": url,
        "token_url": f"{url}/oauth2/v2.0/token",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scope": "api://platina/.default",
        "diary_id": "7",
        "case_type_id": "42",
        "status_id": "1",
        "paragraph_ids": {"31 kap. 16 § OSL": "p-31-16"},
        "timeout": 2.0,
    }


def _idea(fund) -> object:
    initiative = services.idea_register_external(
        fund=fund,
        title="Läxhjälp i Hovsjö",
        summary="Föreningen vill ge läxhjälp.",
        organisation_name="Hovsjö IF",
        organisation_type="association",
        contact_name="Kim Exempel",
        contact_email="kim@example.se",
    )
    initiative.refresh_from_db()  # its registry number came with the registration
    return initiative


def test_without_configuration_the_own_register_is_the_diarium(users, fund):
    initiative = _idea(fund)
    handling = Handling.objects.get(initiative=initiative)
    assert not DiariumDelivery.objects.filter(handling=handling).exists()  # nothing to send anywhere


def test_platina_gets_the_case_and_its_document_with_a_client_credentials_token(users, fund, settings):
    with FakePlatina() as platina:
        settings.RECORDS_DIARIUM = _config(platina.url)
        initiative = _idea(fund)
        handling = Handling.objects.get(initiative=initiative)
        assert DiariumDelivery.objects.get(handling=handling).status == "pending"

        assert deliver_due() == (1, 0)

        (case,) = platina.cases.values()
        assert case["title"] == "Läxhjälp i Hovsjö" and case["caseTypeId"] == "42"
        assert case["diaryNumber"] == initiative.registry_number  # our number, kept
        (deed,) = platina.deeds.values()
        assert deed["direction"] == "Inbound" and deed["senderOrRecipient"] == "Hovsjö IF"
        handling.refresh_from_db()
        assert handling.external_number == f"{initiative.registry_number}-1"
        assert platina.token_requests == 1
        diarium = PlatinaDiarium(PlatinaConfig(**{k: v for k, v in _config(platina.url).items() if k != "adapter"}))
        assert diarium.case_number(next(iter(platina.cases))) == initiative.registry_number


def test_secrecy_reaches_platina_as_its_confidential_paragraph(users, fund, settings):
    from socialfund.records.services import handling_mark_secret

    with FakePlatina() as platina:
        settings.RECORDS_DIARIUM = _config(platina.url)
        handling = Handling.objects.get(initiative=_idea(fund))
        handling_mark_secret(
            handling=handling, user=users["registrator"], paragraph="31 kap. 16 § OSL", public_title="Idé från förening"
        )
        deliver_due()
        (deed,) = platina.deeds.values()
        assert deed["secrecyLevel"] == 1 and deed["confidentialParagraphs"] == ["p-31-16"]
        assert deed["publicTitle"] == "Idé från förening"


def test_a_registry_that_is_down_loses_nothing_and_is_tried_again(users, fund, settings):
    with FakePlatina() as platina:
        settings.RECORDS_DIARIUM = _config(platina.url)
        platina.down = True
        initiative = _idea(fund)
        now = timezone.now()

        assert deliver_due(now=now) == (0, 1)
        delivery = DiariumDelivery.objects.get(handling__initiative=initiative)
        assert delivery.attempts == 1 and "503" in delivery.last_error
        assert delivery.next_attempt_at > now
        assert deliver_due(now=now) == (0, 1)  # not due yet: not tried again at once
        assert DiariumDelivery.objects.get(pk=delivery.pk).attempts == 1

        platina.down = False
        assert deliver_due(now=now + dt.timedelta(hours=1)) == (1, 0)
        assert len(platina.deeds) == 1
        assert Handling.objects.get(initiative=initiative).external_number
