"""The fund's money in the editor, the comparison and the documents: written as 24 000 000 kr, and typed
with spaces as people write it."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from socialfund.core.policy import load_policy
from socialfund.guidelines.comparison import wording_changes
from socialfund.guidelines.document import document_of, validate_document
from tests.guidelines.test_views import _post_section, draft  # noqa: F401 (the fixture)

NBSP = "\u00a0"


def test_a_changed_capital_is_worded_in_whole_kronor() -> None:
    current = load_policy("sodertalje-2013")
    document = document_of(current)
    document["funding"]["capital"] = 30_000_000
    proposed, problems = validate_document(document)
    assert proposed is not None, problems
    change = next(c for c in wording_changes(current, proposed) if c.heading == "Kapital")
    assert (change.current, change.proposed) == (f"24{NBSP}000{NBSP}000{NBSP}kr", f"30{NBSP}000{NBSP}000{NBSP}kr")


@pytest.mark.django_db
def test_the_capital_is_shown_and_typed_with_spaces_everywhere(draft) -> None:  # noqa: F811
    client, version = draft
    page = client.get(reverse("guidelines:section", args=[version.pk, "pengar"])).content.decode()
    assert f'value="24{NBSP}000{NBSP}000"' in page and "24000000" not in page
    response = _post_section(client, version, "pengar", {"f_funding__capital": "30 000 000"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.document["funding"]["capital"] == 30_000_000
    refused = _post_section(client, version, "pengar", {"f_funding__capital": "trettio miljoner"})
    assert refused.status_code == 400 and "Skriv beloppet i kronor" in refused.content.decode()

    compare = client.get(reverse("guidelines:compare", args=[version.pk])).content.decode()
    assert f"24{NBSP}000{NBSP}000{NBSP}kr" in compare and f"30{NBSP}000{NBSP}000{NBSP}kr" in compare
    for kind in ("pm", "tjansteskrivelse"):
        docx = client.get(reverse("guidelines:document", args=[version.pk, kind, "docx"])).content
        text = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
        assert f"30{NBSP}000{NBSP}000{NBSP}kr" in text and "30,0" not in text
