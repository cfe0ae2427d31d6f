"""An E-ARK SIP of the demo's Familjecentraler case validates with the E-ARK project's validator."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from socialfund.accounts.models import User
from socialfund.cases import services
from socialfund.cases.models import Initiative
from socialfund.organisation.models import DecisionBody
from socialfund.records.package import METS, XLINK, package_build
from socialfund.records.services import RecordsError
from tests.records.eark import validate

pytestmark = pytest.mark.django_db


def _pdf_a_part(pdf: Path) -> str:
    """The PDF/A part the file declares in its XMP metadata (pdfinfo from poppler-utils reads it)."""
    xmp = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    match = re.search(r"pdfaid:part(?:>|=\")(\d)", xmp)
    return match.group(1) if match else ""


def _close_family_centres() -> Initiative:
    family = Initiative.objects.get(title="Familjecentraler")
    services.decision_register(
        initiative=family,
        user=User.objects.get(username="registrator"),
        body=DecisionBody.objects.get(code="KS"),
        decided_on=dt.date(2015, 12, 7),
        paragraph="§ 210",
        outcome="granted",
        text="Kommunstyrelsen beviljar socialnämnden 1 800 000 kr för familjecentraler.",
        amounts={2016: Decimal("900000"), 2017: Decimal("900000")},
        start_project=False,
    )
    family.refresh_from_db()
    return family


def test_the_family_centres_package_validates(demo, tmp_path: Path):
    family = Initiative.objects.get(title="Familjecentraler")
    with pytest.raises(RecordsError, match="inte avslutat"):
        package_build(family, tmp_path)
    family = _close_family_centres()

    package = package_build(family, tmp_path)

    valid, messages = validate(package)
    assert valid, "\n".join(messages)
    # Every document is PDF/A, and every checksum in the METS is the file's.
    rep = etree.parse(str(package / "representations" / "rep1" / "METS.xml"))
    files = rep.findall(f".//{{{METS}}}file")
    assert len(files) == family.handlings.count() + 1  # each registered document, and the case log
    for element in files:
        href = element.find(f"{{{METS}}}FLocat").get(f"{{{XLINK}}}href")
        content = (package / "representations" / "rep1" / href).read_bytes()
        assert element.get("CHECKSUM") == hashlib.sha256(content).hexdigest().upper()
        assert _pdf_a_part(package / "representations" / "rep1" / href) == "2"
    erms = (package / "metadata" / "descriptive" / "erms.xml").read_text(encoding="utf-8")
    assert family.registry_number in erms and "caseFile" in erms
    assert "Beslut KS 2015-12-07 § 210" in erms
