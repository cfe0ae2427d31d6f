"""The documents the municipality files are Swedish documents: a reader who chose English gets the same file."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from openpyxl import load_workbook

from socialfund.reports.models import GeneratedDocument
from tests.reports.conftest import docx_text

pytestmark = pytest.mark.django_db


def cells(content: bytes) -> list[list[object]]:
    book = load_workbook(io.BytesIO(content))
    return [[cell.value for cell in row] for sheet in book.worksheets for row in sheet.iter_rows()]


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_april_report_is_the_same_whatever_the_readers_language(granted, login, written):
    swedish = written(login("ekonomi"), "xlsx")
    client = in_english(login("ekonomi"))
    english = written(client, "xlsx")
    assert cells(english) == cells(swedish)
    assert any("Beviljat" in str(value) for row in cells(english) for value in row)
    # The reader chose English for the pages, not for the file.
    latest = GeneratedDocument.objects.latest("pk")
    assert client.get(f"/rapporter/handling/{latest.pk}/fil/")["Content-Language"] == "sv"


def test_the_word_report_and_the_lists_are_swedish_for_an_english_reader(granted, login, written):
    swedish = written(login("lasare"), "docx")
    english = written(in_english(login("lasare")), "docx")
    assert docx_text(english) == docx_text(swedish)
    for name in ("initiativ", "projekt"):
        url = f"/rapporter/sodertalje/lista/{name}.csv"
        assert in_english(login("ekonomi")).get(url).content == login("ekonomi").get(url).content


def test_the_books_are_swedish_for_an_english_reader(granted, login):
    url = "/fond/sodertalje/export/?fran=2016-01-01&till=2016-12-31&format=xlsx"
    english = in_english(login("ekonomi")).get(url)
    assert english["Content-Language"] == "sv"
    assert cells(english.content) == cells(login("ekonomi").get(url).content)
