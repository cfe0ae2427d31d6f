"""A local S3-compatible server for the storage tests: moto's server, started here on a free port of the
loopback, so the tests need nothing installed or running beforehand and reach nothing outside the machine."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

BUCKET = "socialfund-test"
KEYS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret"}
REGION = "eu-north-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class S3Server:
    endpoint: str

    def client(self) -> Any:
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, region_name=REGION, **KEYS)

    def keys(self) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=BUCKET)
        return [item["Key"] for item in listing.get("Contents", [])]

    def read(self, key: str) -> bytes:
        return bytes(self.client().get_object(Bucket=BUCKET, Key=key)["Body"].read())


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield S3Server(endpoint=f"http://127.0.0.1:{port}")
    finally:
        server.stop()


@pytest.fixture
def s3_storage(s3_server: S3Server, settings, monkeypatch, tmp_path) -> S3Server:
    """The installation configured as docs/operations.md says (SOCIALFUND_STORAGE=s3 and the S3_ variables),
    with an empty bucket; MEDIA_ROOT points at an empty folder, which must stay empty."""
    from socialfund.config import storages_from_env

    for name, value in {
        "SOCIALFUND_STORAGE": "s3",
        "S3_BUCKET": BUCKET,
        "S3_ACCESS_KEY_ID": KEYS["aws_access_key_id"],
        "S3_SECRET_ACCESS_KEY": KEYS["aws_secret_access_key"],
        "S3_ENDPOINT_URL": s3_server.endpoint,
        "S3_REGION": REGION,
        "S3_ADDRESSING_STYLE": "path",
    }.items():
        monkeypatch.setenv(name, value)
    client = s3_server.client()
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = storages_from_env()
    yield s3_server
    for key in s3_server.keys():
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)
