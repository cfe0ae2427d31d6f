"""Will the fund survive? The projection page: "med återföring" beside "utan återföring".

Bounded so that a page stays quick: at most 30 years and 2 000 runs (the command line
does more). The chart is SVG made here, with the same numbers in tables.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from socialfund.core.projection import Outcomes, Pipeline, ProjectionInputError, project
from socialfund.ledger.charts import band_chart
from socialfund.ledger.forms import ProjectionForm
from socialfund.ledger.projection import projection_input, scenarios
from socialfund.ledger.views.common import viewer, visible_fund

SEED = 1


@login_required
@require_GET
def projection_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = viewer(request)
    fund = visible_fund(user, slug)
    form = ProjectionForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {n: f.initial for n, f in form.fields.items()}
    base = projection_input(
        fund,
        today=timezone.localdate(),
        years=values["years"],
        pipeline=Pipeline(
            projects_per_year=values["projects_per_year"],
            size_low=values["size_low"],
            size_mode=values["size_mode"],
            size_high=values["size_high"],
        ),
        outcomes=Outcomes(repay_probability=values["repay_probability"], waiver_rate=values["waiver_rate"]),
    )
    results = []
    error = ""
    try:
        # The scenarios' names are marked with gettext_noop where they are made (Swedish in the April report).
        results = [(_(name), project(data, runs=values["runs"], seed=SEED)) for name, data in scenarios(base)]
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
        "chart": mark_safe(chart) if results else "",  # noqa: S308 - built by band_chart, every text escaped
    }
    return render(request, "ledger/projection.html", context)
