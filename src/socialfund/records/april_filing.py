"""Filing the April report: the official fixes (fastställer) the year's report, the PDF is stored and registered.

The report is generated with the year's latest written parts and its own registry number (the report's,
never the fund's); `filing.document_store_and_register` stores and registers it.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.documents.pdf import render_pdf
from socialfund.funds.models import Fund
from socialfund.record_language import record_language
from socialfund.records.codes import RecordType
from socialfund.records.filing import document_store_and_register, may_file
from socialfund.records.models import Handling, StoredDocument
from socialfund.records.services import RecordsError
from socialfund.reports.april import april_document
from socialfund.reports.april_data import gather, report_date
from socialfund.reports.report_texts import latest_text


def april_report_file(*, fund: Fund, year: int, user: User) -> tuple[StoredDocument, Handling]:
    """Generate the year's April report as PDF, store it and register it; each filing is a new version."""
    if not may_file(user, fund):
        raise RecordsError(_("Bara registrator, beredningsgruppen och administratören diarieför uppföljningen."))
    text = latest_text(fund, year)
    if text is None or not text.registry_number:
        raise RecordsError(
            _("Ange uppföljningens diarienummer på sidan för rapportens texter innan den diarieförs."),
            field="registry_number",
        )
    with record_language():  # a filed document is in the language the municipality files in
        data = gather(fund, year, prepared_on=report_date(year, timezone.localdate()))
        document = april_document(data)
        content = render_pdf(document)
    return document_store_and_register(
        fund=fund,
        record_type=RecordType.ANNUAL_REPORT,
        title=document.title,
        content=content,
        filename=f"uppfoljning-{fund.slug}-{year}.pdf",
        case_number=text.registry_number,
        user=user,
        year=year,
    )
