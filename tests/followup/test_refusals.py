"""Every refused step of special review, implementation and closure stores nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from socialfund.followup import services
from socialfund.kit.refusals import InputRefusal, PermissionRefusal, Refusal, StateRefusal
from socialfund.organisation.models import DecisionBody, Organisation
from tests.followup.helpers import pdsa, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_review(users, project):
    report = project.reports.order_by("due_on").first()
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa(), fidelity="full")
    services.report_submit(report=report, user=users["handlaggare"])
    services.report_review(report=report, user=users["beredning"], verdict="approved", effect_finding="negative")
    review = services.special_review_open(project=project, user=users["beredning"], grounds="Negativa effekter.")
    return services.special_review_submit(review=review, user=users["beredning"])


def other_body() -> DecisionBody:
    other = Organisation.objects.create(name="Norrköpings kommun", code="0581", kind="municipality")
    return DecisionBody.objects.create(organisation=other, code="KS", name="Kommunstyrelsen", kind="executive")


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"paragraph": " "}, InputRefusal, "paragraph"),
        ({"text": ""}, InputRefusal, "text"),
        ({"outcome": "perhaps"}, InputRefusal, "outcome"),
        ({"decided_on": dt.date(2999, 1, 1)}, InputRefusal, "decided_on"),
        ({"text": "Gäller 19121212-1212."}, InputRefusal, "text"),
        ({"body": "other"}, InputRefusal, "body"),
        ({"user": "beredning"}, PermissionRefusal, None),
    ],
)
def test_special_review_decision_refused(users, submitted_review, changes, error, field):
    kwargs = {
        "body": DecisionBody.objects.get(code="KS"),
        "decided_on": dt.date(2019, 3, 4),
        "paragraph": "§ 45",
        "outcome": "waive",
        "text": "Kravet på återföring upphävs.",
        **changes,
    }
    if kwargs["body"] == "other":
        kwargs["body"] = other_body()
    user = users[kwargs.pop("user", "registrator")]
    before = stored()
    with pytest.raises(error) as raised:
        services.special_review_decide(review=submitted_review, user=user, **kwargs)
    assert raised.value.field == field
    assert stored() == before


def test_evidence_refused(users, project):
    report = project.reports.order_by("due_on").first()
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa())
    services.report_submit(report=report, user=users["handlaggare"])
    services.report_review(report=report, user=users["beredning"], verdict="approved", effect_finding="none")
    review = services.special_review_open(project=project, user=users["beredning"], grounds="Inga effekter.")
    before = stored()
    for kind, description, user in (
        ("report", "En rapport.", "beredning"),
        ("other", " ", "beredning"),
        ("other", "Intervju med 121212-1212.", "handlaggare"),
        ("other", "Protokoll.", "ekonomi"),
    ):
        with pytest.raises(Refusal):
            services.special_review_evidence_add(review=review, user=users[user], kind=kind, description=description)
    assert stored() == before


def test_implementation_refused(users, project):
    before = stored()
    with pytest.raises(StateRefusal, match="ingen implementeringsplan"):
        services.implementation_anchor(
            project=project, user=users["kontorschef"], kind="office_head", signed_on=dt.date(2018, 3, 1)
        )
    with pytest.raises(InputRefusal) as error:
        services.implementation_plan_save(project=project, user=users["handlaggare"], text="Plan.", responsible=" ")
    assert error.value.field == "responsible"
    with pytest.raises(InputRefusal) as error:
        services.implementation_plan_save(
            project=project, user=users["handlaggare"], text="Plan.", responsible="UK", starts_on=dt.date(2015, 1, 1)
        )
    assert error.value.field == "starts_on"
    assert stored() == before
    services.implementation_plan_save(project=project, user=users["handlaggare"], text="Plan.", responsible="UK")
    before = stored()
    cases = [
        ("office_head", "handlaggare", dt.date(2018, 3, 1), PermissionRefusal),  # only the office head
        ("board", "ekonomi", dt.date(2018, 3, 1), PermissionRefusal),
        ("mayor", "handlaggare", dt.date(2018, 3, 1), InputRefusal),
        ("board", "handlaggare", dt.date(2999, 1, 1), InputRefusal),
    ]
    for kind, user, signed_on, error_type in cases:
        with pytest.raises(error_type):
            services.implementation_anchor(project=project, user=users[user], kind=kind, signed_on=signed_on)
    with pytest.raises(StateRefusal, match="förankrad"):
        services.regular_operations_decide(
            project=project, user=users["handlaggare"], decided_on=dt.date(2018, 6, 1), paragraph="§ 9", text="Ja."
        )
    assert stored() == before


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"outcome": "maybe"}, InputRefusal, "outcome"),
        ({"closed_on": dt.date(2015, 1, 1)}, InputRefusal, "closed_on"),
        ({"closed_on": dt.date(2999, 1, 1)}, InputRefusal, "closed_on"),
        ({"note": ""}, InputRefusal, "note"),
        ({}, StateRefusal, None),  # the final report is not handled yet
    ],
)
def test_closing_refused(users, project, changes, error, field):
    kwargs = {"closed_on": dt.date(2018, 9, 1), "outcome": "not_implemented", "note": "Avbrutet.", **changes}
    before = stored()
    with pytest.raises(error) as raised:
        services.project_close(project=project, user=users["beredning"], **kwargs)
    assert raised.value.field == field
    assert stored() == before
