"""The application read-only and printable, for everyone who may read the case."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from socialfund.accounts.models import User
from socialfund.cases.calc.application import application_answers
from socialfund.cases.calc.display import saved_calculation
from socialfund.cases.views.case import _visible_case
from socialfund.cases.workflow import policy_for


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_GET
def application_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Every step's answers, the calculation's tables, chart and repayment plan: nothing to edit, all to judge."""
    initiative = _visible_case(_user(request), pk)
    saved = saved_calculation(initiative)
    context = {
        "initiative": initiative,
        "policy": policy_for(initiative),
        "steps": application_answers(initiative),
        "saved": saved,
        "state": saved.state,
        "chart": saved.chart,
        "names": saved.names,
    }
    return render(request, "cases/application_read.html", context)
