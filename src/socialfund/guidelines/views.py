"""The guideline editor's pages: the versions, a section of a draft, the comparison, the documents, the
proposal, the consultation and the adoption. Every change goes through `socialfund.guidelines.services`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.errors import CaseError
from socialfund.cases.workflow import fund_policy_if_any
from socialfund.core.policy import Policy
from socialfund.documents.downloads import document_response
from socialfund.funds.guidelines import guideline_rows
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to
from socialfund.guidelines import forms as gforms
from socialfund.guidelines import services, structure
from socialfund.guidelines.comparison import CaseEffect, Versions, WordingChange, example_effects, wording_changes
from socialfund.guidelines.document import export_yaml, import_yaml, validate_document
from socialfund.guidelines.effects import open_case_effects
from socialfund.guidelines.fields import SECTIONS, Section, section
from socialfund.guidelines.models import GuidelineVersion
from socialfund.guidelines.paper import Proposal, pm_document, tjansteskrivelse_document
from socialfund.guidelines.problems import place
from socialfund.guidelines.status import all_versions, version_state
from socialfund.kit.refusals import Refusal
from socialfund.record_language import record_language


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _may_edit(user: User) -> bool:
    return user.is_superuser or user.has_role(Role.ADMINISTRATOR)


def _version(request: HttpRequest, pk: int) -> GuidelineVersion:
    user = _user(request)
    version = get_object_or_404(GuidelineVersion.objects.select_related("fund", "decided_by"), pk=pk)
    if version.fund.organisation_id != user.organisation_id or not user.role_codes:
        raise Http404
    return version


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/forbidden.html", status=403)


@login_required
@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    funds = [{"fund": fund, "versions": all_versions(fund, today)} for fund in funds_visible_to(user=user)]
    return render(request, "guidelines/index.html", {"funds": funds, "may_edit": _may_edit(user)})


def _own_versions(fund: Fund) -> list[tuple[str, str]]:
    return [
        (row.version.policy_id, f"{fund.name} – {row.name} ({row.state_label.lower()})")
        for row in guideline_rows(fund, timezone.localdate())
    ]


@login_required
@require_http_methods(["GET", "POST"])
def start_view(request: HttpRequest, fund_pk: int) -> HttpResponse:
    user = _user(request)
    fund = get_object_or_404(funds_visible_to(user=user), pk=fund_pk)
    if not _may_edit(user):
        return _forbidden(request)
    form = gforms.StartForm(request.POST or None, own=_own_versions(fund))
    if request.method == "POST" and form.is_valid():
        try:
            version = services.draft_start(
                user=user, fund=fund, based_on=form.cleaned_data["based_on"], title=form.cleaned_data["title"]
            )
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Utkastet är skapat. Ändra det avsnitt för avsnitt; varje ändring sparas."))
            return redirect("guidelines:version", pk=version.pk)
    return render(request, "guidelines/start.html", {"form": form, "fund": fund}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def template_fund_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not _may_edit(user) or user.organisation is None:
        return _forbidden(request)
    form = gforms.TemplateFundForm(request.POST or None, organisation_id=user.organisation.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.fund_from_template(
                user=user,
                organisation=user.organisation,
                template=data["template"],
                name=data["name"],
                slug=data["slug"],
                capital=data["capital"],
                decided_by=data["decided_by"],
                decided_on=data["decided_on"],
            )
        except CaseError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Fonden är skapad med ett utkast till riktlinjer efter mallen."))
            return redirect("guidelines:version", pk=version.pk)
    return render(request, "guidelines/template_fund.html", {"form": form}, status=400 if form.errors else 200)


def _in_force(version: GuidelineVersion) -> Policy | None:
    """What the version changes: the guidelines in force today, or for an adopted version those in force
    the day before it took effect (compared with itself it would change nothing)."""
    if version.adopted_on is not None:
        return fund_policy_if_any(version.fund, version.adopted_on - dt.timedelta(days=1))
    return fund_policy_if_any(version.fund)


@dataclass(frozen=True)
class _Basis:
    """The version in force and the proposal, read once a request (the page, the changes and the cases
    all need them)."""

    current: Policy | None
    proposed: Policy | None

    @classmethod
    def of(cls, version: GuidelineVersion) -> _Basis:
        proposed, _problems = validate_document(version.document)
        return cls(_in_force(version), proposed)

    def changes(self) -> list[WordingChange]:
        if self.current is None or self.proposed is None:
            return []
        return wording_changes(self.current, self.proposed)

    def effects(self, version: GuidelineVersion) -> list[CaseEffect]:
        if self.current is None or self.proposed is None:
            return []
        versions = Versions.of(self.proposed)
        return open_case_effects(version.fund, versions) + example_effects(self.current, versions)


def _version_context(
    request: HttpRequest, version: GuidelineVersion, basis: _Basis | None = None, **extra: Any
) -> dict[str, Any]:
    user = _user(request)
    organisation_id = version.fund.organisation_id
    basis = basis or _Basis.of(version)
    context: dict[str, Any] = {
        "version": version,
        "state": version_state(version, timezone.localdate()),
        "sections": SECTIONS,
        "may_edit": _may_edit(user),
        "may_consult": user.has_role(Role.REGISTRAR) or user.has_role(Role.OPINION_GIVER),
        "changes": basis.changes(),
        "in_force": basis.current,
        "adopt_form": gforms.AdoptForm(organisation_id=organisation_id, prefix="adopt"),
        "import_form": gforms.ImportForm(prefix="import"),
        "consult_form": gforms.ConsultForm(organisation_id=organisation_id, prefix="consult"),
    }
    context.update(extra)
    return context


@login_required
@require_GET
def version_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    return render(request, "guidelines/version.html", _version_context(request, version))


def _section(code: str) -> Section:
    try:
        return section(code)
    except KeyError as exc:
        raise Http404 from exc


def _section_page(
    request: HttpRequest,
    version: GuidelineVersion,
    part: Section,
    form: gforms.SectionForm | None = None,
    bound: Any = None,
) -> HttpResponse:
    """A section of the version: its fields, and where the section has them, the forms that add, remove and
    move its stages or rules (`bound`: the one just posted, with its messages)."""
    user = _user(request)
    form = form or gforms.SectionForm(specs=part.fields(version.document), document=version.document)
    outline_forms = [
        bound if bound is not None and type(bound) is form_class else form_class(document=version.document)
        for form_class in gforms.OUTLINE_FORMS.get(part.code, ())
    ]
    context = {
        "version": version,
        "section": part,
        "sections": SECTIONS,
        "form": form,
        "outline_forms": outline_forms if version.is_editable and _may_edit(user) else [],
        "may_edit": _may_edit(user),
    }
    failed = form.errors or (bound is not None and bound.errors)
    return render(request, "guidelines/section.html", context, status=400 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def section_view(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    version = _version(request, pk)
    user = _user(request)
    part = _section(code)
    if request.method == "POST" and not (_may_edit(user) and version.is_editable):
        return _forbidden(request)
    specs = part.fields(version.document)
    form = gforms.SectionForm(request.POST or None, specs=specs, document=version.document)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.draft_edit(user=user, version=version, values=form.values())
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            if result.saved:
                messages.success(request, _("Ändringarna är sparade i utkastet."))
                return redirect("guidelines:section", pk=version.pk, code=part.code)
            _place_problems(form, result.problems, specs, version)
    return _section_page(request, version, part, form)


def _place_problems(form: Any, problems: list[tuple[str, str]], specs: list[Any], version: GuidelineVersion) -> None:
    by_field, rest = place(problems, specs, version.document)
    for name, texts in by_field.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)
    for text in rest:
        form.add_error(None, text)


_OUTLINE_SERVICES: dict[str, Callable[..., GuidelineVersion]] = {
    "lagg-till-steg": structure.stage_add,
    "ta-bort-steg": structure.stage_remove,
    "flytta-steg": structure.stage_move,
    "lagg-till-regel": structure.rule_add,
    "ta-bort-regel": structure.rule_remove,
}
_OUTLINE_DONE = {
    "lagg-till-steg": _("Steget är tillagt i utkastet."),
    "ta-bort-steg": _("Steget är borttaget ur utkastet."),
    "flytta-steg": _("Steget är flyttat."),
    "lagg-till-regel": _("Regeln är tillagd i utkastet."),
    "ta-bort-regel": _("Regeln är borttagen ur utkastet."),
}


@login_required
@require_POST
def outline_view(request: HttpRequest, pk: int, code: str, action: str) -> HttpResponse:
    """Add, remove or move a stage or a rule; a refusal is shown at the field and nothing is stored."""
    version = _version(request, pk)
    part = _section(code)
    form_class = next((f for f in gforms.OUTLINE_FORMS.get(part.code, ()) if f.action == action), None)
    if form_class is None:
        raise Http404
    if not (_may_edit(_user(request)) and version.is_editable):
        return _forbidden(request)
    form = form_class(request.POST, document=version.document)
    if form.is_valid():
        try:
            _OUTLINE_SERVICES[action](user=_user(request), version=version, **form.arguments())
        except services.GuidelineError as error:
            if error.problems:
                _place_problems(form, error.problems, part.fields(version.document), version)
            else:
                form.add_error(error.field if error.field in form.fields else None, error.message)
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _OUTLINE_DONE[action])
            return redirect("guidelines:section", pk=version.pk, code=part.code)
    return _section_page(request, version, part, bound=form)


@login_required
@require_GET
def compare_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    basis = _Basis.of(version)
    effects = basis.effects(version)
    context = _version_context(
        request,
        version,
        basis,
        effects=effects,
        differing=[e for e in effects if e.differs],
        same=[e for e in effects if not e.differs],
    )
    return render(request, "guidelines/compare.html", context)


def _proposal(version: GuidelineVersion) -> Proposal:
    fund = version.fund
    rows = [row for row in guideline_rows(fund, timezone.localdate()) if row.state == "in_force"]
    current_name = f"{rows[0].name} ({rows[0].why.removesuffix('.')})" if rows else "–"
    adopted = version.document.get("adopted") or {}
    basis = _Basis.of(version)
    return Proposal(
        fund_name=fund.name,
        organisation=fund.organisation.name,
        title=version.title,
        registry_number=str(adopted.get("registry_number") or fund.registry_number or ""),
        on=version.proposed_on or timezone.localdate(),
        current_name=current_name,
        adopting_body=str(adopted.get("body") or "Kommunfullmäktige"),
        changes=tuple(basis.changes()),
        effects=tuple(basis.effects(version)),
    )


@login_required
@require_GET
def document_view(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    version = _version(request, pk)
    if kind not in ("pm", "tjansteskrivelse") or fmt not in ("pdf", "docx"):
        raise Http404
    with record_language():  # filed documents are Swedish
        proposal = _proposal(version)
        document = pm_document(proposal) if kind == "pm" else tjansteskrivelse_document(proposal)
        return document_response(document, fmt, filename=f"{kind}-riktlinjer-{version.pk}")


@login_required
@require_GET
def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    header = f"{version.fund.name} – {version.title}\nExporterad {timezone.localdate().isoformat()}"
    response = HttpResponse(
        export_yaml(version.document, header=header), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{version.policy_id}.yaml"'
    return response


def _after(request: HttpRequest, version: GuidelineVersion, form: Any, error: Refusal | None) -> HttpResponse:
    if error is not None:
        form.add_error(error.field if error.field in form.fields else None, error.message)
    context = _version_context(request, version, **{f"{form.prefix}_form": form})
    return render(request, "guidelines/version.html", context, status=400)


@login_required
@require_POST
def import_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    user = _user(request)
    form = gforms.ImportForm(request.POST, request.FILES, prefix="import")
    if not form.is_valid():
        return _after(request, version, form, None)
    raw = form.cleaned_data["file"].read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        form.add_error("file", _("Filen är inte text i UTF-8."))
        return _after(request, version, form, None)
    policy, problems = import_yaml(text)
    if policy is None:
        for _path, message in problems[:20]:
            form.add_error("file", message)
        return _after(request, version, form, None)
    from socialfund.guidelines.document import document_of

    try:
        services.draft_replace(user=user, version=version, document=document_of(policy))
    except CaseError as error:
        return _after(request, version, form, error)
    messages.success(request, _("Filen är importerad till utkastet."))
    return redirect("guidelines:version", pk=version.pk)


@login_required
@require_POST
def propose_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    try:
        services.version_propose(user=_user(request), version=version)
    except CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Utkastet är framlagt som förslag."))
    return redirect("guidelines:version", pk=version.pk)


def _decision_post(
    request: HttpRequest,
    pk: int,
    form_class: type[Any],
    act: Callable[..., GuidelineVersion],
    done: str,
    then: Callable[[GuidelineVersion], HttpResponse],
) -> HttpResponse:
    """A decision posted from the version page (adopt, send on consultation): the form checked, the
    service called with the form's arguments, `done` said and `then` shown; a refusal re-renders the page
    with the message at its field."""
    version = _version(request, pk)
    form = form_class(request.POST, organisation_id=version.fund.organisation_id, prefix=form_class.prefix)
    if not form.is_valid():
        return _after(request, version, form, None)
    try:
        version = act(user=_user(request), version=version, **form.arguments())
    except Refusal as error:
        return _after(request, version, form, error)
    messages.success(request, done)
    return then(version)


@login_required
@require_POST
def adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("Beslutet är registrerat. Riktlinjerna gäller från det datum beslutet anger.")
    return _decision_post(
        request, pk, gforms.AdoptForm, services.version_adopt, done, lambda v: redirect("guidelines:version", pk=v.pk)
    )


@login_required
@require_POST
def consult_view(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("Förslaget är skickat på remiss.")
    return _decision_post(
        request,
        pk,
        gforms.ConsultForm,
        services.version_consult,
        done,
        lambda v: redirect("consultations:detail", pk=v.consultation_id),
    )
