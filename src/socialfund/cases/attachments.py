"""Attachments: type checked by content, not by name; size limited; stored through Django's storage."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.cases import permissions as perm
from socialfund.cases.codes import AttachmentKind
from socialfund.cases.errors import CasePermissionDenied, CaseValidationError
from socialfund.cases.file_sniffing import ArchiveTooLarge, clean_file_name, sniff_format
from socialfund.cases.models import Attachment, Initiative

ALLOWED_FORMATS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "odt": "OpenDocument-text (ODT)"}


def max_upload_bytes() -> int:
    return int(getattr(settings, "SOCIALFUND_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def attachment_add(*, initiative: Initiative, user: User, upload: UploadedFile[Any], kind: str) -> Attachment:
    """Attach a document to the case. Refuses other formats whatever the file is called."""
    if not perm.can_view(user, initiative) or not (
        perm.acts_for_board(user, initiative)
        or user.role_codes & {Role.PREPARATION_GROUP, Role.REGISTRAR, Role.OPINION_GIVER, Role.CITY_DIRECTOR}
    ):
        raise CasePermissionDenied("Du kan inte lägga till handlingar i det här ärendet.")
    if kind not in AttachmentKind.values:
        raise CaseValidationError("Välj vilken sorts handling det är.", field="kind")
    size = upload.size or 0
    if size == 0:
        raise CaseValidationError("Filen är tom.", field="file")
    if size > max_upload_bytes():
        limit_mb = max_upload_bytes() // (1024 * 1024)
        raise CaseValidationError(f"Filen är för stor: högst {limit_mb} MB.", field="file")
    if upload.file is None:
        raise CaseValidationError("Filen är tom.", field="file")
    try:
        file_format = sniff_format(upload.file)
    except ArchiveTooLarge as error:
        raise CaseValidationError(str(error), field="file") from error
    if file_format is None:
        allowed = ", ".join(ALLOWED_FORMATS.values())
        raise CaseValidationError(f"Filen är inte en tillåten filtyp ({allowed}).", field="file")
    name = clean_file_name(upload.name or "")
    stem = PurePath(name).stem[:120] or "handling"
    upload.seek(0)
    upload.name = f"{stem}.{file_format}"
    with transaction.atomic():
        attachment = Attachment.objects.create(
            initiative=initiative,
            kind=kind,
            file=upload,
            original_name=name[:255],
            file_format=file_format,
            size=size,
            uploaded_by=user,
        )
        audit_record(
            actor=user,
            action="attachment_add",
            target=attachment,
            initiative=initiative,
            message=f"Handling: {attachment.original_name} ({ALLOWED_FORMATS[file_format]}).",
        )
    return attachment
