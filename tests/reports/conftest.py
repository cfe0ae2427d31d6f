"""Fixtures for the documents: the demo fund with Familjecentraler granted, booked and followed up."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from socialfund.accounts.models import User
from socialfund.cases.models import Decision, DecisionAmount, Initiative
from socialfund.funds.models import Fund
from socialfund.organisation.models import DecisionBody

GRANT = {2016: Decimal("900000.00"), 2017: Decimal("900000.00")}
PAID = Decimal("900000.00")


@pytest.fixture
def users(demo) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def fund(demo) -> Fund:
    return Fund.objects.get(slug="sodertalje")


@pytest.fixture
def granted(fund, users) -> Initiative:
    """Familjecentraler: KS grants 1,8 mnkr (2016–2017), finance books it, pays 2016 and adopts the plan;
    the registrar starts the follow-up and the preparation group records a measurement."""
    from socialfund.followup.services.indicators import measurement_record
    from socialfund.followup.services.projects import project_start
    from socialfund.ledger.services import grant_decide, payout_register, repayment_plan_adopt

    initiative = Initiative.objects.get(fund=fund, title="Familjecentraler")
    # Here the figures are the case's own (as an official would enter them), not the demo's assumptions: the
    # documents print them.
    Initiative.objects.filter(pk=initiative.pk).update(
        registry_number="KS 15-12", preparation_memo="INTERN BEREDNINGSANTECKNING", demo_assumed=[], demo_note=""
    )
    decision = Decision.objects.create(
        initiative=initiative,
        body=DecisionBody.objects.get(organisation=fund.organisation, code="KS"),
        decided_on=dt.date(2016, 1, 25),
        paragraph="§ 12",
        outcome="granted",
        text="Kommunstyrelsen beviljar Familjecentraler 1 800 000 kr ur den sociala investeringsfonden.",
        registered_by=users["registrator"],
    )
    for year, amount in GRANT.items():
        DecisionAmount.objects.create(decision=decision, year=year, amount=amount)
    Initiative.objects.filter(pk=initiative.pk).update(status="granted")
    initiative.refresh_from_db()
    grant_decide(decision=decision, user=users["ekonomi"], acknowledge_warnings=True)
    payout_register(initiative=initiative, user=users["ekonomi"], amount=PAID, paid_on=dt.date(2016, 3, 1))
    repayment_plan_adopt(initiative=initiative, user=users["ekonomi"], adopted_on=dt.date(2016, 2, 1))
    project = project_start(initiative=initiative, user=users["registrator"], started_on=dt.date(2016, 2, 1))
    indicator = project.indicators.order_by("pk").first()
    if indicator is not None:
        measurement_record(
            indicator=indicator, user=users["beredning"], measured_on=dt.date(2016, 12, 31), value=Decimal("0.3")
        )
    return initiative


@pytest.fixture
def written(settings, tmp_path):
    """written(client, "pdf") -> the file's bytes, asked for as the Rapporter page asks (the background task,
    run at once by the tests' immediate backend once the request commits) and downloaded from its page."""
    from django.test import TestCase

    settings.MEDIA_ROOT = tmp_path / "media"

    def _written(client: Client, fmt: str, *, kind: str = "april", year: int = 2016, slug: str = "sodertalje") -> bytes:
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(f"/rapporter/{slug}/uppfoljning-{year}/skriv/", {"kind": kind, "format": fmt})
        assert response.status_code == 302, response.status_code
        download = client.get(response["Location"] + "fil/")
        assert download.status_code == 200, download.status_code
        return b"".join(download.streaming_content)

    return _written


def pdf_text(content: bytes, tmp_path: Path) -> str:
    """The PDF's text as pdftotext (poppler-utils) reads it, on one line, non-breaking spaces as plain spaces."""
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
    return " ".join(result.stdout.replace("\u00a0", " ").split())  # one line: wrapped headings read whole


def assert_tagged_pdf(content: bytes, tmp_path: Path, *, language: str = "sv") -> None:
    """A PDF that assistive technology can read (EN 301 549 10.1.3.1): tagged, with a structure tree,
    its language set and marked as PDF/UA-1. pdfinfo (poppler-utils) reads the tags and the structure;
    the language is in the document catalog, which WeasyPrint writes into a compressed object stream."""
    path = tmp_path / "tagged.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    structure = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True, check=True, text=True).stdout
    assert structure.startswith("Document") and "H1" in structure, structure[:500]
    metadata = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, check=True, text=True).stdout
    assert 'pdfuaid:part="1"' in metadata, metadata
    assert f"/Lang ({language})".encode() in pdf_objects(content), "the document catalog sets no language"


def pdf_objects(content: bytes) -> bytes:
    """The PDF's bytes with every Flate-compressed stream (object streams included) inflated after it."""
    inflated = [content]
    for match in re.finditer(rb"stream\r?\n", content):
        try:
            inflated.append(zlib.decompressobj().decompress(content[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def pdf_pages_as_png(content: bytes, tmp_path: Path, *, resolution: int = 40) -> list[Path]:
    path = tmp_path / "pages.pdf"
    path.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(path), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page*.png"))


def docx_text(content: bytes) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    """(style, text) of every paragraph, and every table as rows of cell texts."""
    import io

    import docx

    document = docx.Document(io.BytesIO(content))
    paragraphs = [(p.style.name, p.text.replace("\u00a0", " ")) for p in document.paragraphs]
    tables = [
        [[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    return paragraphs, tables


# The PDF tests read text and render pages with Debian's poppler-utils. Without it they skip on a
# developer's machine but not in CI (CI=true, where .ci/run installs it): a PDF test silently skipped
# there would let a blank or broken PDF land.
POPPLER_MISSING = shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None
needs_poppler = pytest.mark.skipif(
    POPPLER_MISSING and os.environ.get("CI") != "true", reason="poppler-utils saknas (apt-get install poppler-utils)"
)
