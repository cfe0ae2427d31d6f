"""Culling every record type a rule may cull, and never what must be kept (issue 26, retention)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialfund.actors import receipts
from socialfund.audit.models import AuditEvent
from socialfund.cases.attachments import attachment_add
from socialfund.cases.codes import ApplicantType
from socialfund.cases.models import Attachment, Decision, DecisionAmount, Initiative, Opinion
from socialfund.consultations.models import Answer, Consultation
from socialfund.followup.models import Report
from socialfund.ledger.models import Entry, Transaction
from socialfund.organisation.models import Board
from socialfund.outbox.models import MailState, OutboxMail
from socialfund.records.codes import RecordType, RetentionEvent
from socialfund.records.cullers import CULLERS
from socialfund.records.filing import document_store_and_register
from socialfund.records.models import CullingLogEntry, Handling, RetentionRule, StoredDocument
from socialfund.records.retention import culling_preview, culling_run, retention_rule_set
from socialfund.reports.models import ReportText
from socialfund.reports.report_texts import report_text_save

pytestmark = pytest.mark.django_db
CULLABLE = sorted(CULLERS)


@pytest.fixture
def everything(fund, users, draft, settings, tmp_path):
    """The demo plus one of each cullable kind: an attachment, two sent letters, two drafts of the April report's
    texts, and the filed report (kept). Every culling rule starts as "kept"."""
    settings.MEDIA_ROOT = tmp_path
    attachment_add(
        initiative=draft,
        user=users["handlaggare"],
        upload=SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget"),
        kind="application",
    )
    idea = receipts.idea_receive(
        fund=fund, title="Läxhjälp i Hovsjö", summary="Läxhjälp.", organisation_name="Hovsjö IF",
        organisation_type="association", organisation_number="", contact_name="Kim Exempel",
        contact_email="kim@example.se", area_board=Board.objects.get(code="UN"),
    ).initiative  # fmt: skip
    receipts.staff_message(initiative=idea, user=users["handlaggare"], text="Hur många barn gäller det?")
    OutboxMail.objects.filter(recipients=["kim@example.se"]).update(state=MailState.SENT)
    for lessons in ("Första utkastet.", "Andra utkastet.", "Fastställd text."):
        report_text_save(
            fund=fund, year=2015, user=users["beredning"], registry_number="KS 16-40",
            lessons=lessons, proposals="", comments="",
        )  # fmt: skip
    document_store_and_register(
        fund=fund, record_type=RecordType.ANNUAL_REPORT, title=f"Uppföljning av {fund.name} 2015",
        content=b"%PDF-1.7 rapport", filename="uppfoljning.pdf", case_number="KS 16-40",
        user=users["registrator"], year=2015,
    )  # fmt: skip
    for record_type in RecordType.values:
        RetentionRule.objects.update_or_create(
            fund=fund, record_type=record_type, defaults={"keep_forever": True, "years": None}
        )
    return fund


def _cullable(fund) -> dict[str, set]:
    """What exists of each cullable kind, by the culling log's target: (label, id)."""
    letters = Handling.objects.filter(fund=fund, record_type=RecordType.LETTER, culled_on__isnull=True)
    latest = {t.year: t.version for t in ReportText.objects.filter(fund=fund).order_by("version")}
    return {
        RecordType.CONTACT_DETAILS: {
            ("cases.initiative", str(i.pk))
            for i in Initiative.objects.filter(fund=fund).exclude(contact_name="", contact_email="")
            if i.initiator_type not in ApplicantType.internal()
        },
        RecordType.ATTACHMENT: {
            ("cases.attachment", str(a.pk))
            for a in Attachment.objects.exclude(pk__in=Opinion.objects.values("attachment_id"))
        },
        RecordType.LETTER: {
            ("outbox.outboxmail", h.source_id)
            for h in letters
            if OutboxMail.objects.filter(pk=h.source_id).exclude(state=MailState.QUEUED).exists()
        },
        RecordType.REPORT_DRAFT: {
            ("reports.reporttext", str(t.pk))
            for t in ReportText.objects.filter(fund=fund)
            if t.version != latest[t.year]
        },
    }


def _kept(fund) -> dict[str, list[dict]]:
    """Every row no culling run may change, field by field."""

    def rows(qs, exclude=()):
        return [model_to_dict(o, exclude=exclude) | {"pk": o.pk} for o in qs.order_by("pk")]

    kept_types = RecordType.never_culled()
    latest = {t.year: t.pk for t in ReportText.objects.filter(fund=fund).order_by("version")}
    return {
        "initiatives": rows(Initiative.objects.all(), exclude=("contact_name", "contact_email", "partner_boards")),
        "decisions": rows(Decision.objects.all()),
        "amounts": rows(DecisionAmount.objects.all()),
        "opinions": rows(Opinion.objects.all()),
        "consultations": rows(Consultation.objects.all()),
        "answers": rows(Answer.objects.all()),
        "project_reports": rows(Report.objects.all()),
        "transactions": rows(Transaction.objects.all()),
        "entries": rows(Entry.objects.all()),
        "filed": rows(StoredDocument.objects.all(), exclude=("file",)),
        "kept_handlings": rows(Handling.objects.filter(record_type__in=kept_types)),
        "latest_texts": rows(ReportText.objects.filter(pk__in=latest.values())),
        "audit": rows(AuditEvent.objects.all()),
        "culling_log": rows(CullingLogEntry.objects.all()),
    }


def _files_of_filed_reports() -> list[bytes]:
    out = []
    for document in StoredDocument.objects.order_by("pk"):
        with default_storage.open(document.file.name, "rb") as stored:
            out.append(stored.read())
    return out


@pytest.mark.parametrize("record_type", CULLABLE)
def test_a_zero_year_rule_removes_exactly_its_own_type(everything, users, record_type):
    fund = everything
    before = _cullable(fund)
    assert all(before.values()), f"the setup has something of each kind: {before}"
    kept = _kept(fund)
    retention_rule_set(
        fund=fund, user=users["registrator"], record_type=record_type, keep_forever=False, years=0,
        from_event=RetentionEvent.REGISTERED, reference="KS 2026-12-07 § 1",
    )  # fmt: skip
    kept = _kept(fund)  # after the rule's own audit event

    preview = culling_preview(fund=fund)
    result = culling_run(fund=fund, user=users["registrator"])

    removed = {(e.target_type, e.target_id) for e in result.entries}
    assert removed == before[record_type]
    assert {(c.target._meta.label_lower, str(c.target.pk)) for c in preview} == removed  # the dry run said so
    assert {e.record_type for e in result.entries} == {record_type}
    after = _cullable(fund)
    assert after[record_type] == set()
    assert {t: v for t, v in after.items() if t != record_type} == {t: v for t, v in before.items() if t != record_type}
    kept_after = _kept(fund)
    assert kept_after.pop("audit")[: len(kept["audit"])] == kept.pop("audit")  # only the run's own event added
    assert kept_after.pop("culling_log")[: len(kept["culling_log"])] == kept.pop("culling_log")
    assert kept_after == kept


def test_a_dry_run_removes_nothing(everything, users):
    fund = everything
    for record_type in CULLABLE:
        retention_rule_set(
            fund=fund, user=users["registrator"], record_type=record_type, keep_forever=False, years=0,
            from_event=RetentionEvent.REGISTERED,
        )  # fmt: skip
    before, kept = _cullable(fund), _kept(fund)
    assert len(culling_preview(fund=fund)) == sum(len(v) for v in before.values())
    assert (_cullable(fund), _kept(fund)) == (before, kept)


rules = st.fixed_dictionaries(
    {
        record_type: st.one_of(st.none(), st.tuples(st.integers(0, 4), st.sampled_from(RetentionEvent.values)))
        for record_type in CULLABLE
    }
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rules=rules,
    # A rule for a kept type written past the service (an old row, a slip in the admin): still culls nothing.
    rogue=st.lists(st.sampled_from(sorted(RecordType.never_culled())), max_size=3, unique=True),
    days_on=st.integers(0, 3000),
)
def test_no_culling_run_ever_removes_a_kept_record(everything, users, rules, rogue, days_on):
    fund = everything
    with transaction.atomic():
        for record_type, rule in rules.items():
            keep = rule is None
            retention_rule_set(
                fund=fund, user=users["registrator"], record_type=record_type, keep_forever=keep,
                years=None if keep else rule[0], from_event=RetentionEvent.REGISTERED if keep else rule[1],
            )  # fmt: skip
        RetentionRule.objects.filter(fund=fund, record_type__in=rogue).update(keep_forever=False, years=0)
        kept, files = _kept(fund), _files_of_filed_reports()
        today = timezone.localdate() + dt.timedelta(days=days_on)

        culling_run(fund=fund, user=users["registrator"], today=today)

        after = _kept(fund)
        assert after.pop("audit")[: len(kept["audit"])] == kept.pop("audit")
        assert after.pop("culling_log")[: len(kept["culling_log"])] == kept.pop("culling_log")
        assert after == kept
        assert _files_of_filed_reports() == files
        transaction.set_rollback(True)
