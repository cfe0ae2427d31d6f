"""Every shipped policy walks end to end: a case from idea to decision (and on to its project), with the roles
the policy names, through the services and through the API's two action endpoints. Adding a policy file
adds its walks."""

from __future__ import annotations

import pytest
from django.utils import timezone

from socialfund.audit.models import AuditEvent
from socialfund.core import casemachine
from socialfund.core.policy.registry import shipped_policy_ids
from socialfund.demo.sandbox import sandbox_load
from socialfund.followup.models import Project
from tests.walks.drivers import ApiDriver, ServiceDriver
from tests.walks.walker import Walk, walk_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_walk_day(monkeypatch):
    """Run the walk on a day the fund takes applications (Örebro closed in 2023, Skåne's round was 2018)."""

    def _set(policy):
        day = walk_date(policy, timezone.localdate())
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return day

    return _set


@pytest.mark.parametrize("driver_kind", ["services", "api"])
@pytest.mark.parametrize("policy_id", shipped_policy_ids())
def test_a_case_walks_from_idea_to_decision(policy_id, driver_kind, on_walk_day):
    sandbox = sandbox_load(policy_id)
    day = on_walk_day(sandbox.policy)
    driver = ServiceDriver() if driver_kind == "services" else ApiDriver()
    walk = Walk(sandbox=sandbox, driver=driver, on=day)
    case = walk.run()

    assert case.status == "granted"
    assert case.stage == sandbox.policy.stages[-1].code
    # Every stage of the policy was passed through, in order.
    moved_from = [
        stage for _, code, stage in walk.steps if casemachine.ACTIONS.get(code, casemachine.ACTIONS["submit"]).moves
    ]
    assert [s for s in sandbox.policy.stage_codes if s in moved_from] == list(sandbox.policy.stage_codes[:-1])
    # The role acting at each stage is the one the policy names for it.
    for role, code, stage in walk.steps:
        if code in {"submit", "prepare", "approve", "opinions_complete", "stage_decision", "decide"} and stage:
            assert role == casemachine.acting_role(sandbox.policy, stage), (role, code, stage)
    # The audit trail: created, each move by the acting user, the decision last.
    events = list(AuditEvent.objects.filter(initiative=case).order_by("occurred_at", "pk").select_related("actor"))
    actions = [event.action for event in events]
    assert actions[0] == "initiative_create" and "decision_register" in actions
    assert actions.index("decision_register") > max(i for i, a in enumerate(actions) if a == "initiative_submit")
    decision = next(event for event in events if event.action == "decision_register")
    assert decision.actor == sandbox.users["registrar"] and decision.to_state.startswith("granted:")
    for event in events:
        assert event.actor is not None and event.actor.organisation_id == sandbox.organisation.pk
    # A grant starts the project's follow-up.
    assert Project.objects.filter(initiative=case).exists()
