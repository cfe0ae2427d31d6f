"""Filing the April report from the register: the filed versions, each as it was stored, and the button that
fixes (fastställer) and files the year's report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from socialfund.records.april_filing import april_report_file
from socialfund.records.filing import filed_reports, may_file
from socialfund.records.models import Handling, StoredDocument
from socialfund.records.services import RecordsError
from socialfund.records.views import _staff_fund, _user


def _years(first: int) -> list[int]:
    return list(range(timezone.localdate().year, first - 1, -1))


@login_required
@require_GET
def filed_reports_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    fund = _staff_fund(user, slug)
    documents = filed_reports(fund)
    numbers = dict(
        Handling.objects.filter(
            source_type="records.storeddocument", source_id__in=[str(d.pk) for d in documents]
        ).values_list("source_id", "number")
    )
    rows = [(document, numbers.get(str(document.pk), "")) for document in documents]
    context = {"fund": fund, "rows": rows, "years": _years(fund.decided_on.year), "may_file": may_file(user, fund)}
    return render(request, "records/filed_reports.html", context)


@login_required
@require_POST
def april_file_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    fund = _staff_fund(user, slug)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        raise Http404 from None
    if year not in _years(fund.decided_on.year):
        raise Http404
    try:
        document, handling = april_report_file(fund=fund, year=year, user=user)
    except RecordsError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Uppföljningen %(year)s är fastställd och diarieförd som %(number)s (version %(version)s).")
            % {"year": year, "number": handling.number, "version": document.version},
        )
    return redirect("records:filed-reports", slug=fund.slug)


@login_required
@require_GET
def stored_document_view(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """The filed file exactly as it was stored."""
    fund = _staff_fund(_user(request), slug)
    document = get_object_or_404(StoredDocument, fund=fund, pk=pk)
    if not document.file.name:
        raise Http404
    name = f"uppfoljning-{fund.slug}-{document.year}-version-{document.version}.pdf"
    return FileResponse(
        default_storage.open(document.file.name, "rb"),
        as_attachment=True,
        filename=name,
        content_type="application/pdf",
    )
