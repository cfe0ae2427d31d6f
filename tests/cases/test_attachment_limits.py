"""Issue 21, findings 1 and 9: archives that inflate far beyond their size are refused without being
inflated; downloads are typed by their content and offered under a clean name."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from socialfund.cases.models import Attachment

pytestmark = pytest.mark.django_db

INFLATED = 30 * 1024 * 1024  # 30 MB of zeros packs to ~30 KB


def _zip(members: dict[str, bytes], *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compress) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _odt_bomb() -> bytes:
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text" + b"\0" * INFLATED})


def _docx_bomb() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * INFLATED})


def _post(client, users, draft, name: str, content: bytes):
    client.force_login(users["handlaggare"])
    return client.post(
        reverse("cases:attach", args=[draft.pk]),
        {"attach-kind": "application", "attach-file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(("name", "bomb"), [("ansokan.odt", _odt_bomb), ("ansokan.docx", _docx_bomb)])
def test_an_archive_that_inflates_far_beyond_its_size_is_refused(client, users, draft, settings, tmp_path, name, bomb):
    settings.MEDIA_ROOT = tmp_path
    content = bomb()
    assert len(content) < 100_000
    tracemalloc.start()
    try:
        response = _post(client, users, draft, name, content)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert "packas upp" in response.content.decode()
    assert not Attachment.objects.filter(initiative=draft).exists()
    assert peak < 10 * 1024 * 1024  # the 30 MB member was never inflated


def test_an_archive_over_the_total_unpacked_size_is_refused(client, users, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SOCIALFUND_MAX_UNPACKED_BYTES = 1024 * 1024
    stored = _zip(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"x" * (2 * 1024 * 1024)},
        compress=zipfile.ZIP_STORED,
    )
    response = _post(client, users, draft, "stor.docx", stored)
    assert response.status_code == 400
    assert "mer än 1 MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_ordinary_odt_is_still_accepted(client, users, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>" * 1000})
    response = _post(client, users, draft, "ansokan.odt", odt)
    assert response.status_code == 302
    assert Attachment.objects.get(initiative=draft).file_format == "odt"


def test_a_download_is_typed_by_its_content_not_its_name(client, users, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert _post(client, users, draft, "evil.html", b"%PDF-1.4 minimal").status_code == 302
    attachment = Attachment.objects.get(initiative=draft)
    download = client.get(reverse("cases:attachment", args=[draft.pk, attachment.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert "evil.pdf" in download["Content-Disposition"]
    assert "html" not in download["Content-Disposition"]


def test_bidirectional_controls_are_removed_from_the_name_on_upload(client, users, draft, settings, tmp_path):
    # The web's multipart parser drops unprintable characters itself; the service must not rely on it.
    from socialfund.cases.attachments import attachment_add

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("report\u202eexe.pdf", b"%PDF-1.4 minimal")
    attachment = attachment_add(initiative=draft, user=users["handlaggare"], upload=upload, kind="application")
    assert attachment.original_name == "reportexe.pdf"
    client.force_login(users["handlaggare"])
    download = client.get(reverse("cases:attachment", args=[draft.pk, attachment.pk]))
    assert "\u202e" not in download["Content-Disposition"]
    assert "reportexe.pdf" in download["Content-Disposition"]


def test_clean_file_name_keeps_swedish_letters_and_drops_controls():
    from socialfund.cases.file_sniffing import clean_file_name

    assert clean_file_name("Ansökan åäö\u2066\u200f.pdf") == "Ansökan åäö.pdf"
    assert clean_file_name("../../etc/\x00passwd") == "passwd"
    assert clean_file_name("\u202e") == "handling"
