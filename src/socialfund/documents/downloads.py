"""Documents and tables as HTTP downloads: the right content type and a file name with no surprises."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.text import slugify

from socialfund.documents.model import Document, Table
from socialfund.documents.pdf import render_pdf
from socialfund.documents.spreadsheet import table_to_csv, tables_to_xlsx
from socialfund.documents.word import render_docx

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Language"] = translation.get_language() or settings.LANGUAGE_CODE
    response["Content-Disposition"] = f'attachment; filename="{download_filename(filename, fmt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def front_matter(document: Document) -> list[tuple[str, str]]:
    """The spreadsheet's first sheet: what the document is."""
    return [
        ("Handling", document.title),
        ("Organisation", document.organisation),
        ("Diarienummer", document.registry_number or "–"),
        ("Datum", document.date.isoformat() if document.date else "–"),
    ]


DOCUMENT_FORMATS = ("pdf", "docx", "xlsx")


def document_bytes(document: Document, fmt: str) -> bytes:
    """The document written as PDF, Word or XLSX (the document's tables); another format is a ValueError."""
    if fmt == "pdf":
        return render_pdf(document)
    if fmt == "docx":
        return render_docx(document)
    if fmt == "xlsx":
        return tables_to_xlsx(document.tables(), front=front_matter(document))
    raise ValueError(fmt)


def download_filename(filename: str, fmt: str) -> str:
    return f"{slugify(filename) or 'handling'}.{fmt}"


def document_response(document: Document, fmt: str, *, filename: str) -> HttpResponse:
    """PDF, Word or XLSX (the document's tables) of a document; another format is a 404."""
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    return _response(document_bytes(document, fmt), fmt, filename)


def table_response(table: Table, fmt: str, *, filename: str) -> HttpResponse:
    if fmt == "csv":
        return _response(table_to_csv(table), fmt, filename)
    if fmt == "xlsx":
        return _response(tables_to_xlsx([table]), fmt, filename)
    raise Http404
