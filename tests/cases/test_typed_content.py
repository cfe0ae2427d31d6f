"""The application's content is validated once, in the service that stores a draft; old invalid drafts still open."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from socialfund.cases import services
from socialfund.cases.errors import CaseValidationError
from socialfund.cases.guided.steps import steps_for
from socialfund.cases.models import Initiative
from socialfund.cases.workflow import policy_for

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[2] / "src" / "socialfund"


def _stored(initiative: Initiative) -> tuple[dict, int]:
    row = Initiative.objects.get(pk=initiative.pk)
    return row.content, row.version


def test_the_draft_service_refuses_invalid_content_and_stores_nothing(users, draft):
    before = _stored(draft)
    content = copy.deepcopy(draft.content)
    content["goals"][0]["indicator"] = ""
    content["budgett"] = 1
    with pytest.raises(CaseValidationError) as refused:
        services.initiative_update_draft(initiative=draft, user=users["handlaggare"], content=content)
    assert refused.value.field == "content"
    assert "Mål, mål 1, indikator: får inte vara tom" in refused.value.message
    assert "okänt fält 'budgett'" in refused.value.message
    assert _stored(draft) == before


def test_a_new_draft_with_invalid_content_is_not_created(users, fund):
    count = Initiative.objects.count()
    with pytest.raises(CaseValidationError, match="Syfte"):
        services.initiative_create(
            fund=fund, user=users["handlaggare"], title="Fel", stage="application", content={"purpose": "vet ej"}
        )
    assert Initiative.objects.count() == count


def test_valid_content_is_stored(users, draft):
    content = copy.deepcopy(draft.content)
    content["implementation_plan"] = "Ny plan."
    services.initiative_update_draft(initiative=draft, user=users["handlaggare"], content=content)
    assert _stored(draft)[0]["implementation_plan"] == "Ny plan."


def test_an_old_invalid_stored_draft_still_opens_and_says_what_is_wrong(users, draft):
    broken = copy.deepcopy(draft.content)
    broken["goals"] = [{"indicator": "", "baseline": "hög"}]
    broken["gammalt_falt"] = "kvar"
    Initiative.objects.filter(pk=draft.pk).update(content=broken)  # stored before validation existed
    stored = _stored(draft)[0]
    client = Client()
    client.force_login(users["handlaggare"])
    for step in steps_for(draft.stage, policy_for(draft)):
        response = client.get(reverse("cases:guided", args=[draft.pk, step.code]))
        assert response.status_code == 200, step.code
        html = response.content.decode()
        assert "Ansökan har uppgifter som måste rättas" in html, step.code
        assert "Mål, mål 1, indikator: får inte vara tom" in html
        assert "okänt fält &#x27;gammalt_falt&#x27;" in html
    case_page = client.get(reverse("cases:detail", args=[draft.pk]))
    assert case_page.status_code == 200
    assert "Mål, mål 1, indikator: får inte vara tom" in case_page.content.decode()
    assert _stored(draft)[0] == stored  # opening loses nothing


def test_no_broad_exception_guard_remains_around_content_reads():
    """Content is typed and validated on save, so reading it needs no `except Exception`."""
    guarded = []
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"except Exception\b", text):
            window = text[max(0, match.start() - 600) : match.start()]
            if re.search(r"content|screening_for|calculation", window):
                guarded.append(f"{path.relative_to(SOURCE)}:{text[: match.start()].count(chr(10)) + 1}")
    assert guarded == []


def test_an_old_draft_with_an_invalid_answer_can_still_be_saved_but_not_made_worse(users, draft):
    broken = copy.deepcopy(draft.content)
    broken["goals"] = [{"indicator": ""}]
    Initiative.objects.filter(pk=draft.pk).update(content=broken)
    draft.refresh_from_db()
    content = copy.deepcopy(draft.content)
    content["implementation_plan"] = "Ändrad plan."
    services.initiative_update_draft(initiative=draft, user=users["handlaggare"], content=content)
    stored = _stored(draft)
    assert stored[0]["implementation_plan"] == "Ändrad plan."
    assert stored[0]["goals"] == [{"indicator": ""}]  # kept, still listed for correction
    worse = copy.deepcopy(content)
    worse["goals"] = [{"indicator": "", "baseline": "hög"}]
    with pytest.raises(CaseValidationError, match="Mål, mål 1"):
        services.initiative_update_draft(initiative=draft, user=users["handlaggare"], content=worse)
    assert _stored(draft) == stored
