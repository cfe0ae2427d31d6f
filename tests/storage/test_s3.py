"""Files in an S3-compatible bucket (issue 28, item 3): an attachment uploaded on the case page and an April
report written in the background land in the bucket, nothing lands under MEDIA_ROOT, and both download
through the application with the bytes that were stored."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from socialfund.cases.models import Attachment, Initiative
from socialfund.reports.models import GeneratedDocument

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a minimal file for the test\n"


def test_an_attachment_is_stored_in_the_bucket_and_downloaded_from_it(s3_storage, login, settings):
    client = login("handlaggare")
    case = Initiative.objects.filter(lead_board__code="UN").order_by("pk").first()
    assert case is not None
    response = client.post(
        reverse("cases:attach", args=[case.pk]),
        {"attach-kind": "application", "attach-file": SimpleUploadedFile("Ansökan.pdf", PDF)},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    attachment = Attachment.objects.get(initiative=case)
    assert type(default_storage._wrapped).__name__ == "S3Storage"  # the bucket, as configured
    assert s3_storage.keys() == [attachment.file.name]
    assert s3_storage.read(attachment.file.name) == PDF
    assert not settings.MEDIA_ROOT.exists()  # nothing went to the file system
    download = client.get(reverse("cases:attachment", args=[case.pk, attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_written_april_report_is_kept_in_the_bucket_and_downloaded_from_it(
    s3_storage, login, settings, django_capture_on_commit_callbacks
):
    client = login("beredning")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/rapporter/sodertalje/uppfoljning-2016/skriv/", {"kind": "april", "format": "xlsx"})
    document = GeneratedDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rapporter/handling/{document.pk}/"
    assert document.state == "done"
    assert s3_storage.keys() == [document.file.name]
    assert document.file.name.startswith("handlingar/sodertalje/2016/uppfoljning-sodertalje-2016")
    assert not settings.MEDIA_ROOT.exists()
    download = client.get(f"/rapporter/handling/{document.pk}/fil/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == s3_storage.read(document.file.name)
    assert 'filename="uppfoljning-sodertalje-2016.xlsx"' in download["Content-Disposition"]
