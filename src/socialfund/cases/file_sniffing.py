"""What an uploaded file really is, read from its content with bounded memory.

A ZIP-based document (DOCX, XLSX, ODT) is judged from its central directory: the sizes the
archive declares are checked against limits before anything is inflated, and the one member we
read (ODT's `mimetype`) is read only up to a few hundred bytes. A small archive that claims to
unpack to hundreds of megabytes is refused as a whole: nothing downstream (previews, exports,
the archive package) should have to inflate it either.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
HEAD_BYTES = 8
MIMETYPE_READ_BYTES = 256

# The content type a download is served with follows the format found here, never the name.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}

# Characters that change how a name is displayed without being seen: the bidirectional
# overrides and isolates ("report\u202eexe.pdf" shows as "reportfdp.exe") and marks.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class ArchiveTooLarge(Exception):
    """The archive would inflate beyond the limits; its Swedish message is for the user."""


@dataclass(frozen=True)
class ArchiveLimits:
    max_total_bytes: int
    max_ratio: int
    max_members: int


def archive_limits() -> ArchiveLimits:
    return ArchiveLimits(
        max_total_bytes=int(getattr(settings, "SOCIALFUND_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)),
        max_ratio=int(getattr(settings, "SOCIALFUND_MAX_UNPACK_RATIO", 100)),
        max_members=int(getattr(settings, "SOCIALFUND_MAX_ARCHIVE_MEMBERS", 2000)),
    )


def _check_inflation(archive: zipfile.ZipFile, limits: ArchiveLimits) -> None:
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise ArchiveTooLarge(f"Filen innehåller för många delar (högst {limits.max_members}).")
    total = 0
    for member in members:
        total += member.file_size
        # A stored (uncompressed) member cannot expand; only compressed ones are judged by ratio.
        packed = max(member.compress_size, 1)
        if member.compress_type != zipfile.ZIP_STORED and member.file_size > 1024 * 1024:
            if member.file_size / packed > limits.max_ratio:
                raise ArchiveTooLarge("Filen packas upp till en orimligt stor storlek och kan inte tas emot.")
    if total > limits.max_total_bytes:
        limit_mb = limits.max_total_bytes // (1024 * 1024)
        raise ArchiveTooLarge(f"Filen packas upp till mer än {limit_mb} MB och kan inte tas emot.")


def _zip_format(stream: IO[bytes], limits: ArchiveLimits) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            _check_inflation(archive, limits)
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    if member.read(MIMETYPE_READ_BYTES).strip() == ODT_MIMETYPE:
                        return "odt"
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return "docx"
                if any(n.startswith("xl/") for n in names):
                    return "xlsx"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        return None
    return None


def sniff_format(stream: IO[bytes], *, limits: ArchiveLimits | None = None) -> str | None:
    """The file's real format from its content, or None when it is none of the allowed ones.

    Raises ArchiveTooLarge for an archive that would inflate beyond the limits. The stream must be
    seekable; it is left at its start.
    """
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if not head.startswith(b"PK\x03\x04"):
            return None
        return _zip_format(stream, limits or archive_limits())
    finally:
        stream.seek(0)


def clean_file_name(name: str, *, fallback: str = "handling") -> str:
    """A file name fit to show and to offer for download: no directories, no control or
    bidirectional formatting characters, at most 255 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(ch for ch in base if ch not in _BIDI_CONTROLS and unicodedata.category(ch) not in {"Cc", "Cf", "Cs"})
    kept = kept.strip().strip(".")
    return kept[:255] or fallback


def download_name(original_name: str, file_format: str) -> str:
    """The name a download is offered under: cleaned, and ending in the format found in the content
    (a PDF uploaded as `evil.html` is offered as `evil.pdf`)."""
    name = clean_file_name(original_name)
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        stem = name
    return f"{stem}.{file_format}" if file_format else stem
