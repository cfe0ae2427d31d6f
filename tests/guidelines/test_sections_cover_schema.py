"""Every part of the policy schema has a field in the editor, and a section saved unchanged changes nothing,
over all twelve shipped policies."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from socialfund.core.policy import load_policy, shipped_policy_ids
from socialfund.guidelines.document import document_of, path_text, prune, set_at, validate_document
from socialfund.guidelines.fields import SECTIONS
from socialfund.guidelines.forms import SectionForm

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
