"""The guideline editor's pages: the versions, a section of a draft, the comparison, the documents, the
proposal, the consultation and the adoption. Every change goes through `socialfund.guidelines.services`."""

from __future__ import annotations

import datetime as dt
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
from socialfund.guidelines import services
from socialfund.guidelines.comparison import CaseEffect, WordingChange, example_effects, wording_changes
from socialfund.guidelines.document import export_yaml, import_yaml, validate_document
from socialfund.guidelines.effects import open_case_effects
from socialfund.guidelines.fields import SECTIONS, section
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


def _proposed(version: GuidelineVersion) -> Policy | None:
    policy, _problems = validate_document(version.document)
    return policy


def _changes(version: GuidelineVersion) -> list[WordingChange]:
    current, proposed = _in_force(version), _proposed(version)
    if current is None or proposed is None:
        return []
    return wording_changes(current, proposed)


def _effects(version: GuidelineVersion) -> list[CaseEffect]:
    current, proposed = _in_force(version), _proposed(version)
    if current is None or proposed is None:
        return []
    return open_case_effects(version.fund, proposed) + example_effects(current, proposed)


def _version_context(request: HttpRequest, version: GuidelineVersion, **extra: Any) -> dict[str, Any]:
    user = _user(request)
    organisation_id = version.fund.organisation_id
    context: dict[str, Any] = {
        "version": version,
        "state": version_state(version, timezone.localdate()),
        "sections": SECTIONS,
        "may_edit": _may_edit(user),
        "may_consult": user.has_role(Role.REGISTRAR) or user.has_role(Role.OPINION_GIVER),
        "changes": _changes(version),
        "in_force": _in_force(version),
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


@login_required
@require_http_methods(["GET", "POST"])
def section_view(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    version = _version(request, pk)
    user = _user(request)
    try:
        part = section(code)
    except KeyError as exc:
        raise Http404 from exc
    if request.method == "POST" and not (_may_edit(user) and version.is_editable):
        return _forbidden(request)
    specs = part.fields(version.document)
    form = gforms.SectionForm(request.POST or None, specs=specs, document=version.document)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.draft_edit(user=user, version=version, values=form.values())
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            if result.saved:
                messages.success(request, _("Ändringarna är sparade i utkastet."))
                return redirect("guidelines:section", pk=version.pk, code=part.code)
            by_field, problems = place(result.problems, specs, version.document)
            for name, texts in by_field.items():
                for text in texts:
                    form.add_error(name, text)
            for text in problems:
                form.add_error(None, text)
    context = {"version": version, "section": part, "sections": SECTIONS, "form": form, "may_edit": _may_edit(user)}
    return render(request, "guidelines/section.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def compare_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    effects = _effects(version)
    context = _version_context(
        request,
        version,
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
    return Proposal(
        fund_name=fund.name,
        organisation=fund.organisation.name,
        title=version.title,
        registry_number=str(adopted.get("registry_number") or fund.registry_number or ""),
        on=version.proposed_on or timezone.localdate(),
        current_name=current_name,
        adopting_body=str(adopted.get("body") or "Kommunfullmäktige"),
        changes=tuple(_changes(version)),
        effects=tuple(_effects(version)),
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


@login_required
@require_POST
def adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = gforms.AdoptForm(request.POST, organisation_id=version.fund.organisation_id, prefix="adopt")
    if not form.is_valid():
        return _after(request, version, form, None)
    data = form.cleaned_data
    try:
        services.version_adopt(
            user=_user(request),
            version=version,
            body=data["body"],
            decided_on=data["decided_on"],
            paragraph=data["paragraph"],
            in_force_from=data["in_force_from"],
        )
    except CaseError as error:
        return _after(request, version, form, error)
    messages.success(request, _("Beslutet är registrerat. Riktlinjerna gäller från det datum beslutet anger."))
    return redirect("guidelines:version", pk=version.pk)


@login_required
@require_POST
def consult_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = gforms.ConsultForm(request.POST, organisation_id=version.fund.organisation_id, prefix="consult")
    if not form.is_valid():
        return _after(request, version, form, None)
    data = form.cleaned_data
    try:
        services.version_consult(
            user=_user(request),
            version=version,
            sent_by=data["sent_by"],
            decided_on=data["decided_on"],
            deadline=data["deadline"],
            questions=[line.strip() for line in data["questions"].splitlines() if line.strip()],
        )
    except Refusal as error:
        return _after(request, version, form, error)
    messages.success(request, _("Förslaget är skickat på remiss."))
    assert version.pk is not None
    version.refresh_from_db()
    return redirect("consultations:detail", pk=version.consultation_id)
