"""The outside actor's door: register an idea without logging in, and learn that a board must carry it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from socialfund.cases import services
from socialfund.cases.forms import ExternalIdeaForm
from socialfund.kit.refusals import Refusal
from socialfund.kit.web_refusals import show_refusal


@require_http_methods(["GET", "POST"])
def external_idea_view(request: HttpRequest) -> HttpResponse:
    form = ExternalIdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            initiative = services.idea_register_external(
                fund=data["fund"],
                title=data["title"],
                summary=data["summary"],
                organisation_name=data["organisation_name"],
                organisation_type=data["organisation_type"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                area_board=data["area_board"],
            )
        except Refusal as error:
            show_refusal(form, error)
        else:
            return render(request, "cases/idea_thanks.html", {"initiative": initiative})
    return render(request, "cases/idea_form.html", {"form": form}, status=400 if form.errors else 200)
