"""The seed's cases' dated steps, as the case's own history (its audit events).

A report for an earlier year shows each case as it stood then (`reports.case_state`), read
from these events; without them every report would show today's statuses (issue 19: the
2013 report counted 3 ongoing where the seed's first-year summary says 4). Written once per
case: loading the demo again finds the events and writes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Initiative
from socialfund.demo.sodertalje import DemoInitiative

ACTION = "record_history"


def load_history(initiative: Initiative, spec: DemoInitiative, recorder: User) -> None:
    if AuditEvent.objects.filter(initiative=initiative, action=ACTION).exists():
        return
    before = ""
    for on, status, stage, message in spec.history:
        state = f"{status}:{stage}"
        AuditEvent.objects.create(
            occurred_at=timezone.make_aware(dt.datetime.combine(on, dt.time(12, 0))),
            actor=recorder,
            action=ACTION,
            target_type=initiative._meta.label_lower,
            target_id=str(initiative.pk),
            initiative=initiative,
            from_state=before,
            to_state=state,
            message=message,
        )
        before = state
