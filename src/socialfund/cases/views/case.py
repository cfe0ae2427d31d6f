"""One case: its page, the plain application form, and every step as a POST to a service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases import flow_forms, flow_services, machine, outside_ideas, registry, services
from socialfund.cases import forms as case_forms
from socialfund.cases.attachments import attachment_add
from socialfund.cases.codes import CommentVisibility, Status, WithdrawalReason
from socialfund.cases.content import application_of
from socialfund.cases.file_sniffing import CONTENT_TYPES, download_name
from socialfund.cases.models import Attachment, Initiative
from socialfund.cases.permissions import acts_for_board, can_view, sees_internal_comments
from socialfund.cases.screening import screening_for
from socialfund.cases.selectors import initiative_activity, initiative_detail
from socialfund.cases.workflow import (
    current_stage,
    entry_stages,
    initiative_acting_role,
    memo_applies,
    policy_for,
    policy_for_fund,
    stage_name,
)
from socialfund.core.policy.errors import InputError
from socialfund.funds.selectors import funds_visible_to
from socialfund.kit.step_form import Failed, Step, post_step, shown_steps, take_step
from socialfund.organisation.models import Board, DecisionBody


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _visible_case(user: User, pk: int) -> Initiative:
    """The case, or 404 for one the user may not see (a guessed URL learns nothing)."""
    try:
        initiative = initiative_detail(initiative_id=pk)
    except Initiative.DoesNotExist as exc:
        raise Http404 from exc
    if not can_view(user, initiative):
        raise Http404
    return initiative


# -- starting an application ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def initiative_new_view(request: HttpRequest) -> HttpResponse:
    """Name the idea and choose its stage; the guided steps take it from there."""
    from socialfund.cases.guided.steps import steps_for

    user = _user(request)
    if not user.has_role(Role.APPLICANT):
        return render(request, "cases/forbidden.html", status=403)
    fund = funds_visible_to(user=user).first()
    policy = policy_for_fund(fund) if fund else None
    stages = [(code, stage_name(code, policy)) for code in entry_stages(policy)] if policy else []
    form = case_forms.StartForm(request.POST or None, stages=stages)

    def page(failed: Failed | None = None) -> HttpResponse:
        context = {"form": form, "initiative": None}
        return render(request, "cases/form.html", context, status=400 if form.errors else 200)

    if request.method != "POST" or fund is None:
        return page()
    return take_step(
        request,
        form,
        lambda form: services.initiative_create(
            fund=fund,
            user=user,
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
            stage=form.cleaned_data["stage"],
        ),
        said=lambda _initiative: gettext(
            "Utkastet är skapat. Fyll i stegen; allt sparas som utkast tills du lämnar in."
        ),
        done=lambda initiative: redirect(
            "cases:guided", pk=initiative.pk, step_code=steps_for(initiative.stage, policy_for(initiative))[0].code
        ),
        again=page,
        unplaced="form",
    )


@login_required
@require_GET
def initiative_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Editing goes through the guided steps."""
    from socialfund.cases.guided.steps import steps_for

    initiative = _visible_case(_user(request), pk)
    return redirect(
        "cases:guided", pk=initiative.pk, step_code=steps_for(initiative.stage, policy_for(initiative))[0].code
    )


# -- the case page ----------------------------------------------------------------------------------


def submit_title(initiative: Initiative) -> str:
    """What handing in does here, in so many words: the same action files a draft and hands on a filed stage."""
    policy = policy_for(initiative)
    stage = stage_name(initiative.stage, policy)
    following = policy.next_stage(initiative.stage) if initiative.stage in policy.stage_codes else None
    if initiative.status == Status.DRAFT or following is None:
        return gettext("Lämna in: %(stage)s") % {"stage": stage.lower()}
    return gettext("Lämna in: %(stage)s – vidare till %(next)s") % {
        "stage": stage.lower(),
        "next": stage_name(following.code, policy).lower(),
    }


def _offered(code: str) -> Callable[[User, Initiative], bool]:
    """Offered when the case machine offers the action to this user now (the service checks again)."""
    return lambda user, initiative: machine.may(user, initiative, code)


def _rules(initiative: Initiative, *, human_only: bool = False) -> list[tuple[str, str]]:
    policy = policy_for(initiative)
    return [
        (rule.id, f"{rule.display_title} ({rule.id})")
        for rule in policy.rules
        if not human_only or rule.check == "human"
    ]


def _stage_actor(initiative: Initiative) -> str | None:
    """The role that acts on the case now (applicant, preparation_group, …, registrar for the decision)."""
    return initiative_acting_role(initiative)


def _active(initiative: Initiative) -> bool:
    return initiative.status == Status.ACTIVE


def _opinion_form(initiative: Initiative, data: Any) -> forms.Form:
    org = initiative.fund.organisation_id
    return case_forms.OpinionForm(
        data,
        bodies=DecisionBody.objects.filter(organisation_id=org, kind="committee"),
        boards=Board.objects.filter(organisation_id=org),
        prefix="opinion",
    )


def _run_opinion(initiative: Initiative, user: User, form: Any) -> str:
    body, board = form.giver_objects()
    data = form.cleaned_data
    services.opinion_register(
        initiative=initiative,
        user=user,
        position=data["position"],
        decided_on=data["decided_on"],
        summary=data["summary"],
        paragraph=data["paragraph"],
        body=body,
        board=board,
    )
    return gettext("Yttrandet är registrerat.")


def _run_decision(initiative: Initiative, user: User, form: Any) -> str:
    data = form.cleaned_data
    ks = DecisionBody.objects.get(organisation_id=initiative.fund.organisation_id, kind="executive")
    services.decision_register(
        initiative=initiative,
        user=user,
        body=ks,
        decided_on=data["decided_on"],
        paragraph=data["paragraph"],
        outcome=data["outcome"],
        text=data["text"],
        conditions=data["conditions"],
        amounts=data["amounts"],
        exception_reason=data.get("exception_reason", ""),
    )
    return gettext("Beslutet är registrerat.")


def _decision_form(initiative: Initiative, data: Any) -> forms.Form:
    from socialfund.cases.repayment_exceptions import repayment_departure

    departure = repayment_departure(initiative) if initiative.status == Status.ACTIVE else None
    return case_forms.DecisionForm(
        data,
        prefix="decide",
        departure=departure.finding if departure else "",
        # The years and amounts the application asked for, so a grant can be paid out in the years it is for.
        initial={"amounts": case_forms.requested_amounts(application_of(initiative).application)},
    )


ACTIONS: list[Step[Initiative]] = [
    Step(
        "submit",
        _("Lämna in"),
        _("Lämna in"),
        lambda i, d: forms.Form(d, prefix="submit"),
        _offered("submit"),
        lambda i, u, f: (services.initiative_submit(initiative=i, user=u), gettext("Inlämnat."))[1],
    ),
    Step(
        "return",
        _("Skicka tillbaka för komplettering"),
        _("Skicka tillbaka"),
        lambda i, d: flow_forms.ReturnForm(d, prefix="return"),
        _offered("return_for_completion"),
        lambda i, u, f: (
            flow_services.initiative_return_for_completion(initiative=i, user=u, **f.cleaned_data),
            gettext("Ansökan är skickad tillbaka för komplettering."),
        )[1],
    ),
    Step(
        "stage-decision",
        _("Registrera beslutet i steget"),
        _("Registrera beslutet"),
        lambda i, d: flow_forms.StageDecisionForm(d, prefix="stage-decision"),
        _offered("stage_decision"),
        lambda i, u, f: (
            flow_services.stage_decision_register(initiative=i, user=u, **f.cleaned_data),
            gettext("Beslutet är registrerat."),
        )[1],
    ),
    Step(
        "stage-complete",
        _("Klart – lämna vidare"),
        _("Lämna vidare"),
        lambda i, d: case_forms.NoteForm(d, prefix="stage-complete"),
        _offered("stage_complete"),
        lambda i, u, f: (
            flow_services.stage_complete(initiative=i, user=u, **f.cleaned_data),
            gettext("Ärendet har gått vidare."),
        )[1],
    ),
    Step(
        "sponsor",
        _("Ta ansvar för idén"),
        _("Nämnden tar ansvar för idén"),
        lambda i, d: forms.Form(d, prefix="sponsor"),
        outside_ideas.may_sponsor,
        lambda i, u, f: (services.initiative_sponsor(initiative=i, user=u), gettext("Nämnden är nu ansvarig."))[1],
    ),
    Step(
        "assign-area",
        _("Välj område för idén"),
        _("Skicka idén till området"),
        lambda i, d: case_forms.AreaForm(d, fund=i.fund, prefix="assign-area"),
        outside_ideas.may_assign_area,
        lambda i, u, f: (
            outside_ideas.idea_area_assign(initiative=i, user=u, board=f.cleaned_data["board"]),
            gettext("Idén är skickad till områdets kontor och nämnd."),
        )[1],
    ),
    Step(
        "signoff",
        _("Registrera förankring"),
        _("Registrera förankring"),
        lambda i, d: case_forms.SignoffForm(d, prefix="signoff"),
        _offered("signoff"),
        lambda i, u, f: (
            services.signoff_record(initiative=i, user=u, **f.cleaned_data),
            gettext("Förankringen är registrerad."),
        )[1],
    ),
    Step(
        "assess",
        _("Bedöm en regel"),
        _("Spara bedömningen"),
        lambda i, d: case_forms.AssessmentForm(d, rules=_rules(i), prefix="assess"),
        _offered("assess"),
        lambda i, u, f: (
            services.assessment_record(initiative=i, user=u, **f.cleaned_data),
            gettext("Bedömningen är sparad."),
        )[1],
    ),
    Step(
        "prepare",
        _("Avsluta beredningen"),
        _("Lämna vidare"),
        lambda i, d: case_forms.MemoForm(d, prefix="prepare"),
        _offered("prepare"),
        lambda i, u, f: (
            services.preparation_complete(initiative=i, user=u, **f.cleaned_data),
            gettext("Beredningen är klar."),
        )[1],
    ),
    Step(
        "approve",
        _("Stadsdirektörens godkännande"),
        _("Godkänn"),
        lambda i, d: case_forms.NoteForm(d, prefix="approve"),
        _offered("approve"),
        lambda i, u, f: (services.director_approve(initiative=i, user=u, **f.cleaned_data), gettext("Godkänt."))[1],
    ),
    Step(
        "opinion",
        _("Registrera yttrande"),
        _("Registrera yttrandet"),
        _opinion_form,
        _offered("opinion"),
        _run_opinion,
    ),
    Step(
        "opinions-complete",
        _("Yttrandena är inne"),
        _("Lämna till beslut"),
        lambda i, d: forms.Form(d, prefix="opinions-complete"),
        _offered("opinions_complete"),
        lambda i, u, f: (services.opinions_complete(initiative=i, user=u), gettext("Ärendet går till beslut."))[1],
    ),
    Step(
        "decide",
        _("Registrera kommunstyrelsens beslut"),
        _("Registrera beslutet"),
        _decision_form,
        _offered("decide"),
        _run_decision,
    ),
    Step(
        "registry-number",
        _("Diarienummer"),
        _("Spara diarienummer"),
        lambda i, d: case_forms.RegistryNumberForm(
            d,
            prefix="registry-number",
            initial={
                "registry_number": i.registry_number
                or registry.registry_number_peek(fund=i.fund, on=i.filed_on or case_forms.today())
            },
        ),
        lambda u, i: u.has_role(Role.REGISTRAR) and i.status != Status.DRAFT,
        lambda i, u, f: (
            services.registry_number_set(initiative=i, user=u, **f.cleaned_data),
            gettext("Diarienumret är sparat."),
        )[1],
    ),
    Step(
        "withdraw",
        _("Återkalla initiativet"),
        _("Återkalla"),
        lambda i, d: case_forms.WithdrawForm(d, prefix="withdraw"),
        _offered("withdraw"),
        lambda i, u, f: (
            services.initiative_withdraw(initiative=i, user=u, **f.cleaned_data),
            gettext("Initiativet är återkallat."),
        )[1],
    ),
    Step(
        "refuse",
        _("Avvisa: uppfyller inte riktlinjerna"),
        _("Avvisa"),
        lambda i, d: case_forms.RefuseForm(d, rules=_rules(i), prefix="refuse"),
        _offered("refuse"),
        lambda i, u, f: (
            services.initiative_refuse(
                initiative=i, user=u, rule_ids=f.cleaned_data["rule_ids"], note=f.cleaned_data["note"]
            ),
            gettext("Initiativet är avvisat."),
        )[1],
    ),
    Step(
        "advise-against",
        _("Avråd"),
        _("Avråd"),
        lambda i, d: case_forms.NoteForm(d, prefix="advise-against"),
        _offered("advise_against"),
        lambda i, u, f: (
            services.initiative_advise_against(initiative=i, user=u, **f.cleaned_data),
            gettext("Avrått."),
        )[1],
    ),
    Step(
        "hold",
        _("Lägg vilande"),
        _("Lägg vilande"),
        lambda i, d: case_forms.NoteForm(d, prefix="hold"),
        _offered("hold"),
        lambda i, u, f: (
            services.initiative_hold(initiative=i, user=u, **f.cleaned_data),
            gettext("Ärendet är vilande."),
        )[1],
    ),
    Step(
        "resume",
        _("Återuppta"),
        _("Återuppta"),
        lambda i, d: forms.Form(d, prefix="resume"),
        _offered("resume"),
        lambda i, u, f: (services.initiative_resume(initiative=i, user=u), gettext("Ärendet är återupptaget."))[1],
    ),
    Step(
        "comment",
        _("Kommentera"),
        _("Spara kommentaren"),
        lambda i, d: case_forms.CommentForm(d, prefix="comment"),
        lambda u, i: True,
        lambda i, u, f: (
            services.comment_add(initiative=i, user=u, **f.cleaned_data),
            gettext("Kommentaren är sparad."),
        )[1],
    ),
]
ACTIONS_BY_CODE = {action.code: action for action in ACTIONS}


def _page(
    request: HttpRequest,
    initiative: Initiative,
    *,
    failed: Failed | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    actions = shown_steps(ACTIONS, user, initiative, failed)
    for shown in actions:
        if shown["action"].code == "submit":
            shown["action"] = replace(shown["action"], title=submit_title(initiative))
        if shown["action"].code == "comment" and not sees_internal_comments(user):
            cast(forms.ChoiceField, shown["form"].fields["visibility"]).choices = [
                (CommentVisibility.APPLICANT, CommentVisibility.APPLICANT.label)
            ]
    try:
        screening = (
            screening_for(initiative) if initiative.status in (Status.DRAFT, Status.ACTIVE, Status.ON_HOLD) else None
        )
    except (InputError, LookupError):  # no guidelines, or stored answers that do not screen
        screening = None
    comments = list(initiative.comments.all())
    if not sees_internal_comments(user):
        comments = [c for c in comments if c.visibility == CommentVisibility.APPLICANT]
    policy = policy_for(initiative)
    context = {
        "initiative": initiative,
        "withdrawal_labels": [
            str(WithdrawalReason(code).label) for code in initiative.withdrawal_reasons if code in WithdrawalReason
        ],
        "policy": policy,
        "position": current_stage(initiative, policy),
        "screening": screening,
        "actions": actions,
        "failed_action": failed.code if failed else "",
        "action_error": failed.error if failed else "",
        # One element takes focus on load (HTML allows one autofocus): the failed form's own error summary
        # when it has one, else the box that says why the action could not be done.
        "action_error_takes_focus": not (failed and failed.form.errors),
        "comments": comments,
        "activity": initiative_activity(initiative=initiative),
        # Answers stored before they were validated may no longer parse: listed, never hidden or dropped.
        "content_problems": application_of(initiative).problems,
        "can_edit": acts_for_board(user, initiative)
        and (initiative.status == Status.DRAFT or _stage_actor(initiative) == "applicant")
        and initiative.status in (Status.DRAFT, Status.ACTIVE),
        # The decision memo (tjänsteskrivelse) is written once an application is being prepared for KS.
        "memo_available": memo_applies(initiative),
        # At an opinion stage: whose opinions the guidelines still wait for (the gate of `opinions_complete`).
        "opinions_missing": machine.gate_for(initiative).missing_opinions
        if machine.stage_offers(initiative, "opinion")
        else (),
        "attachment_form": failed.form
        if failed and failed.code == "attach"
        else case_forms.AttachmentForm(prefix="attach"),
    }
    return render(request, "cases/detail.html", context, status=status)


@login_required
@require_GET
def initiative_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _visible_case(_user(request), pk))


@login_required
@require_POST
def initiative_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    initiative = _visible_case(user, pk)
    return post_step(
        request,
        user=user,
        target=initiative,
        step=ACTIONS_BY_CODE.get(action),
        page=lambda failed, status: _page(request, initiative, failed=failed, status=status),
        done=lambda: redirect("cases:detail", pk=initiative.pk),
    )


@login_required
@require_POST
def attachment_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    initiative = _visible_case(user, pk)
    return take_step(
        request,
        case_forms.AttachmentForm(request.POST, request.FILES, prefix="attach"),
        lambda form: attachment_add(
            initiative=initiative, user=user, upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"]
        ),
        said=lambda _attachment: gettext("Handlingen är tillagd."),
        done=lambda _attachment: redirect("cases:detail", pk=initiative.pk),
        # The attachment form is the page's own: every refusal is shown on it, and the page answers 400.
        again=lambda failed: _page(request, initiative, failed=failed, status=400),
        code="attach",
        unplaced="form",
    )


@login_required
@require_GET
def attachment_download_view(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    initiative = _visible_case(_user(request), pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, initiative=initiative)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=download_name(attachment.original_name, attachment.file_format),
        content_type=CONTENT_TYPES.get(attachment.file_format, "application/octet-stream"),
    )
