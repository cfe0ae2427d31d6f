"""The case's records are kept in Swedish, whatever language the person acting reads the pages in:
refusals come in the reader's language, but the activity log and the mail to others do not."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation

from socialfund.audit.models import AuditEvent
from socialfund.cases import services
from socialfund.cases.errors import CaseStateError
from tests.cases.conftest import walk_to_preparation

pytestmark = pytest.mark.django_db


def test_an_english_reader_writes_swedish_records(users, draft):
    with translation.override("en"):
        walk_to_preparation(draft, users)
        services.initiative_withdraw(initiative=draft, user=users["handlaggare"], reason="repayment_risk")
        with pytest.raises(CaseStateError) as refusal:
            services.initiative_withdraw(initiative=draft, user=users["handlaggare"], reason="other", note="igen")
    event = AuditEvent.objects.filter(initiative=draft, action="initiative_withdraw").get()
    assert event.message == "Återkallat: risk att inte kunna återföra medlen."
    submitted = AuditEvent.objects.filter(initiative=draft, action="initiative_submit").first()
    assert submitted is not None and submitted.message == "Inlämnat som idéskiss."
    assert "redan avslutat" not in refusal.value.message  # the refusal itself is in the reader's English


def test_the_mail_to_the_next_actor_is_swedish_when_the_sender_reads_english(
    users, draft, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        walk_to_preparation(draft, users)
    assert mail.outbox, "walking the case to preparation mails the preparation group"
    body = mail.outbox[-1].body
    assert "Nu ska beredningsgrupp agera." in body and "Preparation" not in body
