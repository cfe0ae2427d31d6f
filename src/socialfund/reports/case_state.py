"""What each case's status and stage were on a given day, read from its history (audit events).

Every service that moves a case records "status:stage" in the event's `to_state`; the last
such event on or before the day is the case's state then. A case with no event by then
(registered before the system kept its history) is taken as it stands today. A decision of
kommunstyrelsen counts from its decision date, not from when it was registered: before that
date the case was still waiting for the decision.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Decision
from socialfund.funds.models import Fund


def states_on(fund: Fund, on: dt.date) -> dict[int, tuple[str, str]]:
    """initiative id -> (status, stage) at the end of `on`, for the cases with a recorded history by then."""
    end = timezone.make_aware(dt.datetime.combine(on + dt.timedelta(days=1), dt.time.min))
    events = (
        AuditEvent.objects.filter(initiative__fund=fund, occurred_at__lt=end, to_state__contains=":")
        .order_by("occurred_at", "pk")
        .values_list("initiative_id", "to_state")
    )
    states: dict[int, tuple[str, str]] = {}
    for initiative_id, to_state in events:
        status, _, stage = to_state.partition(":")
        if status and stage:
            states[initiative_id] = (status, stage)
    decisions = Decision.objects.filter(initiative__fund=fund).values_list(
        "initiative_id", "outcome", "decided_on", "initiative__stage"
    )
    for initiative_id, outcome, decided_on, stage_now in decisions:
        # The stage a decision is taken at is the case's own stage then (recorded) or now.
        stage = states.get(initiative_id, ("", stage_now))[1]
        if decided_on <= on:
            states[initiative_id] = (outcome, stage)
        elif states.get(initiative_id, ("",))[0] == outcome:
            states[initiative_id] = ("active", stage)
    return states
