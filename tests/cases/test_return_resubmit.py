"""Submit, return for completion, resubmit: one action hands a case in; the preparation group can send it
back saying what is missing; the applicant edits and hands it in again; the log says what changed."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from socialfund.audit.models import AuditEvent
from socialfund.cases import services
from socialfund.cases.errors import CasePermissionDenied, CaseValidationError
from socialfund.cases.flow_services import initiative_return_for_completion
from socialfund.cases.models import Comment
from tests.cases.conftest import walk_to_preparation


def events(initiative, action):
    return list(AuditEvent.objects.filter(initiative=initiative, action=action).order_by("pk"))


def test_the_review_step_hands_the_draft_in_with_the_same_action(client, users, draft):
    client.force_login(users["handlaggare"])
    page = client.get(reverse("cases:guided", args=[draft.pk, "granska"])).content.decode()
    assert 'data-testid="review-submit"' in page and "Lämna in: idéskiss" in page
    response = client.post(reverse("cases:action", args=[draft.pk, "submit"]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "active" and [e.message for e in events(draft, "initiative_submit")] == [
        "Inlämnat som idéskiss."
    ]


def test_the_case_page_says_what_handing_in_does(client, users, draft):
    client.force_login(users["handlaggare"])
    assert "Lämna in: idéskiss</summary>" in client.get(reverse("cases:detail", args=[draft.pk])).content.decode()
    services.initiative_submit(initiative=draft, user=users["handlaggare"])
    page = client.get(reverse("cases:detail", args=[draft.pk])).content.decode()
    assert "Lämna in: idéskiss – vidare till ansökan</summary>" in page


def test_returned_for_completion_edited_and_handed_in_again(users, draft, django_capture_on_commit_callbacks):
    case = walk_to_preparation(draft, users)
    assert case.stage == "preparation"
    with django_capture_on_commit_callbacks(execute=True):
        initiative_return_for_completion(
            initiative=case, user=users["beredning"], missing="Målgruppen ska avgränsas till årskurs 4–7."
        )
    case.refresh_from_db()
    assert case.stage == "application" and case.status == "active"
    returned = events(case, "initiative_return")[-1]
    assert returned.message == "Tillbaka till ansökan för komplettering: Målgruppen ska avgränsas till årskurs 4–7."
    assert Comment.objects.get(initiative=case, visibility="applicant").text.endswith("årskurs 4–7.")
    assert mail.outbox and mail.outbox[-1].to == [users["handlaggare"].email]
    assert "Nu ska sökande handläggare vid" in mail.outbox[-1].body
    assert f"{settings.SITE_URL}/arenden/{case.pk}/" in mail.outbox[-1].body
    # The applicant edits the returned application: the log names the field.
    content = {**case.content, "target_groups": ["children"]}
    services.initiative_update_draft(initiative=case, user=users["handlaggare"], content=content)
    assert events(case, "initiative_update")[-1].message == "Ändrat: Målgrupper."
    services.initiative_submit(initiative=case, user=users["handlaggare"])
    case.refresh_from_db()
    assert case.stage == "preparation"


def test_a_return_needs_to_say_what_is_missing_and_only_the_preparation_group_returns(users, draft):
    case = walk_to_preparation(draft, users)
    with pytest.raises(CaseValidationError) as refusal:
        initiative_return_for_completion(initiative=case, user=users["beredning"], missing="  ")
    assert refusal.value.field == "missing"
    with pytest.raises(CasePermissionDenied):
        initiative_return_for_completion(initiative=case, user=users["handlaggare"], missing="Allt.")
    case.refresh_from_db()
    assert case.stage == "preparation" and not events(case, "initiative_return")


def test_the_log_says_what_changed_field_by_field(users, draft):
    user = users["handlaggare"]
    services.initiative_update_draft(initiative=draft, user=user, title="Mobilt team skola 3", summary=draft.summary)
    change = events(draft, "initiative_update")[-1]
    assert change.message == "Ändrat: Titel."
    assert change.data["changes"] == [
        {"field": "title", "label": "Titel", "from": "Mobilt team skola 2", "to": "Mobilt team skola 3"}
    ]
    draft.refresh_from_db()
    funding = {**draft.content["funding"], "cofinancing_share": 0.1}
    services.initiative_update_draft(
        initiative=draft, user=user, content={**draft.content, "funding": funding, "purpose": "develop_method"}
    )
    assert events(draft, "initiative_update")[-1].message == "Ändrat: Budget och medfinansiering, Syfte."
    # Saving the same answers again is no event in the case's history.
    draft.refresh_from_db()
    count = len(events(draft, "initiative_update"))
    services.initiative_update_draft(initiative=draft, user=user, content=dict(draft.content))
    assert len(events(draft, "initiative_update")) == count


def test_the_applicant_is_not_told_the_case_waits_for_them_after_handing_it_in(
    users, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_submit(initiative=draft, user=users["handlaggare"])
    assert all(users["handlaggare"].email not in message.to for message in mail.outbox)
