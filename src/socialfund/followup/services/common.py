"""What every follow-up service shares: refusals with Swedish messages, row locks, the audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.audit.services import audit_record
from socialfund.cases.content import calculation_of
from socialfund.core.calc import Calculation
from socialfund.core.policy import Policy, load_policy
from socialfund.followup.errors import FollowupPermissionDenied, FollowupStateError, FollowupValidationError
from socialfund.followup.models import Project
from socialfund.funds.dates import outside_fund_life
from socialfund.funds.models import Fund


def require(condition: bool, message: str) -> None:
    if not condition:
        raise FollowupPermissionDenied(message)


def require_state(condition: bool, message: str) -> None:
    if not condition:
        raise FollowupStateError(message)


def require_text(value: str, field: str, message: str) -> str:
    if not (value or "").strip():
        raise FollowupValidationError(message, field=field)
    return value.strip()


def require_past(day: dt.date, field: str, message: str = "", *, fund: Fund | None = None) -> None:
    """Refuse a day after today; `message` says which date (default: "Datumet kan inte ligga i framtiden.").
    With `fund`, refuse a day before the fund was decided as well."""
    if day > timezone.localdate():
        raise FollowupValidationError(message or _("Datumet kan inte ligga i framtiden."), field=field)
    if fund is not None and (problem := outside_fund_life(fund, day)):
        raise FollowupValidationError(problem, field=field)


def locked_project(project: Project) -> Project:
    """Re-read the project under a row lock, so that two steps on it cannot interleave."""
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("initiative", "initiative__fund", "initiative__fund__organisation", "initiative__lead_board")
        .get(pk=project.pk)
    )


def record(
    project: Project,
    *,
    user: User | None,
    action: str,
    target: models.Model,
    message: str,
    data: dict[str, Any] | None = None,
    from_state: str = "",
    to_state: str = "",
) -> None:
    """The audit event, tied to the project's case so it shows in the case's activity log."""
    audit_record(
        actor=user,
        action=action,
        target=target,
        initiative=project.initiative,
        message=message,
        data=data,
        from_state=from_state,
        to_state=to_state,
    )


@lru_cache(maxsize=32)
def _load_policy(policy_id: str) -> Policy:
    """Shipped policies are immutable data; load each once per process."""
    return load_policy(policy_id)


def project_policy(project: Project) -> Policy:
    """The guidelines the project was granted under (kept on the project when it started)."""
    return _load_policy(project.policy_id)


_read_calculations: ContextVar[dict[int, Calculation | None] | None] = ContextVar("read_calculations", default=None)


@contextmanager
def calculations_read_once() -> Iterator[None]:
    """Within this block each project's calculation is read once (by project id), however many figures ask
    for it: a report over many projects reads, and does not change, them. The April report's projects each
    read theirs twice or three times, the application and its calculation parsed every time (issue 22)."""
    token = _read_calculations.set({})
    try:
        yield
    finally:
        _read_calculations.reset(token)


def project_calculation(project: Project) -> Calculation | None:
    """The socioeconomic calculation of the application, or None when the case has none."""
    read = _read_calculations.get()
    if read is not None and project.pk in read:
        return read[project.pk]
    calc = calculation_of(project.initiative)
    if read is not None:
        read[project.pk] = calc
    return calc
