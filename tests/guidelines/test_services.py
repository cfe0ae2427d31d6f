"""The guideline version's life: draft, edit (validated like the shipped files), propose, adopt; audited."""

from __future__ import annotations

import datetime as dt

import pytest

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.cases.errors import CasePermissionDenied, CaseValidationError
from socialfund.cases.workflow import policy_for_fund, policy_id_in_force
from socialfund.core.policy import PolicyError, load_policy
from socialfund.guidelines import services
from socialfund.guidelines.models import GuidelineVersion, VersionStatus
from socialfund.organisation.models import DecisionBody

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(demo) -> User:
    return User.objects.get(username="admin")


def test_a_draft_edit_that_breaks_the_schema_is_refused_and_nothing_is_stored(demo, admin) -> None:
    draft = services.draft_start(user=admin, fund=demo.fund, based_on="sodertalje-2013")
    stored = dict(draft.document)
    result = services.draft_edit(user=admin, version=draft, values={("repayment", "grace_years"): -1})
    assert not result.saved
    assert ("repayment.grace_years", "måste vara minst 0") in result.problems
    draft.refresh_from_db()
    assert draft.document == stored


def test_a_valid_edit_is_saved_and_audited(demo, admin) -> None:
    draft = services.draft_start(user=admin, fund=demo.fund, based_on="sodertalje-2013")
    members = ["stadsdirektör", "ekonomidirektör"]
    result = services.draft_edit(
        user=admin,
        version=draft,
        values={("repayment", "grace_years"): 3, ("organisation", "preparation_group", "members"): members},
    )
    assert result.saved, result.problems
    draft.refresh_from_db()
    assert draft.document["repayment"]["grace_years"] == 3
    assert draft.document["organisation"]["preparation_group"]["members"] == members
    event = AuditEvent.objects.filter(action="guideline_draft_edit", target_id=str(draft.pk)).get()
    assert event.data["changes"]["repayment.grace_years"] == {"from": 2, "to": 3}


def test_setting_a_dimension_the_sources_left_open_takes_it_off_the_open_list(demo, admin) -> None:
    draft = services.draft_start(user=admin, fund=demo.fund, based_on="sodertalje-2013")
    assert any(note["path"] == "limits" for note in draft.document["unset"])
    result = services.draft_edit(user=admin, version=draft, values={("limits", "max_per_project"): 3_000_000})
    assert result.saved, result.problems
    draft.refresh_from_db()
    assert not any(note["path"] == "limits" for note in draft.document["unset"])


def test_only_the_administrator_edits_guidelines(demo) -> None:
    other = User.objects.get(username="beredning")
    with pytest.raises(CasePermissionDenied):
        services.draft_start(user=other, fund=demo.fund, based_on="sodertalje-2013")


def test_adoption_puts_the_version_in_force_from_the_decisions_date(demo, admin) -> None:
    draft = services.draft_start(user=admin, fund=demo.fund, based_on="sodertalje-2013")
    services.draft_edit(user=admin, version=draft, values={("repayment", "grace_years"): 3})
    services.version_propose(user=admin, version=draft, on=dt.date(2026, 3, 1))
    kf = DecisionBody.objects.get(organisation=demo.fund.organisation, code="KF")
    services.version_adopt(user=admin, version=draft, body=kf, decided_on=dt.date(2026, 4, 20), paragraph="§ 54")
    draft.refresh_from_db()
    assert draft.status == VersionStatus.ADOPTED
    assert policy_id_in_force(demo.fund, dt.date(2026, 4, 19)) == "sodertalje-2013"
    assert policy_id_in_force(demo.fund, dt.date(2026, 4, 20)) == draft.policy_id
    policy = policy_for_fund(demo.fund, dt.date(2026, 5, 1))
    assert policy.repayment is not None and policy.repayment.grace_years == 3
    assert policy.adopted.status == "adopted" and policy.adopted.paragraph == "§ 54"
    assert load_policy(draft.policy_id) == policy
    assert AuditEvent.objects.filter(action="guideline_adopt", target_id=str(draft.pk)).exists()


def test_adoption_needs_a_paragraph_and_a_free_date(demo, admin) -> None:
    draft = services.draft_start(user=admin, fund=demo.fund, based_on="sodertalje-2013")
    kf = DecisionBody.objects.get(organisation=demo.fund.organisation, code="KF")
    with pytest.raises(CaseValidationError, match="paragraf"):
        services.version_adopt(user=admin, version=draft, body=kf, decided_on=dt.date(2026, 4, 20), paragraph=" ")
    with pytest.raises(CaseValidationError, match="redan riktlinjer"):
        services.version_adopt(user=admin, version=draft, body=kf, decided_on=dt.date(2013, 2, 25), paragraph="§ 1")
    assert GuidelineVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_a_draft_is_never_loaded_by_id(demo, admin) -> None:
    draft = services.draft_start(user=admin, fund=demo.fund, based_on="sodertalje-2013")
    with pytest.raises(PolicyError, match="okänd policy"):
        load_policy(draft.policy_id)


def test_a_new_fund_from_a_shipped_template(demo, admin) -> None:
    ks = DecisionBody.objects.get(organisation=demo.fund.organisation, code="KS")
    draft = services.fund_from_template(
        user=admin,
        organisation=demo.fund.organisation,
        template="norrkoping",
        name="Testfonden",
        slug="testfonden",
        capital=10_000_000,
        decided_by=ks,
        decided_on=dt.date(2026, 1, 15),
    )
    assert draft.fund.name == "Testfonden"
    assert draft.document["fund"]["name"] == "Testfonden"
    norrkoping = load_policy("norrkoping")
    assert len(draft.document["rules"]) == len(norrkoping.rules)
    assert [s["code"] for s in draft.document["stages"]] == list(norrkoping.stage_codes)
