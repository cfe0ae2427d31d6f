"""Finance's page for the hand-over to the municipality's ledger (SIE 4i): what is pending, what went, the files."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from socialfund.accounts.roles import Role
from socialfund.kit.step_form import Failed, take_step
from socialfund.ledger import services
from socialfund.ledger.export import Period
from socialfund.ledger.forms import HandoverForm
from socialfund.ledger.models import Handover
from socialfund.ledger.services.handover import handover_pending
from socialfund.ledger.views.common import viewer, visible_fund


@login_required
@require_http_methods(["GET", "POST"])
def handover_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = viewer(request)
    if not user.has_role(Role.FINANCE):
        return render(request, "cases/forbidden.html", status=403)
    fund = visible_fund(user, slug)
    today = timezone.localdate()
    initial = {"start": dt.date(today.year, 1, 1), "end": today}
    # A GET with a period previews what would go over; a POST hands it over.
    data = request.POST if request.method == "POST" else (request.GET if "start" in request.GET else None)
    form = HandoverForm(data, fund=fund, initial=initial)

    def page(failed: Failed | None = None) -> HttpResponse:
        period = Period(initial["start"], initial["end"])
        if form.is_bound and form.is_valid():
            period = Period(form.cleaned_data["start"], form.cleaned_data["end"])
        context = {
            "fund": fund,
            "form": form,
            "period": period,
            "pending": handover_pending(fund, period),
            "handovers": Handover.objects.filter(fund=fund).select_related("created_by").order_by("-number"),
        }
        return render(request, "ledger/handover.html", context, status=400 if form.errors else 200)

    if request.method != "POST":
        return page()
    return take_step(
        request,
        form,
        lambda form: services.handover_create(
            fund=fund, user=user, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
        ),
        said=lambda handover: (
            _("Överlämning %(number)s: %(count)s verifikationer. Ladda ned filen och läs in den i redovisningen.")
            % {"number": handover.number, "count": handover.voucher_count}
        ),
        done=lambda _handover: redirect("ledger:handover", slug=fund.slug),
        again=page,
        unplaced="form",
    )


@login_required
@require_GET
def handover_file_view(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    user = viewer(request)
    if not user.has_role(Role.FINANCE):
        return render(request, "cases/forbidden.html", status=403)
    fund = visible_fund(user, slug)
    handover = Handover.objects.filter(fund=fund, number=number).first()
    if handover is None:
        raise Http404
    response = HttpResponse(bytes(handover.content), content_type="text/plain; charset=IBM437")
    response["Content-Disposition"] = f'attachment; filename="{handover.filename}"'
    return response
