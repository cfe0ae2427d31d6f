"""Filing a document socialfund draws up: the file is stored as it leaves the system, and registered.

`document_store_and_register` is the one way in, whoever made the file (the page's "Fastställ och
diarieför" here, or a background task that renders the report): it stores the bytes through Django's
storage API (`default_storage`, wherever the installation keeps its files) and registers the handling,
drawn up, on the document's own registry number. A filed document is never changed: filing again makes
the next version, and the earlier ones stay.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.consultations.permissions import is_staff_of
from socialfund.funds.models import Fund
from socialfund.records.codes import RecordType
from socialfund.records.models import Handling, StoredDocument
from socialfund.records.services import RecordsError


def may_file(user: User, fund: Fund) -> bool:
    """The registrar, the preparation group (who write the report) and the administrator file the April report."""
    roles = (Role.REGISTRAR, Role.PREPARATION_GROUP, Role.ADMINISTRATOR)
    return any(user.has_role(role) for role in roles) and is_staff_of(user, fund.organisation_id)


def _storage_name(fund: Fund, record_type: str, year: int | None, version: int, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1] if "." in filename else "pdf"
    return f"diarium/{fund.slug}/{record_type}-{year or 'x'}-v{version}.{suffix}"


def document_store_and_register(
    *,
    fund: Fund,
    record_type: str,
    title: str,
    content: bytes,
    filename: str,
    case_number: str,
    user: User | None,
    year: int | None = None,
    on: dt.date | None = None,
) -> tuple[StoredDocument, Handling]:
    """Store a drawn-up document's file and register it (upprättad) on `case_number`; returns both.

    The file is written first; if the database refuses, the file is removed again, so storage holds no
    document the register does not know."""
    if not case_number.strip():
        raise RecordsError(_("Handlingen behöver ett diarienummer innan den diarieförs."), field="registry_number")
    if not content:
        raise RecordsError(_("Handlingen är tom och kan inte diarieföras."))
    with transaction.atomic():
        # One version number per filing, even when two officials file at once.
        Fund.objects.select_for_update(no_key=True).filter(pk=fund.pk).first()
        last = StoredDocument.objects.filter(fund=fund, record_type=record_type, year=year).aggregate(v=Max("version"))
        version = (last["v"] or 0) + 1
        name = default_storage.save(
            _storage_name(fund, record_type, year, version, filename), ContentFile(content, name=filename)
        )
        try:
            document = StoredDocument(
                fund=fund,
                record_type=record_type,
                year=year,
                version=version,
                case_number=case_number.strip(),
                title=title[:300],
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
                filed_on=on or timezone.localdate(),
                filed_by=user,
            )
            document.file.name = name
            document.save()
            # The audit event registers the handling (records.hooks), in this transaction.
            audit_record(
                actor=user,
                action="document_file",
                target=document,
                message=f"Diarieförd: {document.title}, version {version}.",
                data={"version": version, "sha256": document.sha256},
            )
        except BaseException:
            default_storage.delete(name)
            raise
    handling = Handling.objects.get(source_type="records.storeddocument", source_id=str(document.pk))
    return document, handling


def filed_reports(fund: Fund) -> list[StoredDocument]:
    return list(
        StoredDocument.objects.filter(fund=fund, record_type=RecordType.ANNUAL_REPORT)
        .select_related("filed_by")
        .order_by("-year", "-version")
    )
