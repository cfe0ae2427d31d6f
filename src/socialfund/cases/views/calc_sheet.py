"""The calculation as a spreadsheet: download with live formulas, upload back into the draft."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.calc.display import party_names
from socialfund.cases.content import application_of
from socialfund.cases.errors import CaseConflictError
from socialfund.cases.forms import SwedishForm
from socialfund.cases.models import Initiative
from socialfund.cases.permissions import acts_for_board
from socialfund.cases.views.case import _visible_case
from socialfund.core.calc import CalculationInputError, parse_calculation
from socialfund.core.calc.labels import describe_path
from socialfund.core.calc.workbook_in import MAX_BYTES, read_calculation_workbook
from socialfund.core.calc.workbook_out import calculation_workbook
from socialfund.kit.refusals import Refusal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_GET
def calculation_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The saved calculation as XLSX, for everyone who may read the case."""
    initiative = _visible_case(_user(request), pk)
    document = application_of(initiative).application.calculation
    if not document:
        raise Http404
    try:
        calc = parse_calculation(document)
    except CalculationInputError as exc:
        raise Http404 from exc  # a saved calculation that no longer computes has no results to check
    data = calculation_workbook(document, calc, names=party_names(initiative.fund.organisation_id))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kalkyl-{initiative.pk}.xlsx"'
    return response


class WorkbookUploadForm(SwedishForm):
    file = forms.FileField(
        label=_("Kalkylblad (xlsx)"),
        help_text=_("En kalkyl som laddats ner härifrån och ändrats i Excel eller LibreOffice. Högst 5 MB."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def _editable(request: HttpRequest, pk: int) -> Initiative:
    initiative = _visible_case(_user(request), pk)
    if not acts_for_board(_user(request), initiative):
        raise Http404
    return initiative


@login_required
@require_http_methods(["GET", "POST"])
def calculation_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Read an edited workbook into the draft's calculation, through the draft-saving service."""
    initiative = _editable(request, pk)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None, initial={"version": initiative.version})
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        errors = _save_workbook(request, initiative, form.cleaned_data)
        if not errors:
            messages.success(request, gettext("Kalkylen är inläst från kalkylbladet och sparad."))
            return redirect("cases:guided", pk=initiative.pk, step_code="kalkyl")
    context = {"initiative": initiative, "form": form, "sheet_errors": errors}
    return render(request, "cases/calc_upload.html", context, status=400 if form.errors or errors else 200)


def _save_workbook(request: HttpRequest, initiative: Initiative, data: dict[str, Any]) -> list[str]:
    """Nothing is stored unless the whole workbook reads and calculates; returns the errors in Swedish."""
    upload = data["file"]
    raw = upload.read(MAX_BYTES + 1)
    try:
        document = read_calculation_workbook(raw, names=party_names(initiative.fund.organisation_id))
        parse_calculation(document)
    except CalculationInputError as exc:
        return [f"{_where(path)}: {message}" for path, message in exc.errors]
    content = dict(initiative.content or {})
    content["calculation"] = document
    try:
        services.initiative_update_draft(
            initiative=initiative, user=_user(request), expected_version=data["version"], content=content
        )
    except CaseConflictError as conflict:
        return [conflict.message]
    except Refusal as error:
        return [error.message]
    return []


def _where(path: str) -> str:
    """The reader's own places ('Effekter, rad 3, Dödvikt') as they are; the engine's paths in words."""
    return path if "," in path or path[:1].isupper() else describe_path(path)
