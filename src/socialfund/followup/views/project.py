"""The project page (indicators, reports, savings against forecast, repayment, deadline, special review,
implementation), its steps as POSTs to services, and the portfolio across projects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.core.kolada import SOURCE_LABEL, KoladaError
from socialfund.followup import forms as ff
from socialfund.followup import selectors, services
from socialfund.followup.codes import IndicatorSource, SpecialReviewStatus
from socialfund.followup.models import Project
from socialfund.followup.outcome_selectors import outcome_section
from socialfund.followup.permissions import can_view_project, records_measurements
from socialfund.followup.privacy import AGGREGATES_ONLY
from socialfund.followup.views.project_actions import PROJECT_ACTIONS, PROJECT_ACTIONS_BY_CODE
from socialfund.kit.step_form import Failed, Step, post_step, shown_steps, take_step


def signed_in_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def visible_project(user: User, pk: int) -> Project:
    """The project, or 404 for one the user may not see (a guessed URL learns nothing)."""
    try:
        project = selectors.project_for_page(project_id=pk)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    if not can_view_project(user, project):
        raise Http404
    return project


def _portfolio(
    request: HttpRequest,
    user: User,
    *,
    failed: tuple[int, forms.BaseForm] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    # Only those who may start a follow-up see the buttons (the service checks again).
    starts = (
        [
            (i, failed[1] if failed and failed[0] == i.pk else ff.StartForm(prefix=f"start-{i.pk}"))
            for i in selectors.initiatives_to_start(user=user)
        ]
        if user.has_role(Role.REGISTRAR) or user.has_role(Role.PREPARATION_GROUP)
        else []
    )
    context = {
        "rows": selectors.portfolio(user=user, today=today),
        "starts": starts,
        "start_error": error,
        "failed_initiative": failed[0] if failed else None,
        "today": today,
    }
    return render(request, "followup/portfolio.html", context, status=status)


@login_required
@require_GET
def portfolio_view(request: HttpRequest) -> HttpResponse:
    return _portfolio(request, signed_in_user(request))


@login_required
@require_POST
def project_start_view(request: HttpRequest, initiative_id: int) -> HttpResponse:
    user = signed_in_user(request)
    initiative = get_object_or_404(selectors.initiatives_to_start(user=user), pk=initiative_id)
    return take_step(
        request,
        ff.StartForm(request.POST, prefix=f"start-{initiative.pk}"),
        lambda form: services.project_start(
            initiative=initiative,
            user=user,
            started_on=form.cleaned_data["started_on"],
            ends_on=form.cleaned_data["ends_on"],
        ),
        done=lambda project: redirect("followup:project", pk=project.pk),
        again=lambda failed: _portfolio(
            request, user, failed=(initiative.pk, failed.form), error=failed.error, status=failed.status
        ),
    )


def _page(request: HttpRequest, project: Project, failed: Failed | None = None, status: int = 200) -> HttpResponse:
    user = signed_in_user(request)
    page = selectors.project_page(project)
    context: dict[str, Any] = {
        "page": page,
        "project": project,
        "initiative": project.initiative,
        "actions": shown_steps(PROJECT_ACTIONS, user, project, failed),
        "failed_action": failed.code if failed else "",
        "action_error": failed.error if failed else "",
        "special_review": getattr(project, "special_review", None),
        "plan": getattr(project, "implementation_plan", None),
        "regular_operations": getattr(project, "regular_operations", None),
        "source_label": SOURCE_LABEL,
        "outcome_section": outcome_section(project),
        "aggregates_only": AGGREGATES_ONLY,
        "today": timezone.localdate(),
        "review_statuses": SpecialReviewStatus,
        "kolada": IndicatorSource.KOLADA,
        "may_change_indicators": project.is_running and records_measurements(user, project),
    }
    return render(request, "followup/project.html", context, status=status)


@login_required
@require_GET
def project_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, visible_project(signed_in_user(request), pk))


@login_required
@require_POST
def project_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = signed_in_user(request)
    project = visible_project(user, pk)
    step: Step[Project] | None = PROJECT_ACTIONS_BY_CODE.get(action)
    try:
        return post_step(
            request,
            user=user,
            target=project,
            step=step,
            page=lambda failed, status: _page(request, visible_project(user, pk), failed, status),
            done=lambda: redirect("followup:project", pk=project.pk),
        )
    except KoladaError as error:
        # Kolada refused or answered garbage: say so on the page, nothing was stored.
        assert step is not None
        form: forms.Form = step.form(project, request.POST)
        form.is_valid()
        return _page(request, project, Failed(step.code, form, error.message), 502)
