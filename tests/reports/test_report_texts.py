"""Issue 19: the April report's written parts are saved with versions and go into the report."""

from __future__ import annotations

import pytest

from socialfund.funds.models import Fund
from socialfund.reports.models import ReportText

pytestmark = pytest.mark.django_db
URL = "/rapporter/sodertalje/uppfoljning-2015/text/"


def test_the_official_writes_saves_again_and_the_report_prints_the_latest_version(demo, login, written):
    client = login("beredning")
    page = client.get(URL)
    assert page.status_code == 200 and "KS 26-1" in page.content.decode()  # the fund's pattern suggests a number
    data = {"registry_number": "KS 16-51", "lessons": "Förankringen kom för sent.", "proposals": "", "comments": ""}
    assert client.post(URL, data).status_code == 302
    data["lessons"] = "Förankringen måste ske hos kontorschefen först."
    assert client.post(URL, data).status_code == 302
    fund = Fund.objects.get(slug="sodertalje")
    versions = list(ReportText.objects.filter(fund=fund, year=2015).values_list("version", "lessons"))
    assert versions == [(2, "Förankringen måste ske hos kontorschefen först."), (1, "Förankringen kom för sent.")]
    page = client.get(URL).content.decode()
    assert "Förankringen måste ske hos kontorschefen först." in page and '<th scope="row">1</th>' in page

    import io

    from docx import Document as Word

    word = Word(io.BytesIO(written(client, "docx", year=2015)))
    texts = [p.text for p in word.paragraphs]
    assert "Dnr: KS 16-51" in texts
    assert "Förankringen måste ske hos kontorschefen först." in texts
    assert "Förankringen kom för sent." not in texts


def test_a_reader_may_not_write_the_reports_texts(demo, login):
    assert login("lasare").get(URL).status_code == 404
