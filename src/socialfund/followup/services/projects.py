"""A granted initiative becomes a project; a project is closed when its follow-up is done."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.codes import DecisionOutcome, Status
from socialfund.cases.content import application_of
from socialfund.cases.models import Decision, Initiative
from socialfund.cases.permissions import can_view
from socialfund.cases.workflow import policy_for
from socialfund.followup import conf
from socialfund.followup.codes import (
    ClosureOutcome,
    Direction,
    EffectFinding,
    IndicatorSource,
    ProjectStatus,
    ReportKind,
    ReportStatus,
    ReviewVerdict,
)
from socialfund.followup.errors import FollowupValidationError
from socialfund.followup.models import Indicator, Project, Report, ReportReview
from socialfund.followup.schedule import report_schedule
from socialfund.followup.services.common import (
    locked_project,
    project_policy,
    record,
    require,
    require_past,
    require_state,
)
from socialfund.record_language import in_record_language


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def planned_end(initiative: Initiative, decision: Decision, started_on: dt.date) -> dt.date:
    """The application's project time from the start, else the end of the last year money was granted for."""
    months = application_of(initiative).application.funding.duration_months
    if months is not None:
        return add_months(started_on, months) - dt.timedelta(days=1)
    years = [row.year for row in decision.amounts.all()]
    return dt.date(max(years), 12, 31) if years else add_months(started_on, 12) - dt.timedelta(days=1)


def project_start(
    *, initiative: Initiative, user: User, started_on: dt.date | None = None, ends_on: dt.date | None = None
) -> Project:
    """Start the follow-up of a granted initiative: the project, its report schedule and its indicators.

    The schedule comes from the reporting duties of the guidelines the case was judged
    by; the indicators from the goals the application stated (baseline and target).
    """
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update(of=("self",)).select_related("fund").get(pk=initiative.pk)
        require(
            (user.has_role(Role.REGISTRAR) or user.has_role(Role.PREPARATION_GROUP)) and can_view(user, initiative),
            _("Bara registrator eller beredningsgruppen startar uppföljningen av ett projekt."),
        )
        require_state(initiative.status == Status.GRANTED, _("Bara ett beviljat initiativ blir ett projekt."))
        decision = Decision.objects.filter(initiative=initiative, outcome=DecisionOutcome.GRANTED).first()
        require_state(decision is not None, _("Kommunstyrelsens beslut om att bevilja medel saknas."))
        assert decision is not None
        require_state(not Project.objects.filter(initiative=initiative).exists(), _("Uppföljningen är redan startad."))
        started_on = started_on or decision.decided_on
        ends_on = ends_on or planned_end(initiative, decision, started_on)
        if ends_on < started_on:
            raise FollowupValidationError(_("Projektet kan inte sluta innan det börjar."), field="ends_on")
        method = application_of(initiative).application.method
        project = Project.objects.create(
            initiative=initiative,
            started_on=started_on,
            ends_on=ends_on,
            policy_id=policy_for(initiative).id,
            method_description=(method.description if method else None) or "",
            method_documented=bool(method and method.documented),
            started_by=user,
        )
        reports = _create_reports(project)
        indicators = _create_indicators_from_goals(project, user)
        record(
            project,
            user=user,
            action="project_start",
            target=project,
            message=(
                f"Uppföljningen startar {started_on.isoformat()} (planerat slut {ends_on.isoformat()}): "
                f"{len(reports)} rapporter, {len(indicators)} indikatorer från ansökans mål."
            ),
            to_state=ProjectStatus.RUNNING,
        )
    return project


def _create_reports(project: Project) -> list[Report]:
    scheduled = report_schedule(
        project_policy(project).reporting,
        started_on=project.started_on,
        ends_on=project.ends_on,
        final_report_days=conf.final_report_days(),
    )
    return Report.objects.bulk_create(
        Report(
            project=project,
            kind=item.kind,
            title=item.title,
            due_on=item.due_on,
            duty=item.duty[:300],
            recipient=item.recipient,
        )
        for item in scheduled
    )


def _create_indicators_from_goals(project: Project, user: User) -> list[Indicator]:
    """The application's goals (indicator; baseline; target; unit) as hand-entered indicators."""
    created: list[Indicator] = []
    for goal in application_of(project.initiative).application.goals:
        name = goal.indicator.strip()[:200]
        baseline = _decimal(goal.baseline)
        if not name or baseline is None or any(i.name == name for i in created):
            continue
        target = _decimal(goal.target)
        created.append(
            Indicator.objects.create(
                project=project,
                name=name,
                unit=(goal.unit or "")[:40],
                direction=Direction.LOWER if target is not None and target < baseline else Direction.HIGHER,
                baseline_value=baseline,
                baseline_on=project.started_on,
                target_value=target,
                source=IndicatorSource.MANUAL,
                note="Från ansökans mål.",
                created_by=user,
            )
        )
    return created


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# -- closure ------------------------------------------------------------------------------------------------


def latest_evaluation(project: Project) -> ReportReview | None:
    """The latest approved review: what the evaluation shows now."""
    return (
        ReportReview.objects.filter(report__project=project, verdict=ReviewVerdict.APPROVED)
        .select_related("report", "version")
        .order_by("-reviewed_at", "-pk")
        .first()
    )


def project_close(*, project: Project, user: User, closed_on: dt.date, outcome: str, note: str = "") -> Project:
    """The preparation group closes a project whose follow-up is done.

    Done means: the final report approved (or skipped with a reason), any special
    review decided, and, for a successful project, an anchored implementation plan
    (the guidelines: "för projekt som visar framgång, en plan för implementering
    fastställas och förankras"); implemented means the board decided it.
    """
    with transaction.atomic():
        project = locked_project(project)
        require(
            user.has_role(Role.PREPARATION_GROUP) and can_view(user, project.initiative),
            _("Bara beredningsgruppen avslutar ett projekt."),
        )
        require_state(project.is_running, _("Projektet är redan avslutat."))
        if outcome not in ClosureOutcome.values:
            raise FollowupValidationError(_("Välj projektets utfall."), field="outcome")
        require_past(closed_on, "closed_on", fund=project.initiative.fund)
        if closed_on < project.started_on:
            raise FollowupValidationError(_("Projektet kan inte avslutas innan det började."), field="closed_on")
        if outcome == ClosureOutcome.NOT_IMPLEMENTED and not note.strip():
            raise FollowupValidationError(_("Beskriv varför metoden inte införs."), field="note")
        _require_follow_up_done(project, outcome)
        project.status = ProjectStatus.CLOSED
        project.closed_on = closed_on
        project.closure_outcome = outcome
        project.closure_note = note.strip()
        project.save(update_fields=["status", "closed_on", "closure_outcome", "closure_note"])
        record(
            project,
            user=user,
            action="project_close",
            target=project,
            message=f"Projektet avslutas {closed_on.isoformat()}: {in_record_language(ClosureOutcome(outcome).label).lower()}.",
            from_state=ProjectStatus.RUNNING,
            to_state=ProjectStatus.CLOSED,
        )
    return project


def _require_follow_up_done(project: Project, outcome: str) -> None:
    finals = list(project.reports.filter(kind=ReportKind.FINAL))
    require_state(
        bool(finals) and all(r.status in (ReportStatus.APPROVED, ReportStatus.SKIPPED) for r in finals),
        _("Slutrapporten är inte godkänd av beredningsgruppen ännu."),
    )
    review = getattr(project, "special_review", None)
    require_state(review is None or review.is_decided, _("Den särskilda prövningen är inte avgjord ännu."))
    plan = getattr(project, "implementation_plan", None)
    evaluation = latest_evaluation(project)
    successful = evaluation is not None and evaluation.effect_finding == EffectFinding.POSITIVE
    implementation = project_policy(project).implementation
    if successful and (implementation is None or implementation.plan_during_project is not False):
        require_state(
            plan is not None and plan.is_anchored,
            _(
                "Projektet visar framgång: en implementeringsplan ska fastställas och förankras hos kontorschef "
                "och nämnd innan projektet avslutas."
            ),
        )
    if outcome == ClosureOutcome.IMPLEMENTED:
        require_state(
            hasattr(project, "regular_operations"),
            _("Nämndens beslut om att metoden blir ordinarie verksamhet är inte registrerat."),
        )
