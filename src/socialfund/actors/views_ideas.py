"""The outside actor's idea: the form with its receipt, and the private status page (no account)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from socialfund.accounts.models import User
from socialfund.actors import receipts
from socialfund.actors.forms import AnswerForm, IdeaForm, StaffMessageForm
from socialfund.actors.progress import idea_holder, idea_whereabouts
from socialfund.actors.staff_access import may_write_to_actor
from socialfund.cases.errors import CaseError
from socialfund.cases.models import Initiative


def _private(response: HttpResponse) -> HttpResponse:
    """A page behind a secret link: not cached, not indexed, and its address never sent to another site as a
    referrer. "same-origin", not "no-referrer": with no referrer the browser posts the answer form with
    `Origin: null`, which the CSRF check rightly refuses (the browser journey found it)."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_http_methods(["GET", "POST"])
def idea_form_view(request: HttpRequest) -> HttpResponse:
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = receipts.idea_receive(
                fund=data["fund"],
                title=data["title"],
                summary=data["summary"],
                organisation_name=data["organisation_name"],
                organisation_type=data["organisation_type"],
                organisation_number=data["organisation_number"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                area_board=data["area_board"],
            )
        except CaseError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            context = {"initiative": receipt.initiative, "status_path": receipts.status_path(receipt.token)}
            return _private(render(request, "cases/idea_thanks.html", context))
    return render(request, "cases/idea_form.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def idea_status_view(request: HttpRequest, token: str) -> HttpResponse:
    follow = receipts.follow_for_token(token)
    if follow is None:
        raise Http404
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            receipts.actor_answer(follow=follow, text=form.cleaned_data["text"])
        except CaseError as error:
            form.add_error("text" if error.field == "text" else None, error.message)
        else:
            return _private(redirect(request.path + "?svar=skickat#meddelanden"))
    initiative = follow.initiative
    context = {
        "initiative": initiative,
        "whereabouts": idea_whereabouts(initiative),
        "holder": idea_holder(initiative),
        "messages_with_fund": initiative.actor_messages.all(),
        "form": form,
        "answered": request.GET.get("svar") == "skickat" and not form.errors,
    }
    return _private(render(request, "actors/idea_status.html", context, status=400 if form.errors else 200))


@login_required
@require_http_methods(["GET", "POST"])
def staff_dialog_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff's side of the conversation with an outside actor about an idea."""
    user = request.user
    assert isinstance(user, User)
    initiative = get_object_or_404(Initiative.objects.select_related("fund", "area_board", "lead_board"), pk=pk)
    if not may_write_to_actor(user, initiative):
        raise Http404
    form = StaffMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            receipts.staff_message(initiative=initiative, user=user, text=form.cleaned_data["text"])
        except CaseError as error:
            form.add_error("text" if error.field == "text" else None, error.message)
        else:
            return redirect(request.path + "?skickat=1")
    context = {
        "initiative": initiative,
        "messages_with_actor": initiative.actor_messages.select_related("author"),
        "form": form,
        "sent": request.GET.get("skickat") == "1" and not form.errors,
    }
    return render(request, "actors/staff_dialog.html", context, status=400 if form.errors else 200)
