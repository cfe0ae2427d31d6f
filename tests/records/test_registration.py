"""Every document that comes in, is drawn up or is sent is registered on its case (issue 26)."""

from __future__ import annotations

import pytest

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.models import Attachment, Decision, Initiative, Opinion
from socialfund.consultations.models import Answer, Consultation
from socialfund.followup.models import Report
from socialfund.funds.models import Fund
from socialfund.records.models import Handling
from tests.cases.conftest import grant_through_workflow

pytestmark = pytest.mark.django_db


def _handling(label: str, pk: object) -> Handling | None:
    return Handling.objects.filter(source_type=label, source_id=str(pk)).first()


def test_a_case_from_idea_to_decision_registers_each_document(users, fund):
    initiative = grant_through_workflow(users, fund)

    entries = list(Handling.objects.filter(initiative=initiative).order_by("serial"))
    summary = [(h.get_record_type_display(), h.get_direction_display()) for h in entries]
    assert summary == [
        ("Idé", "Inkommande"),
        ("Ansökan", "Inkommande"),
        ("Tjänsteskrivelse", "Upprättad"),
        # The guidelines ask for the committee's opinion and that of each board the case concerns.
        ("Yttrande", "Inkommande"),
        ("Yttrande", "Inkommande"),
        ("Yttrande", "Inkommande"),
        ("Beslut", "Upprättad"),
    ]
    # The case got its registry number when its first document came in; handlings number on from it.
    assert initiative.registry_number
    assert [h.number for h in entries] == [f"{initiative.registry_number}:{n}" for n in range(1, 8)]
    assert entries[0].counterpart == initiative.initiator_name
    assert entries[3].counterpart  # the committee that gave the opinion
    assert all(h.classification is not None for h in entries)
    assert entries[6].classification.code == "2.5.2"
    assert entries[6].title.startswith("Beslut KS 2016-05-02 § 101")


def test_an_outside_actors_idea_is_registered_incoming_with_a_new_case_number(users, fund):
    initiative = services.idea_register_external(
        fund=fund,
        title="Läxhjälp i Hovsjö",
        summary="Föreningen vill ge läxhjälp.",
        organisation_name="Hovsjö IF",
        organisation_type="association",
        contact_name="Kim Exempel",
        contact_email="kim@example.se",
    )
    handling = _handling("cases.initiative", initiative.pk)
    assert handling is not None
    initiative.refresh_from_db()
    assert handling.number == f"{initiative.registry_number}:1"
    assert handling.direction == "incoming"
    assert handling.counterpart == "Hovsjö IF"


def test_registering_twice_keeps_one_handling(users, fund):
    from socialfund.records.services import register_missing

    grant_through_workflow(users, fund)
    before = Handling.objects.count()
    assert register_missing(fund) == []
    assert Handling.objects.count() == before


def test_the_demo_has_no_document_without_a_registered_handling(demo, settings, tmp_path):
    from socialfund.actors import receipts
    from socialfund.organisation.models import Board
    from socialfund.outbox.models import OutboxMail
    from socialfund.records.april_filing import april_report_file
    from socialfund.records.models import StoredDocument
    from socialfund.records.services import unregistered
    from socialfund.reports.report_texts import report_text_save

    settings.MEDIA_ROOT = tmp_path
    fund = Fund.objects.get(slug="sodertalje")
    users = {u.username: u for u in User.objects.all()}
    # What leaves the system too: the April report filed twice, and letters to an outside actor.
    for lessons in ("Förankra tidigt.", "Förankra tidigt hos kontorscheferna."):
        report_text_save(
            fund=fund, year=2015, user=users["beredning"], registry_number="KS 16-40",
            lessons=lessons, proposals="", comments="",
        )  # fmt: skip
        april_report_file(fund=fund, year=2015, user=users["registrator"])
    idea = receipts.idea_receive(
        fund=fund, title="Läxhjälp i Hovsjö", summary="Läxhjälp.", organisation_name="Hovsjö IF",
        organisation_type="association", organisation_number="", contact_name="Kim Exempel",
        contact_email="kim@example.se", area_board=Board.objects.get(code="UN"),
    ).initiative  # fmt: skip
    receipts.staff_message(initiative=idea, user=users["handlaggare"], text="Hur många barn gäller det?")

    documents: list[tuple[str, object]] = []
    documents += [("cases.initiative", i.pk) for i in Initiative.objects.filter(fund=fund).exclude(status="draft")]
    family = Initiative.objects.get(fund=fund, title="Familjecentraler")
    documents.append(("cases.initiative.application", family.pk))  # at the decision stage: its application too
    documents += [("cases.attachment", a.pk) for a in Attachment.objects.filter(initiative__fund=fund)]
    documents += [("cases.opinion", o.pk) for o in Opinion.objects.filter(initiative__fund=fund)]
    documents += [("cases.decision", d.pk) for d in Decision.objects.filter(initiative__fund=fund)]
    documents += [("consultations.consultation", c.pk) for c in Consultation.objects.filter(fund=fund)]
    documents += [("consultations.answer", a.pk) for a in Answer.objects.filter(recipient__consultation__fund=fund)]
    documents += [
        ("followup.report", r.pk)
        for r in Report.objects.filter(project__initiative__fund=fund, submitted_at__isnull=False)
    ]
    filed = [("records.storeddocument", d.pk) for d in StoredDocument.objects.filter(fund=fund)]
    letters = [("outbox.outboxmail", m.pk) for m in OutboxMail.objects.filter(recipients=["kim@example.se"])]
    assert len(filed) == 2 and len(letters) == 2
    documents += filed + letters
    assert len(documents) >= 10  # the walk has something to walk
    missing = [(label, pk) for label, pk in documents if _handling(label, pk) is None]
    assert missing == []
    assert unregistered(fund) == []  # and every kind of document the register knows, walked its own way
    # And each handling's number is its case's.
    assert _handling("cases.initiative", family.pk).number == f"{family.registry_number}:1"


def test_a_consultation_sent_and_answered_is_registered_out_and_in(users, fund):
    import datetime as dt

    from socialfund.consultations import services as consultations
    from socialfund.organisation.models import Board, DecisionBody

    organisation = fund.organisation
    consultation = consultations.consultation_create(
        organisation=organisation,
        user=users["registrator"],
        title="Riktlinjer 2016",
        document_title="Förslag till nya riktlinjer",
        sent_by=DecisionBody.objects.get(organisation=organisation, code="HU"),
        decided_on=dt.date(2016, 1, 10),
        deadline=dt.date(2016, 3, 31),
        questions=["Tillstyrker nämnden förslaget?"],
        recipients=[consultations.RecipientSpec(code="SN", board=Board.objects.get(code="SN"))],
        fund=fund,
        registry_number="KS 16-2",
    )
    sent = _handling("consultations.consultation", consultation.pk)
    assert (sent.number, sent.direction, sent.classification.code) == ("KS 16-2:1", "outgoing", "1.3.2")

    answer = consultations.answer_register(
        recipient=consultation.recipients.get(code="SN"),
        user=users["registrator"],
        position="supports",
        received_on=dt.date(2016, 3, 20),
    )
    received = _handling("consultations.answer", answer.pk)
    assert (received.number, received.direction, received.registered_on) == (
        "KS 16-2:2",
        "incoming",
        dt.date(2016, 3, 20),
    )
    assert received.counterpart == consultation.recipients.get(code="SN").display_name


def test_a_new_case_number_from_the_registrar_renumbers_the_cases_handlings(users, fund):
    initiative = grant_through_workflow(users, fund)
    services.registry_number_set(initiative=initiative, user=users["registrator"], registry_number="KS 16-77")
    numbers = list(Handling.objects.filter(initiative=initiative).order_by("serial").values_list("number", flat=True))
    assert numbers == [f"KS 16-77:{n}" for n in range(1, 8)]


def test_a_consultation_outside_the_fund_is_left_to_the_organisations_register(users, fund):
    import datetime as dt

    from socialfund.consultations import services as consultations
    from socialfund.organisation.models import Board, DecisionBody

    consultation = consultations.consultation_create(
        organisation=fund.organisation,
        user=users["registrator"],
        title="Riktlinjer 2016",
        document_title="Förslag till nya riktlinjer",
        sent_by=DecisionBody.objects.get(organisation=fund.organisation, code="HU"),
        decided_on=dt.date(2016, 1, 10),
        deadline=dt.date(2016, 3, 31),
        questions=["Tillstyrker nämnden förslaget?"],
        recipients=[consultations.RecipientSpec(code="SN", board=Board.objects.get(code="SN"))],
    )
    consultations.answer_register(
        recipient=consultation.recipients.get(code="SN"),
        user=users["registrator"],
        position="supports",
        received_on=dt.date(2016, 3, 1),
    )
    assert _handling("consultations.consultation", consultation.pk) is None
