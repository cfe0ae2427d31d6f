"""Will the fund survive? The projection page: "med återföring" beside "utan återföring".

Bounded so that a page stays quick: at most 30 years and 2 000 runs (the command line
does more). The chart is SVG made here, with the same numbers in tables.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from socialfund.accounts.roles import Role
from socialfund.core.projection import ProjectionInputError
from socialfund.ledger.charts import band_chart
from socialfund.ledger.forecast import ForecastAssumptions, assumptions_of, assumptions_save, fund_forecast
from socialfund.ledger.forms import ProjectionForm
from socialfund.ledger.projection import projection_input
from socialfund.ledger.views.common import viewer, visible_fund


def may_set_assumptions(user: object) -> bool:
    """The fund's finance officer and administrator set the assumptions the report uses."""
    return any(user.has_role(role) for role in (Role.FINANCE, Role.ADMINISTRATOR))  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def projection_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = viewer(request)
    fund = visible_fund(user, slug)
    saved = assumptions_of(fund)
    may_save = may_set_assumptions(user)
    if request.method == "POST":
        if not may_save:
            raise Http404
        form = ProjectionForm(request.POST, initial=saved.as_dict())
        if form.is_valid():
            assumptions_save(fund, form.cleaned_data)
            messages.success(request, _("Antagandena är sparade som fondens. Uppföljningen räknar med dem."))
            return redirect("ledger:projection", slug=fund.slug)
    else:
        form = ProjectionForm(request.GET or None, initial=saved.as_dict())
    values = form.cleaned_data if form.is_bound and form.is_valid() else saved.as_dict()
    assumptions = ForecastAssumptions(**{k: values[k] for k in saved.as_dict()})
    base = projection_input(fund, today=timezone.localdate(), years=assumptions.years)
    results = []
    error = ""
    try:
        # The one forecast the April report shows too (ledger.forecast); names translated here.
        results = [(_(name), r) for name, r in fund_forecast(fund, on=timezone.localdate(), assumptions=assumptions)]
    except ProjectionInputError as exc:
        error = str(exc)
    rows = [
        {"year": year, "cells": [(r.p10[i], r.p50[i], r.p90[i], r.dry_by(year)) for _name, r in results]}
        for i, year in enumerate(results[0][1].years if results else [])
    ]
    title = _("%(fund)s: disponibla medel, P10–P90 och P50") % {"fund": fund.name}
    chart = band_chart(results, title=title, chart_id="prognos")
    context = {
        "fund": fund,
        "form": form,
        "base": base,
        "results": results,
        "rows": rows,
        "error": error,
        "may_save": may_save,
        "is_fund_assumptions": assumptions == saved,
        "chart": mark_safe(chart) if results else "",  # noqa: S308 - built by band_chart, every text escaped
    }
    return render(request, "ledger/projection.html", context)
