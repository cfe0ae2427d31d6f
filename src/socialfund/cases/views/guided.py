"""The guided application: a step per part of the guidelines, with help, live calculator and live screening.

Every step saves the draft (valid answers into the case's content, answers that
do not yet pass the checks into `draft_inputs`, so that leaving loses nothing).
Two people on the same draft: the second save is refused with a warning, never
silently overwritten (`version`).
"""

from __future__ import annotations

from typing import Any

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialfund.accounts.models import User
from socialfund.cases import machine, services
from socialfund.cases.content import application_of, stored_calculation
from socialfund.cases.errors import CaseConflictError, CaseError
from socialfund.cases.guided.calc_grid import (
    CalculatorPage,
    run_calculation,
    with_row_added,
    with_row_removed,
)
from socialfund.cases.guided.calc_summary import calculation_summary
from socialfund.cases.guided.forms import FORMS, PartnersForm, StepForm, content_with
from socialfund.cases.guided.steps import STEPS_BY_CODE, Step, steps_for
from socialfund.cases.models import Initiative
from socialfund.cases.permissions import acts_for_board
from socialfund.cases.screening import initiative_as_file, screening_for_content
from socialfund.cases.views.case import _visible_case, submit_title
from socialfund.cases.workflow import policy_for
from socialfund.kit.charts import Bar, costs_and_savings_svg
from socialfund.kit.refusals import Refusal
from socialfund.kit.step_form import Failed, take_step
from socialfund.kit.web_refusals import show_refusal
from socialfund.organisation.models import Board


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _editable_case(request: HttpRequest, pk: int) -> Initiative:
    initiative = _visible_case(_user(request), pk)
    if not acts_for_board(_user(request), initiative):
        raise Http404
    return initiative


def _boards(initiative: Initiative) -> Any:
    boards = Board.objects.filter(organisation_id=initiative.fund.organisation_id)
    return boards.exclude(pk=initiative.lead_board_id) if initiative.lead_board_id else boards


def _post_data(initiative: Initiative, step: Step) -> QueryDict | None:
    """Answers saved earlier that did not pass the checks: shown again, with their errors."""
    raw = (initiative.draft_inputs or {}).get(step.code)
    if not raw:
        return None
    data = QueryDict(mutable=True)
    for key, values in raw.items():
        data.setlist(key, values)
    data["version"] = str(initiative.version)
    return data


def _step_form(initiative: Initiative, step: Step, data: Any = None) -> StepForm:
    form_class = FORMS[step.code]
    kwargs: dict[str, Any] = {"initial": form_class.initial_for(initiative)}
    if form_class is PartnersForm:
        kwargs["boards"] = _boards(initiative)
    return form_class(data, **kwargs)


def _calc_page(initiative: Initiative, data: QueryDict | None = None, **extra: int) -> CalculatorPage:
    stored = stored_calculation(initiative)
    boards = Board.objects.filter(organisation_id=initiative.fund.organisation_id)
    return CalculatorPage.build(stored, boards, data, **extra)


def _results_context(initiative: Initiative, page: CalculatorPage) -> dict[str, Any]:
    if page.general.is_bound:
        document, missing = page.document(initiative.title)
    else:
        # Opening the step: show the results of the calculation as saved, before anything is typed.
        document, missing = stored_calculation(initiative), []
        if not document:
            missing = [gettext("Fyll i kalkylens ramar, en kostnad och en effekt så räknas resultatet fram.")]
    policy = policy_for(initiative)
    state = run_calculation(document, policy.repayment_rules(), missing, page.party_names())
    chart = ""
    if state.result is not None:
        bars = [Bar(str(row.year), row.benefits_municipal_cashable, row.costs) for row in state.result.per_year]
        chart = mark_safe(  # noqa: S308 - built from numbers and escaped text in kit.charts
            costs_and_savings_svg(
                bars,
                title=gettext("Kostnader och kommunens kassamässiga besparingar per år"),
                up_name=gettext("besparingar"),
                down_name=gettext("kostnader"),
            )
        )
    # One screening of the calculation as typed: the summary's verdict and the screening panel read the same.
    content = dict(initiative.content or {})
    if state.document is not None and page.general.is_bound:
        content["calculation"] = state.document
    screening = screening_for_content(initiative, content)
    summary = calculation_summary(state, screening, page.party_names())
    return {"state": state, "chart": chart, "policy": policy, "screening": screening, "summary": summary}


def _step_status(initiative: Initiative, steps: tuple[Step, ...], screening: Any) -> list[dict[str, Any]]:
    by_rule = {f.rule: f.status for f in screening.findings} if screening else {}
    rows = []
    for step in steps:
        statuses = [by_rule[r] for r in step.rules if r in by_rule]
        if not statuses:
            state = "–"
        elif all(s in ("pass", "warn") for s in statuses):
            state = gettext("klar")
        elif any(s == "fail" for s in statuses):
            state = gettext("uppfyller inte riktlinjerna")
        else:
            state = gettext("behöver kompletteras")
        rows.append({"step": step, "state": state})
    return rows


def _help(initiative: Initiative, step: Step) -> list[dict[str, str]]:
    policy = policy_for(initiative)
    help_rows = []
    for rule_id in step.rules:
        rule = policy.rule(rule_id)
        if rule is not None:
            help_rows.append({"title": rule.display_title, "clause": rule.clause, "explanation": rule.explanation})
    return help_rows


def _render_step(
    request: HttpRequest, initiative: Initiative, step: Step, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    steps = steps_for(initiative.stage, policy_for(initiative))
    screening = screening_for_content(initiative)
    index = steps.index(step)
    base = {
        "initiative": initiative,
        "step": step,
        "steps": _step_status(initiative, steps, screening),
        "next_step": steps[index + 1] if index + 1 < len(steps) else None,
        "screening": screening,
        "help_rows": _help(initiative, step),
        # The review step hands the case in with the same action (and service) as the case page.
        "submit_title": submit_title(initiative)
        if step.code == "granska" and machine.may(_user(request), initiative, "submit")
        else "",
        # Answers stored before they were validated may no longer parse: listed, never hidden or dropped.
        "content_problems": application_of(initiative).problems,
    }
    return render(request, "cases/guided/step.html", base | context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def guided_step_view(request: HttpRequest, pk: int, step_code: str) -> HttpResponse:
    initiative = _editable_case(request, pk)
    step = STEPS_BY_CODE.get(step_code)
    if step is None or step not in steps_for(initiative.stage, policy_for(initiative)):
        raise Http404
    if step.code == "kalkyl":
        return _calculation_step(request, initiative, step)
    if request.method == "GET":
        saved = _post_data(initiative, step)
        form = _step_form(initiative, step, saved)
        if saved is not None:
            form.is_valid()  # show the errors the saved answers still have
        return _render_step(request, initiative, step, {"form": form})
    form = _step_form(initiative, step, request.POST)
    return _save_step(request, initiative, step, form)


def _save_step(request: HttpRequest, initiative: Initiative, step: Step, form: StepForm) -> HttpResponse:
    user = _user(request)
    version = _posted_version(request)
    try:
        if form.is_valid():
            fields: dict[str, Any] = {"content": content_with(initiative, form)}
            for name in form.model_fields:
                fields[name] = form.cleaned_data[name]
            fields["draft_inputs"] = {k: v for k, v in (initiative.draft_inputs or {}).items() if k != step.code}
            services.initiative_update_draft(initiative=initiative, user=user, expected_version=version, **fields)
        else:
            raw = {k: request.POST.getlist(k) for k in request.POST if k not in ("csrfmiddlewaretoken", "version")}
            services.initiative_update_draft(
                initiative=initiative,
                user=user,
                expected_version=version,
                draft_inputs={**(initiative.draft_inputs or {}), step.code: raw},
            )
            initiative.refresh_from_db()
            form = _shown_again(initiative, step, request)
            return _render_step(request, initiative, step, {"form": form, "saved_with_errors": True}, status=400)
    except CaseConflictError as conflict:
        initiative.refresh_from_db()
        data = request.POST.copy()
        data["version"] = str(conflict.current_version)
        return _render_step(
            request,
            initiative,
            step,
            {"form": _step_form(initiative, step, data), "conflict": conflict.message},
            status=409,
        )
    except Refusal as error:
        show_refusal(form, error)
        return _render_step(request, initiative, step, {"form": form}, status=400)
    messages.success(request, gettext("%(step)s: sparat.") % {"step": step.title})
    return redirect(_after_save(request, initiative, step))


def _shown_again(initiative: Initiative, step: Step, request: HttpRequest) -> StepForm:
    """The answers with their errors, carrying the version the save just made: correcting them and
    saving again must not be refused as someone else's change."""
    data = request.POST.copy()
    data["version"] = str(initiative.version)
    form = _step_form(initiative, step, data)
    form.is_valid()
    return form


def _posted_version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _after_save(request: HttpRequest, initiative: Initiative, step: Step) -> str:
    steps = steps_for(initiative.stage, policy_for(initiative))
    index = steps.index(step)
    if "next" in request.POST and index + 1 < len(steps):
        return reverse("cases:guided", args=[initiative.pk, steps[index + 1].code])
    return reverse("cases:guided", args=[initiative.pk, step.code])


def _calculation_step(request: HttpRequest, initiative: Initiative, step: Step) -> HttpResponse:
    extra = {
        "extra_costs": _small(request.GET.get("kostnader")),
        "extra_effects": _small(request.GET.get("effekter")),
    }
    if request.method == "GET":
        page = _calc_page(initiative, _post_data(initiative, step), **extra)
        return _render_step(request, initiative, step, {"calc": page} | _results_context(initiative, page))
    data: QueryDict = request.POST
    removed = _removed_row(data)
    if removed is not None:
        data = with_row_removed(data, *removed)
    page = _calc_page(initiative, data)
    context = {"calc": page} | _results_context(initiative, page)
    state = context["state"]
    clean = state.result is not None and not state.errors and not page.row_errors()
    user = _user(request)
    try:
        if clean:
            content = dict(initiative.content or {})
            content["calculation"] = state.document
            services.initiative_update_draft(
                initiative=initiative,
                user=user,
                expected_version=_posted_version(request),
                content=content,
                draft_inputs={k: v for k, v in (initiative.draft_inputs or {}).items() if k != step.code},
            )
        else:
            raw = {k: data.getlist(k) for k in data if k not in ("csrfmiddlewaretoken", "version")}
            services.initiative_update_draft(
                initiative=initiative,
                user=user,
                expected_version=_posted_version(request),
                draft_inputs={**(initiative.draft_inputs or {}), step.code: raw},
            )
    except CaseConflictError as conflict:
        initiative.refresh_from_db()
        return _render_step(request, initiative, step, context | {"conflict": conflict.message}, status=409)
    except Refusal as error:
        return _render_step(request, initiative, step, context | {"save_refused": error.message}, status=400)
    initiative.refresh_from_db()
    if not clean:
        # The version the save just made, so that the corrected rows can be saved (see _shown_again).
        page.version = initiative.version
        return _render_step(request, initiative, step, context | {"saved_with_errors": True}, status=400)
    messages.success(request, gettext("Kalkylen är sparad."))
    here = reverse("cases:guided", args=[initiative.pk, step.code])
    if "add_cost" in request.POST:
        return redirect(here + "?kostnader=1#kostnader")
    if "add_effect" in request.POST:
        return redirect(here + "?effekter=1#effekter")
    return redirect(_after_save(request, initiative, step))


def _small(text: str | None) -> int:
    try:
        return max(0, min(int(text or 0), 10))
    except ValueError:
        return 0


def _removed_row(data: QueryDict) -> tuple[str, int] | None:
    """("costs", 2) when the button "Ta bort" of cost row 3 was pressed."""
    for prefix, key in (("costs", "remove_cost"), ("effects", "remove_effect"), ("typical", "remove_typical")):
        if key in data:
            try:
                return prefix, int(str(data.get(key)))
            except ValueError:
                return None
    return None


@login_required
@require_POST
def calculator_preview_view(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the calculator's results, summary and screening for what is typed now (nothing is saved)."""
    initiative = _editable_case(request, pk)
    page = _calc_page(initiative, request.POST)
    return render(request, "cases/guided/calc_live.html", _results_context(initiative, page))


@login_required
@require_POST
def calculator_rows_view(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the grid with a row added or removed, as typed (nothing is saved; Spara saves)."""
    initiative = _editable_case(request, pk)
    data: QueryDict = request.POST
    removed = _removed_row(data)
    if removed is not None:
        data = with_row_removed(data, *removed)
    for prefix, key in (("costs", "add_cost"), ("effects", "add_effect"), ("typical", "add_typical")):
        if key in data:
            data = with_row_added(data, prefix)
    page = _calc_page(initiative, data)
    page.version = _posted_version(request) or initiative.version
    context = {"calc": page, "initiative": initiative} | _results_context(initiative, page)
    return render(request, "cases/guided/calc_rows.html", context)


@login_required
@require_POST
def screening_preview_view(request: HttpRequest, pk: int, step_code: str) -> HttpResponse:
    """htmx: the screening with this step's unsaved answers put in (nothing is saved)."""
    initiative = _editable_case(request, pk)
    step = STEPS_BY_CODE.get(step_code)
    if step is None or step.code == "kalkyl" or step not in steps_for(initiative.stage, policy_for(initiative)):
        raise Http404
    form = _step_form(initiative, step, request.POST)
    content = content_with(initiative, form) if form.is_valid() else None
    return render(request, "cases/guided/screening.html", {"screening": screening_for_content(initiative, content)})


@login_required
@require_GET
def application_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The case as the CLI's initiative file (YAML, the calculation inline)."""
    initiative = _visible_case(_user(request), pk)
    text = yaml.safe_dump(initiative_as_file(initiative), allow_unicode=True, sort_keys=False)
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="initiativ-{initiative.pk}.yaml"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def application_import_view(request: HttpRequest) -> HttpResponse:
    """Start an application from an initiative file (and its calculation file)."""
    from socialfund.cases.files import initiative_from_files
    from socialfund.cases.guided.forms import ImportForm
    from socialfund.funds.selectors import funds_visible_to

    user = _user(request)
    form = ImportForm(request.POST or None, request.FILES or None)

    def page(failed: Failed | None = None) -> HttpResponse:
        return render(request, "cases/guided/import.html", {"form": form}, status=400 if form.errors else 200)

    def create(form: ImportForm) -> Initiative:
        fund = funds_visible_to(user=user).first()
        if fund is None:
            raise CaseError(gettext("Det finns ingen fond att söka ur."))
        calc_file = form.cleaned_data.get("calc_file")
        return initiative_from_files(
            fund=fund,
            user=user,
            initiative_text=_read_text(form.cleaned_data["file"]),
            calculation_text=_read_text(calc_file) if calc_file else None,
        )

    if request.method != "POST":
        return page()
    return take_step(
        request,
        form,
        create,
        said=lambda _initiative: gettext("Ansökan är skapad från filen. Gå igenom stegen och lämna in."),
        done=lambda initiative: redirect(
            "cases:guided", pk=initiative.pk, step_code=steps_for(initiative.stage, policy_for(initiative))[0].code
        ),
        again=page,
        unplaced="form",
    )


def _read_text(upload: Any) -> str:
    raw = upload.read(1_000_001)
    if len(raw) > 1_000_000:
        raise CaseError(gettext("Filen är för stor (högst 1 MB)."), field="file")
    try:
        return str(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CaseError(gettext("Filen ska vara text i UTF-8."), field="file") from exc
