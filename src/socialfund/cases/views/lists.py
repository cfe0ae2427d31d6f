"""Finding cases: the filterable list, the pipeline by stage, the to-do list and the preparation desk."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.codes import DEFAULT_STAGE_ORDER, Status
from socialfund.cases.forms import FilterForm
from socialfund.cases.permissions import visible_initiatives
from socialfund.cases.selectors import InitiativeFilter, initiative_list, initiative_pipeline, todo_for
from socialfund.cases.workflow import policy_for_fund
from socialfund.core.policy.errors import InputError
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def list_filters(request: HttpRequest, user: User) -> tuple[FilterForm, InitiativeFilter]:
    """The case list's filter form from the query string, and the filter it gives (none when the form has
    errors, which the page shows). The list's export uses the same, so that it holds what the page shows."""
    form = FilterForm(request.GET or None, stages=DEFAULT_STAGE_ORDER)
    cast("ModelChoiceField[Fund]", form.fields["fund"]).queryset = funds_visible_to(user=user)
    if not form.is_valid():
        return form, InitiativeFilter()
    data = form.cleaned_data
    return form, InitiativeFilter(
        fund_id=data["fund"].pk if data.get("fund") else None,
        stage=data.get("stage") or "",
        status=data.get("status") or "",
        board_id=data["board"].pk if data.get("board") else None,
        year=data.get("year"),
        query=data.get("q") or "",
    )


@login_required
@require_GET
def initiative_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form, filters = list_filters(request, user)
    page = Paginator(initiative_list(user=user, filters=filters), PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "cases/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "total": page.paginator.count},
    )


@login_required
@require_GET
def pipeline_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    funds = list(funds_visible_to(user=user))
    fund = next((f for f in funds if str(f.pk) == request.GET.get("fond")), funds[0] if funds else None)
    columns = []
    if fund is not None:
        policy = policy_for_fund(fund)
        columns = initiative_pipeline(user=user, fund=fund, stage_order=list(policy.stage_codes))
    return render(request, "cases/pipeline.html", {"funds": funds, "fund": fund, "columns": columns})


@login_required
@require_GET
def todo_view(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/todo.html", {"items": todo_for(user=_user(request))})


@login_required
@require_GET
def preparation_desk_view(request: HttpRequest) -> HttpResponse:
    """The preparation group's queue: what waits for screening, with each case's verdict."""
    from socialfund.cases.screening import screening_for

    user = _user(request)
    if not user.has_role(Role.PREPARATION_GROUP):
        return render(request, "cases/forbidden.html", status=403)
    waiting = (
        visible_initiatives(user)
        .filter(status=Status.ACTIVE)
        .select_related("fund", "lead_board")
        .prefetch_related("signoffs", "assessments", "partner_boards")
        .order_by("filed_on", "pk")
    )
    rows = []
    for initiative in waiting[:200]:
        if initiative.stage in ("director_approval", "opinions", "decision"):
            continue
        verdict: str
        try:
            verdict = screening_for(initiative).verdict
        except (InputError, LookupError):  # no guidelines, or stored answers that do not screen
            verdict = "error"
        rows.append({"initiative": initiative, "verdict": verdict})
    return render(request, "cases/desk.html", {"rows": rows})
