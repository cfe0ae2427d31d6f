"""Choosing the storage by environment (docs/operations.md, "File storage"): the file system by default, a
bucket with SOCIALFUND_STORAGE=s3, and a half-configured bucket stops the start with a Swedish message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from socialfund.config import storages_from_env


def test_the_file_system_is_the_default(monkeypatch):
    monkeypatch.delenv("SOCIALFUND_STORAGE", raising=False)
    assert storages_from_env()["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_a_bucket_without_its_keys_stops_the_start(monkeypatch):
    monkeypatch.setenv("SOCIALFUND_STORAGE", "s3")
    monkeypatch.setenv("S3_BUCKET", "fond")
    monkeypatch.delenv("S3_ACCESS_KEY_ID", raising=False)
    monkeypatch.delenv("S3_SECRET_ACCESS_KEY", raising=False)
    with pytest.raises(
        ImproperlyConfigured, match="SOCIALFUND_STORAGE=s3 kräver S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY"
    ):
        storages_from_env()


def test_an_unknown_storage_is_refused(monkeypatch):
    monkeypatch.setenv("SOCIALFUND_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="måste vara filesystem eller s3"):
        storages_from_env()
