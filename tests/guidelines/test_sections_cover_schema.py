"""Every part of the policy schema has a field in the editor, and a section saved unchanged changes nothing,
over all twelve shipped policies."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from django.urls import reverse

from socialfund.core.policy import load_policy, shipped_policy_ids
from socialfund.guidelines.document import document_of, path_text, prune, set_at, validate_document
from socialfund.guidelines.fields import SECTIONS
from socialfund.guidelines.forms import SectionForm
from tests.guidelines.test_views import _post_section, draft  # noqa: F401 (the fixture)

# What the editor sets by itself, or shows by name instead of by code: ids, codes, the adoption the
# decision gives, the list of what the sources leave open (kept by the service), defaults of the schema.
SYSTEM = re.compile(
    r"^(id|supersedes|fund\.key|fund\.organisation_type|adopted\.(status|date|body|paragraph|proposal_date|"
    r"described_year)|unset\[\d+\]\.path|stages\[\d+\]\.code|rules\[\d+\]\.(id|from_stage)|tracks\[\d+\]\.code)$"
)


def _leaves(node: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(node, list) and any(isinstance(item, dict) for item in node):
        return [leaf for index, item in enumerate(node) for leaf in _leaves(item, (*path, index))]
    return [path]


@pytest.mark.parametrize("policy_id", shipped_policy_ids())
def test_every_part_of_the_schema_has_a_field(policy_id: str) -> None:
    document = document_of(load_policy(policy_id))
    fields = {spec.where for part in SECTIONS for spec in part.fields(document)}
    # An empty list of items is edited through its 'new item' fields (tracks[0].name_sv).
    missing = [
        path_text(leaf)
        for leaf in _leaves(document)
        if path_text(leaf) not in fields and not any(f.startswith(path_text(leaf) + "[0]") for f in fields)
    ]
    assert [where for where in missing if not SYSTEM.match(where)] == []


@pytest.mark.parametrize("policy_id", shipped_policy_ids())
def test_each_section_saved_unchanged_keeps_the_policy(policy_id: str) -> None:
    original = load_policy(policy_id)
    document = document_of(original)
    for part in SECTIONS:
        specs = part.fields(document)
        blank = SectionForm(specs=specs, document=document)
        data = {}
        for name, field in blank.fields.items():
            if field.initial not in (None, "", []):
                data[name] = field.initial
        form = SectionForm(data, specs=specs, document=document)
        assert form.is_valid(), (part.code, form.errors)
        edited = copy.deepcopy(document)
        for path, value in form.values().items():
            set_at(edited, path, value)
        prune(edited)
        # The same policy (an empty list the editor leaves out reads back as the schema's empty default).
        policy, problems = validate_document(edited)
        assert problems == [], (part.code, problems)
        assert policy == original, part.code


@pytest.mark.django_db
def test_a_track_a_partnership_alternative_and_cost_shares_are_added_through_the_page(draft) -> None:  # noqa: F811
    client, version = draft
    response = _post_section(client, version, "spar", {"f_tracks_0__name_sv": "Folkhälsa"})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = _post_section(
        client,
        version,
        "sokande",
        {
            "f_partnership__alternatives_2__label": "minst tre nämnder",
            "f_partnership__alternatives_2__requirements_0__types": ["board"],
            "f_partnership__alternatives_2__requirements_0__min": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = _post_section(client, version, "pengar", {"f_limits__max_share_of_cost": "70 %"})
    assert response.status_code == 302, response.content.decode()[:2000]
    refused = _post_section(client, version, "pengar", {"f_limits__max_share_of_cost": "170"})
    assert refused.status_code == 400 and "Måste vara mellan 0 och 100 %" in refused.content.decode()
    version.refresh_from_db()
    assert version.document["tracks"] == [{"name_sv": "Folkhälsa", "code": "folkhalsa"}]
    added = version.document["partnership"]["alternatives"][2]
    assert added == {"label": "minst tre nämnder", "requirements": [{"types": ["board"], "min": 3}]}
    assert version.document["limits"]["max_share_of_cost"] == "0.7"
    page = client.get(reverse("guidelines:section", args=[version.pk, "pengar"])).content.decode()
    assert 'value="70"' in page
