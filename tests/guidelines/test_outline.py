"""Stages and rules added, removed and moved in a draft: through the page, audited, with the same checks
as the shipped files, and a refusal at its field in Swedish that stores nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialfund.audit.models import AuditEvent
from socialfund.guidelines.models import GuidelineVersion
from tests.guidelines.test_views import draft  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


ACTIONS = {
    "add_stage": "lagg-till-steg",
    "remove_stage": "ta-bort-steg",
    "move_stage": "flytta-steg",
    "add_rule": "lagg-till-regel",
    "remove_rule": "ta-bort-regel",
}


def _post(client, version: GuidelineVersion, code: str, data: dict[str, object]):
    """Post one of the section's outline forms (the action from its fields' prefix)."""
    action = ACTIONS[next(iter(data)).split("-")[0]]
    return client.post(reverse("guidelines:outline", args=[version.pk, code, action]), data)


def _codes(version: GuidelineVersion) -> list[str]:
    version.refresh_from_db()
    return [stage["code"] for stage in version.document["stages"]]


def test_a_stage_is_added_where_asked_and_the_rules_around_it_apply_there(draft) -> None:  # noqa: F811
    client, version = draft
    response = _post(
        client,
        version,
        "steg",
        {
            "add_stage-name_sv": "Dialog med kontoret",
            "add_stage-actor": "office_head",
            "add_stage-after": "1",  # after the idea sketch
        },
    )
    assert response.status_code == 302
    assert _codes(version)[:3] == ["interest", "idea", "dialog_med_kontoret"]
    target_group = next(rule for rule in version.document["rules"] if rule["id"] == "target_group")
    assert "dialog_med_kontoret" in target_group["stages"]
    new = version.document["stages"][2]
    assert new["name_en"] == "Dialog med kontoret" and "target_group" in new["gate"]["rules"]
    assert AuditEvent.objects.filter(action="guideline_stage_add").exists()
    page = client.get(reverse("guidelines:section", args=[version.pk, "steg"])).content.decode()
    assert "Steg 3: Dialog med kontoret" in page


def test_a_stage_cases_sit_in_cannot_be_removed(draft) -> None:  # noqa: F811
    client, version = draft
    before = list(_codes(version))
    index = before.index("director_approval")
    response = _post(client, version, "steg", {"remove_stage-stage": str(index)})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="remove_stage-stage-error"' in html
    assert "kan inte tas bort: ett öppet ärende står i steget nu" in html
    assert _codes(version) == before
    assert not AuditEvent.objects.filter(action="guideline_stage_remove").exists()


def test_a_stage_the_applicant_rule_starts_at_cannot_be_removed(draft) -> None:  # noqa: F811
    client, version = draft
    index = _codes(version).index("application")
    response = _post(client, version, "steg", {"remove_stage-stage": str(index)})
    assert response.status_code == 400
    assert "Vem ansöker" in response.content.decode()
    assert "application" in _codes(version)


def test_a_stage_without_cases_is_removed_and_the_rules_no_longer_name_it(draft) -> None:  # noqa: F811
    client, version = draft
    index = _codes(version).index("preparation")
    response = _post(client, version, "steg", {"remove_stage-stage": str(index)})
    assert response.status_code == 302
    assert "preparation" not in _codes(version)
    assert all("preparation" not in rule["stages"] for rule in version.document["rules"])
    assert AuditEvent.objects.filter(action="guideline_stage_remove").exists()


def test_a_stage_is_moved(draft) -> None:  # noqa: F811
    client, version = draft
    codes = _codes(version)
    index = codes.index("opinions")
    response = _post(client, version, "steg", {"move_stage-stage": str(index), "move_stage-step": "-1"})
    assert response.status_code == 302
    moved = _codes(version)
    assert moved.index("opinions") == index - 1 and moved.index("director_approval") == index
    refused = _post(client, version, "steg", {"move_stage-stage": "0", "move_stage-step": "-1"})
    assert refused.status_code == 400 and "kan inte flyttas" in refused.content.decode()


def test_a_rule_of_its_own_is_added_and_one_removed(draft) -> None:  # noqa: F811
    client, version = draft
    data = {
        "add_rule-kind": "egen",
        "add_rule-title": "Barnrättsperspektiv",
        "add_rule-clause": "Insatsen ska utgå från barnets bästa.",
        "add_rule-clause_kind": "paraphrase",
        "add_rule-clause_source": "Förslag 2026",
        "add_rule-explanation": "Ansökan visar hur barnen själva fått komma till tals.",
        "add_rule-severity": "warn",
        "add_rule-from_stage": "application",
    }
    refused = _post(client, version, "regler", {**data, "add_rule-explanation": ""})
    assert refused.status_code == 400 and 'id="add_rule-explanation-error"' in refused.content.decode()
    response = _post(client, version, "regler", data)
    assert response.status_code == 302
    version.refresh_from_db()
    added = version.document["rules"][-1]
    assert (added["title"], added["check"], added["stages"][0]) == ("Barnrättsperspektiv", "human", "application")

    rules = [rule["id"] for rule in version.document["rules"]]
    response = _post(client, version, "regler", {"remove_rule-rule": str(rules.index("procurement"))})
    assert response.status_code == 302
    version.refresh_from_db()
    assert "procurement" not in [rule["id"] for rule in version.document["rules"]]
    assert all("procurement" not in stage["gate"].get("rules", []) for stage in version.document["stages"])
    assert AuditEvent.objects.filter(action="guideline_rule_remove").exists()

    # A removed automatic rule can come back as itself, checked automatically.
    page = client.get(reverse("guidelines:section", args=[version.pk, "regler"])).content.decode()
    assert "Upphandling (kontrolleras automatiskt)" in page


def test_only_the_administrator_changes_the_outline(login, draft) -> None:  # noqa: F811
    _client, version = draft
    client = login("beredning")
    response = _post(client, version, "steg", {"remove_stage-stage": "4"})
    assert response.status_code == 403
    assert len(_codes(version)) == 7
