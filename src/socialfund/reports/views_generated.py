"""Pages of the documents written in the background: ask for one, follow its progress, download it.

The progress page polls with htmx (the live region's content is replaced, never the region, so a screen
reader reads each new step) and, without JavaScript, reloads itself until the document is ready.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from socialfund.documents.downloads import CONTENT_TYPES
from socialfund.kit.refusals import Refusal
from socialfund.reports.generated import STEPS, document_filename, document_request
from socialfund.reports.models import GeneratedDocument
from socialfund.reports.views import _staff_fund, _user, report_years

# htmx stops polling when the answer has this status (htmx's documented "stop polling" code).
STOP_POLLING = 286
POLL_SECONDS = 2
RELOAD_SECONDS = 5


def _document(request: HttpRequest, pk: int) -> GeneratedDocument:
    """The document, for staff of its fund's organisation; 404 for anyone else."""
    document = get_object_or_404(GeneratedDocument.objects.select_related("fund"), pk=pk)
    _staff_fund(_user(request), document.fund.slug)
    return document


def _context(document: GeneratedDocument) -> dict[str, object]:
    return {
        "document": document,
        "steps": STEPS,
        "current_step": STEPS[document.step] if document.step < len(STEPS) else None,
        "step_number": min(document.step + 1, len(STEPS)),
        "filename": document_filename(document),
        "poll_seconds": POLL_SECONDS,
        "reload_seconds": RELOAD_SECONDS,
    }


@login_required
@require_POST
def document_request_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    fund = _staff_fund(_user(request), slug)
    if year not in report_years(fund):
        raise Http404
    try:
        document = document_request(
            fund=fund,
            year=year,
            kind=request.POST.get("kind", ""),
            file_format=request.POST.get("format", ""),
            user=_user(request),
        )
    except Refusal as error:
        return render(request, "reports/document_refused.html", {"message": error.message}, status=400)
    return redirect("reports:document", pk=document.pk)


@login_required
@require_GET
def document_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    return render(request, "reports/document.html", _context(document))


@login_required
@require_GET
def document_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The live region's new content; 286 once the document is done or failed, so that htmx stops asking."""
    document = _document(request, pk)
    status = STOP_POLLING if document.finished else 200
    return render(request, "reports/document_progress.html", _context(document), status=status)


@login_required
@require_GET
def document_download_view(request: HttpRequest, pk: int) -> FileResponse:
    document = _document(request, pk)
    if not document.file:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document_filename(document),
        content_type=CONTENT_TYPES[document.file_format],
    )
    # The task wrote it in the records' language, whichever language the reader chose for the pages.
    response["Content-Language"] = settings.LANGUAGE_CODE
    return response
