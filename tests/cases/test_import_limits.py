"""Issue 21, finding 5: the start-from-file import refuses a title over 200 characters and a file nested
thousands of levels deep with a Swedish message; nothing is stored. Run on PostgreSQL too (a long
title was a database error there)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from socialfund.cases.models import Initiative

pytestmark = pytest.mark.django_db


def _import(users, content: bytes):
    client = Client(raise_request_exception=False)
    client.force_login(users["handlaggare"])
    return client.post(reverse("cases:import"), {"file": SimpleUploadedFile("initiativ.yaml", content)})


def test_a_title_over_200_characters_is_refused(users, fund):
    before = Initiative.objects.count()
    response = _import(users, f"title: {'Å' * 201}\nstage: idea\n".encode())
    assert response.status_code == 400
    assert "Titeln får vara högst 200 tecken" in response.content.decode()
    assert Initiative.objects.count() == before


@pytest.mark.parametrize(
    "content",
    [
        b"title: Djup\nstage: idea\npurpose: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        b"title: Djup\nstage: idea\npurpose:\n" + b"- " * 5000 + b"x\n",
        b"title: Djup\nstage: idea\npurpose: " + b"[" * 60 + b"]" * 60 + b"\n",
    ],
    ids=["flow-5000", "block-5000", "flow-60"],
)
def test_a_deeply_nested_file_is_refused(users, fund, content):
    before = Initiative.objects.count()
    response = _import(users, content)
    assert response.status_code == 400
    assert "nästlad för djupt" in response.content.decode()
    assert Initiative.objects.count() == before


def test_check_document_counts_depth_without_recursion():
    from socialfund.cases.document_limits import DocumentTooComplex, check_document

    deep: list[object] = []
    node = deep
    for _ in range(100_000):
        child: list[object] = []
        node.append(child)
        node = child
    with pytest.raises(DocumentTooComplex):
        check_document(deep)
    check_document({"a": [1, {"b": 2}]})
    with pytest.raises(DocumentTooComplex, match="för många värden"):
        check_document(list(range(200_000)))


def test_a_nul_character_in_the_file_is_refused(users, fund):
    # Over HTTP a NUL is refused by the middleware; inside an uploaded file it reaches the reader. Run on
    # PostgreSQL, where the title would otherwise fail the insert.
    before = Initiative.objects.count()
    response = _import(users, b'title: "L\\x00xhj\\xe4lp"\nstage: idea\n')
    assert response.status_code == 400
    assert "otillåtet tecken (NUL)" in response.content.decode()
    assert Initiative.objects.count() == before
