"""Co-applicants: the staff's page of an application's parties, and the outside representative's pages
(reached only after an e-legitimation login; a representative is not a user of the staff pages)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialfund.accounts.models import User
from socialfund.actors import coapplicants, eleg
from socialfund.actors.forms import InviteForm, PartyCommentForm
from socialfund.actors.models import CoApplicant, PartyVisibility, Representative
from socialfund.actors.staff_access import heads_board
from socialfund.cases.errors import CaseError
from socialfund.cases.models import Initiative
from socialfund.organisation.models import Board


def _initiative(pk: int) -> Initiative:
    return get_object_or_404(Initiative.objects.select_related("fund", "lead_board"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def coapplicants_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    initiative = _initiative(pk)
    if not coapplicants.may_see(user, initiative):
        raise Http404
    manages = coapplicants.may_manage(user, initiative)
    boards = Board.objects.filter(organisation_id=initiative.fund.organisation_id).exclude(
        pk=initiative.lead_board_id or 0
    )
    invite_form = InviteForm(request.POST if request.POST.get("do") == "invite" else None, boards=boards)
    comment_form = PartyCommentForm(
        request.POST if request.POST.get("do") == "comment" else None,
        initial={"visibility": PartyVisibility.STAFF},
        prefix="comment",
    )
    if request.method == "POST":
        action = request.POST.get("do", "")
        try:
            if action == "invite" and invite_form.is_valid():
                data = invite_form.cleaned_data
                if data.get("board") is not None:
                    coapplicants.invite_board(initiative=initiative, user=user, board=data["board"])
                else:
                    coapplicants.invite_organisation(
                        initiative=initiative,
                        user=user,
                        number=data["organisation_number"],
                        name=data["organisation_name"],
                        email=data["invite_email"],
                    )
                return redirect(request.path + "?klart=inbjuden")
            if action == "comment" and comment_form.is_valid():
                coapplicants.comment_add(initiative=initiative, user=user, **comment_form.cleaned_data)
                return redirect(request.path + "?klart=kommentar#kommentarer")
            if action.startswith("sign-"):
                party = get_object_or_404(CoApplicant, pk=int(action[5:] or 0), initiative=initiative)
                coapplicants.sign_for_board(party=party, user=user)
                return redirect(request.path + "?klart=underskriven")
        except (CaseError, ValueError) as error:
            form = invite_form if action == "invite" else comment_form
            form.add_error(None, getattr(error, "message", str(error)))
    parties = list(initiative.coapplicants.select_related("board", "organisation"))
    context: dict[str, Any] = {
        "initiative": initiative,
        "parties": [(party, party.board is not None and heads_board(user, party.board)) for party in parties],
        "manages": manages,
        "invite_form": invite_form,
        "comment_form": comment_form,
        "comments": coapplicants.comments_for_staff(initiative),
        "done": request.GET.get("klart", ""),
    }
    invalid = invite_form.errors or comment_form.errors
    return render(request, "actors/coapplicants.html", context, status=400 if invalid else 200)


# --- The outside representative ---------------------------------------------------------------------------


def _representative_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        representative = eleg.current_representative(request)
        if representative is None:
            return redirect(f"{reverse('actors:eleg-login')}?next={request.path}")
        return view(request, representative, *args, **kwargs)

    return wrapped


def _safe_next(request: HttpRequest) -> str:
    next_path = request.GET.get("next") or ""
    return next_path if url_has_allowed_host_and_scheme(next_path, allowed_hosts={request.get_host()}) else ""


@require_GET
def eleg_login_view(request: HttpRequest) -> HttpResponse:
    """The representative's door: a page that explains, and a link that goes to the e-legitimation."""
    return render(request, "actors/eleg_login.html", {"configured": eleg.configured(), "next": _safe_next(request)})


@require_GET
def eleg_start_view(request: HttpRequest) -> HttpResponse:
    """Off to the broker. A link (GET), not a form: the site's Content-Security-Policy allows forms to post
    only to the site itself, and a browser applies that to the redirect after a form, too."""
    if not eleg.configured():
        raise Http404
    redirect_uri = request.build_absolute_uri(reverse("actors:eleg-callback"))
    return redirect(eleg.authorization_url(request, redirect_uri=redirect_uri, next_path=_safe_next(request)))


def eleg_callback_view(request: HttpRequest) -> HttpResponse:
    if request.GET.get("error"):
        return render(request, "actors/eleg_login.html", _failed(request, "cancelled"), status=400)
    try:
        eleg.representative_login(request, code=request.GET.get("code", ""), state=request.GET.get("state", ""))
    except eleg.ElegError as error:
        return render(request, "actors/eleg_login.html", _failed(request, error.message), status=400)
    next_path = request.session.pop("actors_eleg_next", "") or reverse("actors:representative-home")
    return redirect(next_path)


def _failed(request: HttpRequest, message: str) -> dict[str, Any]:
    from django.utils.translation import gettext as _

    if message == "cancelled":
        message = _("Inloggningen avbröts. Försök igen när du vill.")
    return {"configured": eleg.configured(), "next": "", "error": message}


@require_POST
def eleg_logout_view(request: HttpRequest) -> HttpResponse:
    eleg.representative_logout(request)
    return redirect("start")


@_representative_required
def representative_home_view(request: HttpRequest, representative: Representative) -> HttpResponse:
    parties = CoApplicant.objects.filter(organisation_id=representative.organisation_id).select_related(
        "initiative__lead_board", "initiative__fund"
    )
    return render(request, "actors/representative_home.html", {"representative": representative, "parties": parties})


@_representative_required
@require_http_methods(["GET", "POST"])
def representative_application_view(request: HttpRequest, representative: Representative, pk: int) -> HttpResponse:
    """What a co-applicant may see: the application's name, summary, lead board, stage and parties, and the
    comments for all parties; never the staff's comments, screening or attachments."""
    party = get_object_or_404(
        CoApplicant.objects.select_related("initiative__lead_board", "initiative__fund"),
        pk=pk,
        organisation_id=representative.organisation_id,
    )
    initiative = party.initiative
    comment_form = PartyCommentForm(
        request.POST if request.POST.get("do") == "comment" else None,
        initial={"visibility": PartyVisibility.ALL_PARTIES},
        prefix="comment",
    )
    del comment_form.fields["visibility"]
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("do") == "sign":
                coapplicants.sign_for_organisation(party=party, representative=representative)
                return redirect(request.path + "?klart=underskriven")
            if request.POST.get("do") == "comment" and comment_form.is_valid():
                coapplicants.comment_add(
                    initiative=initiative,
                    text=comment_form.cleaned_data["text"],
                    visibility=PartyVisibility.ALL_PARTIES,
                    representative=representative,
                )
                return redirect(request.path + "?klart=kommentar#kommentarer")
        except CaseError as failure:
            error = failure.message
    context = {
        "representative": representative,
        "party": party,
        "initiative": initiative,
        "parties": initiative.coapplicants.select_related("board", "organisation"),
        "comments": coapplicants.comments_for_parties(initiative),
        "comment_form": comment_form,
        "error": error,
        "done": request.GET.get("klart", ""),
    }
    status = 400 if (error or comment_form.errors) else 200
    return render(request, "actors/representative_application.html", context, status=status)
