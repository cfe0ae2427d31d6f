"""Retention: a culling run removes only what a rule allows, logs it, and leaves everything else as it was."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Attachment, Decision, DecisionAmount, Initiative, Opinion
from socialfund.consultations.models import Answer, Consultation
from socialfund.funds.models import Fund
from socialfund.ledger.models import Entry, Transaction
from socialfund.records.codes import RecordType, RetentionEvent
from socialfund.records.models import CullingLogEntry, CullingLogError, Handling
from socialfund.records.retention import culling_run, retention_rule_set
from socialfund.records.services import RecordsError

pytestmark = pytest.mark.django_db
CONTACT_FIELDS = ("contact_name", "contact_email")


def _snapshot(fund: Fund) -> dict[str, list[dict]]:
    """Every row the run must leave alone, field by field (the initiatives without their contact details)."""

    def rows(qs, exclude=()):
        return [model_to_dict(o, exclude=exclude) | {"pk": o.pk} for o in qs.order_by("pk")]

    return {
        "initiatives": rows(Initiative.objects.filter(fund=fund), exclude=(*CONTACT_FIELDS, "partner_boards")),
        "transactions": rows(Transaction.objects.all()),
        "entries": rows(Entry.objects.all()),
        "decisions": rows(Decision.objects.all()),
        "amounts": rows(DecisionAmount.objects.all()),
        "opinions": rows(Opinion.objects.all()),
        "attachments": rows(Attachment.objects.all(), exclude=("file",)),
        "consultations": rows(Consultation.objects.all()),
        "answers": rows(Answer.objects.all()),
        "handlings": rows(Handling.objects.all()),
        "audit": rows(AuditEvent.objects.exclude(action="culling_run")),
    }


def test_a_zero_year_rule_for_contact_details_removes_exactly_those(demo):
    fund = Fund.objects.get(slug="sodertalje")
    registrar = User.objects.get(username="registrator")
    with_contacts = {
        i.pk: (i.contact_name, i.contact_email)
        for i in Initiative.objects.filter(fund=fund).exclude(contact_name="", contact_email="")
    }
    # The demo's outside actors: Le Liv (ACT, twice: the 2013 idea sketch and the 2014 interest), Barnkraft and
    # Samordningsförbundet.
    assert len(with_contacts) == 4
    retention_rule_set(
        fund=fund,
        user=registrar,
        record_type=RecordType.CONTACT_DETAILS,
        keep_forever=False,
        years=0,
        from_event=RetentionEvent.REGISTERED,
        reference="KS 2026-12-07 § 1",
    )
    before = _snapshot(fund)
    assert before["transactions"], "the demo's ledger has the capital decision booked"
    assert before["handlings"] and before["consultations"] and before["answers"]
    result = culling_run(fund=fund, user=registrar)

    after = _snapshot(fund)
    assert after == before  # ledger, decisions, documents, the register and the audit log: unchanged
    assert not Initiative.objects.filter(fund=fund).exclude(contact_name="", contact_email="").exists()
    logged = CullingLogEntry.objects.filter(run=result.run)
    assert sorted(int(e.target_id) for e in logged) == sorted(with_contacts)
    assert {e.removed for e in logged} == {"Kontaktpersonens namn och e-postadress"}
    assert all("KS 2026-12-07 § 1" in e.rule for e in logged)
    # The log holds no personal data it removed.
    names = {n for pair in with_contacts.values() for n in pair}
    assert not any(n in f"{e.rule} {e.removed} {e.case_number}" for e in logged for n in names)
    # A second run finds nothing more to remove.
    assert culling_run(fund=fund, user=registrar).entries == []


def test_from_the_cases_close_only_closed_cases_lose_their_contact_people(demo):
    fund = Fund.objects.get(slug="sodertalje")
    registrar = User.objects.get(username="registrator")
    retention_rule_set(
        fund=fund,
        user=registrar,
        record_type=RecordType.CONTACT_DETAILS,
        keep_forever=False,
        years=0,
        from_event=RetentionEvent.CASE_CLOSED,
    )
    result = culling_run(fund=fund, user=registrar, today=timezone.localdate())
    culled = Initiative.objects.filter(pk__in=[e.target_id for e in result.entries])
    assert [i.initiator_name for i in culled] == ["Le Liv"]  # withdrawn; Barnkraft's case is still open
    assert Initiative.objects.get(fund=fund, initiator_name="Barnkraft").contact_email


def test_decisions_cannot_be_given_a_culling_rule(demo):
    fund = Fund.objects.get(slug="sodertalje")
    with pytest.raises(RecordsError, match="ska bevaras"):
        retention_rule_set(
            fund=fund,
            user=User.objects.get(username="registrator"),
            record_type=RecordType.DECISION,
            keep_forever=False,
            years=0,
            from_event=RetentionEvent.REGISTERED,
        )


def test_the_culling_log_is_kept(demo):
    fund = Fund.objects.get(slug="sodertalje")
    registrar = User.objects.get(username="registrator")
    retention_rule_set(
        fund=fund,
        user=registrar,
        record_type=RecordType.CONTACT_DETAILS,
        keep_forever=False,
        years=0,
        from_event=RetentionEvent.REGISTERED,
    )
    entry = culling_run(fund=fund, user=registrar).entries[0]
    with pytest.raises(CullingLogError):
        entry.delete()
    with pytest.raises(CullingLogError):
        CullingLogEntry.objects.filter(pk=entry.pk).update(removed="")
