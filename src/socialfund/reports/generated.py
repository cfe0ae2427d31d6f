"""The April report and its annex written in the background: asked for on the Rapporter page, written by a
task (the worker in production, at once with `make run`), kept in the storage and downloaded from there.

`document_request` records what was asked and enqueues the task after commit; the task moves the row through
its steps (the page that asked shows them) and saves the file through the model's storage, never a path.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.accounts.models import User
from socialfund.audit.services import audit_record
from socialfund.documents.downloads import DOCUMENT_FORMATS, document_bytes, download_filename
from socialfund.funds.models import Fund
from socialfund.record_language import in_record_language, record_language
from socialfund.reports.april import april_document, april_workbook
from socialfund.reports.april_annex import april_annex_document
from socialfund.reports.april_data import gather, report_date
from socialfund.reports.errors import ReportError
from socialfund.reports.models import DocumentState, GeneratedDocument, GeneratedDocumentKind

logger = logging.getLogger(__name__)

# What the task is doing at each step, as the page says it; the step counts the ones done.
STEPS = (
    _("Uppgifterna hämtas ur ärendena, bokföringen och uppföljningen"),
    _("Handlingen skrivs"),
    _("Filen sparas"),
)
ANNEX_FORMATS = ("pdf", "docx")


def document_filename(document: GeneratedDocument) -> str:
    stem = f"uppfoljning-{document.fund.slug}-{document.year}"
    return download_filename(
        stem + ("-bilaga" if document.kind == GeneratedDocumentKind.ANNEX else ""), document.file_format
    )


def document_request(*, fund: Fund, year: int, kind: str, file_format: str, user: User) -> GeneratedDocument:
    """Record the request and hand the writing to a task once the request is committed."""
    formats = ANNEX_FORMATS if kind == GeneratedDocumentKind.ANNEX else DOCUMENT_FORMATS
    if kind not in GeneratedDocumentKind.values or file_format not in formats:
        raise ReportError("Välj en handling och ett format som finns.", field="format")
    with transaction.atomic():
        document = GeneratedDocument.objects.create(
            fund=fund, year=year, kind=kind, file_format=file_format, requested_by=user
        )
        # Who asked for which of the fund's documents, and when: the audit log keeps it with the request, in the
        # same transaction. The download is not recorded: the audit log records changes, never reading (no
        # other download or page view writes an event), and the document's row already names who asked.
        audit_record(
            actor=user,
            action="document_request",
            target=document,
            to_state=DocumentState.QUEUED,
            message=f"{in_record_language(GeneratedDocumentKind(kind).label)} {year} ({file_format.upper()}) "
            f"för {fund.name} beställd.",
            data={"fund": fund.slug, "year": year, "kind": kind, "format": file_format},
        )
        transaction.on_commit(lambda: _enqueue(document.pk))
    return document


def _enqueue(document_id: int) -> None:
    result = generated_document_write.enqueue(document_id)
    # An immediate backend has run the task already; the row's state says so, and the id is kept for the log.
    GeneratedDocument.objects.filter(pk=document_id).update(task_id=str(result.id)[:64])


def _advance(document: GeneratedDocument, step: int, state: str = DocumentState.RUNNING) -> None:
    document.step, document.state = step, state
    document.save(update_fields=["step", "state"])


@task
def generated_document_write(document_id: int) -> str:
    """Write the document, step by step, and keep it in the storage; returns the stored name."""
    document = GeneratedDocument.objects.select_related("fund__organisation").get(pk=document_id)
    if document.finished:
        return document.file.name or ""
    try:
        with record_language():  # a filed document: Swedish, whoever asked
            _advance(document, 0)
            data = gather(document.fund, document.year, prepared_on=report_date(document.year, timezone.localdate()))
            _advance(document, 1)
            if document.kind == GeneratedDocumentKind.ANNEX:
                written = april_annex_document(data)
            else:
                written = april_workbook(data) if document.file_format == "xlsx" else april_document(data)
            file_bytes = document_bytes(written, document.file_format)
            _advance(document, 2)
            document.file.save(document_filename(document), ContentFile(file_bytes), save=False)
    except Exception:
        # The page says it failed and offers to try again; the details go to the log for the operator.
        logger.exception("generated document %s could not be written", document_id)
        document.state, document.finished_at = DocumentState.FAILED, timezone.now()
        document.save(update_fields=["state", "finished_at"])
        raise
    document.step, document.state, document.finished_at = len(STEPS), DocumentState.DONE, timezone.now()
    document.save(update_fields=["file", "step", "state", "finished_at"])
    return document.file.name or ""
