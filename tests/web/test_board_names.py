"""Issue 29: boards are never named by a bare code; the fund's administrator fills in the names the seed
lacks (audited), and the demo's assumed name is marked as such and never printed."""

from __future__ import annotations

import re

import pytest

from socialfund.audit.models import AuditEvent
from socialfund.demo.sodertalje import BOARD_NOTES
from socialfund.organisation.models import Board

pytestmark = pytest.mark.django_db
URL = "/namnder/"


def test_the_administrator_names_a_board_and_the_change_is_audited(demo, login):
    client = login("admin")
    page = client.get(URL).content.decode()
    assert '<abbr title="Nämndens fullständiga namn saknas">ALN</abbr> (förkortning, fullständigt namn saknas)' in page
    assert BOARD_NOTES["UN"] in page and "Demonstrationens antagande" in page
    aln = Board.objects.get(code="ALN")
    un = Board.objects.get(code="UN")
    data = {f"board_{b.pk}": b.name for b in Board.objects.filter(organisation=aln.organisation)}
    data[f"board_{aln.pk}"] = "Arbetslivsnämnden"
    data[f"board_{un.pk}"] = "Utbildningsnämnden"
    assert client.post(URL, data).status_code == 302
    aln.refresh_from_db()
    assert aln.name == "Arbetslivsnämnden" and str(aln) == "ALN Arbetslivsnämnden"
    event = AuditEvent.objects.get(action="board_name_set")
    assert event.data == {"from": "", "to": "Arbetslivsnämnden"}
    # Keeping the demo's name is not an edit: its note stays.
    assert Board.objects.get(code="UN").demo_note == BOARD_NOTES["UN"]


def test_a_too_long_name_is_refused_at_its_field_and_nothing_is_saved(demo, login):
    client = login("admin")
    aln = Board.objects.get(code="ALN")
    response = client.post(URL, {f"board_{aln.pk}": "N" * 201})
    assert response.status_code == 400
    assert f'id="board_{aln.pk}-error"' in response.content.decode()
    assert Board.objects.get(code="ALN").name == ""


def test_only_the_administrator_names_boards(demo, login):
    assert login("lasare").get(URL).status_code == 404
    assert login("beredning").post(URL, {}).status_code == 404


def test_a_board_checkbox_is_never_labelled_by_its_code_alone(demo, login):
    page = login("registrator").get("/remisser/ny/").content.decode()
    labels = re.findall(r'<label for="id_boards_\d+">(.*?)</label>', page, re.S)
    assert labels, "no board checkboxes on the consultation form"
    texts = [re.sub(r"<[^>]+>", "", label).strip() for label in labels]
    codes = set(Board.objects.values_list("code", flat=True))
    assert [text for text in texts if text.split()[-1] in codes and len(text.split()) == 1] == []
    assert any(text.endswith("ALN (förkortning, fullständigt namn saknas)") for text in texts), texts
    assert any("Socialnämnden (SN)" in text for text in texts), texts
