"""Start page, accessibility statement and the signed-in start page per role."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from socialfund.accounts.models import User
from socialfund.accounts.roles import ROLE_DESCRIPTIONS, Role
from socialfund.cases.codes import Status
from socialfund.cases.models import Initiative
from socialfund.cases.selectors import initiative_stage_counts, initiative_status_counts
from socialfund.cases.workflow import fund_policy_if_any
from socialfund.core import casemachine
from socialfund.funds.guidelines import guideline_rows
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to
from socialfund.guidelines.status import all_versions
from socialfund.web import accessibility

# What each role is asked to look at first on its start page: (role, heading). Which cases lie on each
# role's desk comes from the fund's guidelines (socialfund.core.casemachine.desk_stages).
ROLE_QUEUES: list[tuple[Role, str | Promise]] = [
    (Role.PREPARATION_GROUP, _("väntar på beredningsgruppen")),
    (Role.CITY_DIRECTOR, _("väntar på stadsdirektörens godkännande")),
    (Role.OPINION_GIVER, _("väntar på yttranden")),
    (Role.REGISTRAR, _("väntar på kommunstyrelsens beslut")),
]


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from socialfund.actors.public_face import published_pages

        return render(request, "web/welcome.html", {"public_pages": published_pages()})
    user = request.user
    assert isinstance(user, User)
    return render(request, "web/start.html", _start_context(user))


def _start_context(user: User) -> dict[str, Any]:
    funds = []
    for fund in funds_visible_to(user=user):
        funds.append(
            {
                "fund": fund,
                "stages": initiative_stage_counts(fund=fund),
                "statuses": initiative_status_counts(fund=fund),
                "queues": _queues_for(user, fund=fund),
                "guidelines": guideline_rows(fund, timezone.localdate()),
                "guideline_versions": all_versions(fund, timezone.localdate()),
            }
        )
    own_board_initiatives: list[Initiative] = []
    if user.has_role(Role.APPLICANT) and user.board_id is not None:
        own_board_initiatives = list(
            Initiative.objects.filter(lead_board_id=user.board_id).select_related("fund").order_by("-filed_on")[:20]
        )
    return {
        "funds": funds,
        "role_descriptions": [(role, ROLE_DESCRIPTIONS[role]) for role in user.roles],
        "own_board_initiatives": own_board_initiatives,
    }


def _queues_for(user: User, *, fund: Fund) -> list[dict[str, Any]]:
    """Per role of the user, how many of the fund's active cases lie on that role's desk (one query)."""
    policy = fund_policy_if_any(fund)
    if policy is None:
        return []
    rows = (
        Initiative.objects.filter(fund=fund, status=Status.ACTIVE)
        .values("stage", has_board=Q(lead_board__isnull=False))
        .annotate(n=Count("id"))
        .order_by()
    )
    queues = []
    for role, heading in ROLE_QUEUES:
        if user.has_role(role):
            count = sum(
                row["n"]
                for row in rows
                if casemachine.on_desk(
                    policy,
                    casemachine.CaseState(stage=row["stage"], status=Status.ACTIVE, has_lead_board=row["has_board"]),
                    role,
                )
            )
            queues.append({"role": role, "count": count, "heading": heading})
    return queues


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html", {"statement": accessibility.statement()})
