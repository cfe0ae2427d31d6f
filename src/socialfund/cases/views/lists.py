"""Finding cases: the filterable list, the pipeline by stage, the to-do list and the preparation desk."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.codes import Status
from socialfund.cases.forms import FilterForm
from socialfund.cases.inbox import inbox_for
from socialfund.cases.machine import desk_holds
from socialfund.cases.models import Initiative
from socialfund.cases.permissions import visible_initiatives
from socialfund.cases.selectors import (
    CappedCount,
    InitiativeFilter,
    capped_count,
    initiative_list,
    initiative_pipeline,
)
from socialfund.cases.workflow import policy_by_id, policy_for_fund, policy_id_among, stage_name
from socialfund.core.policy import PolicyError
from socialfund.core.policy.errors import InputError
from socialfund.funds.models import Fund, PolicyVersion
from socialfund.funds.selectors import funds_visible_to
from socialfund.organisation.models import Board

PAGE_SIZE = 50
LIST_COLUMNS = (
    "title",
    "initiator_name",
    "stage",
    "status",
    "filed_on",
    "registry_number",
    "policy_id",
    "fund__id",
    "lead_board__code",
)
"""What a row of the case list shows (and its stage's name needs): a case's texts and JSON documents (its
content, answers, memo) are not read for a list of fifty, nor the fund's and the board's other columns.
Reading and decoding them was a fifth of a search's time at 100 000 cases (issue 22)."""


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """Pages over the first COUNT_CAP cases: the count stops there (`capped`), so that a page costs the
    same with 100 000 cases as with 1 000; beyond that the page asks the user to narrow the selection."""

    @cached_property
    def capped(self) -> CappedCount:
        return capped_count(cast("QuerySet[Initiative]", self.object_list))

    @cached_property
    def count(self) -> int:
        return self.capped.value


def _detail_link() -> Callable[[int], str]:
    """A case page's address from its id, reversed once rather than once per row (50 reverses were ~3 ms of
    a search at 100 000 cases, issue 22). The marker is a number no case has in its address otherwise."""
    marker = 987654321
    head, tail = reverse("cases:detail", args=[marker]).split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _funds_with_versions(user: User) -> list[Fund]:
    """The funds the user sees, each with its adopted guideline versions (`adopted_versions`): two queries
    for the stage list and the fund dropdown both, however many funds (issue 22)."""
    adopted = PolicyVersion.objects.filter(adopted_on__isnull=False)
    versions = Prefetch("policy_versions", queryset=adopted, to_attr="adopted_versions")
    return list(funds_visible_to(user=user).prefetch_related(versions))


def _stage_choices(funds: list[Fund]) -> list[tuple[str, str]]:
    """The stages of the guidelines of the funds the user sees, in process order, each once."""
    today = timezone.localdate()
    choices: dict[str, str] = {}
    for fund in funds:
        policy_id = policy_id_among(getattr(fund, "adopted_versions", []), today)
        try:
            policy = policy_by_id(policy_id) if policy_id else None
        except PolicyError:  # an id the system no longer has: its stages are not offered
            policy = None
        for code in policy.stage_codes if policy else ():
            choices.setdefault(code, stage_name(code, policy))
    return list(choices.items())


def list_filters(request: HttpRequest, user: User) -> tuple[FilterForm, InitiativeFilter]:
    """The case list's filter form from the query string, and the filter it gives (none when the form has
    errors, which the page shows). The list's export uses the same, so that it holds what the page shows."""
    funds = _funds_with_versions(user)
    form = FilterForm(request.GET or None, stages=_stage_choices(funds), funds=funds)
    # The boards of the user's own organisation, whose cases the list shows (not every municipality's).
    organisation = user.organisation_id  # the id: no query for the organisation itself
    boards = Board.objects.filter(organisation_id=organisation) if organisation else Board.objects.none()
    cast("ModelChoiceField[Board]", form.fields["board"]).queryset = boards
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
    paginator = CappedPaginator(initiative_list(user=user, filters=filters).only(*LIST_COLUMNS), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    link = _detail_link()
    for initiative in page:
        initiative.detail_url = link(initiative.pk)
    return render(
        request,
        "cases/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "total": paginator.capped},
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
    return render(request, "cases/todo.html", {"items": inbox_for(user=_user(request))})


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
        .exclude(lead_board__isnull=True)  # outside ideas reach the group once a board sponsors them
        .select_related("fund", "lead_board")
        .prefetch_related("signoffs", "assessments", "partner_boards")
        .order_by("filed_on", "pk")
    )
    rows = []
    for initiative in waiting[:200]:
        if not desk_holds(initiative, Role.PREPARATION_GROUP):
            continue
        verdict: str
        try:
            verdict = screening_for(initiative).verdict
        except (InputError, LookupError):  # no guidelines, or stored answers that do not screen
            verdict = "error"
        rows.append({"initiative": initiative, "verdict": verdict})
    return render(request, "cases/desk.html", {"rows": rows})
