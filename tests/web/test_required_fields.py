"""3.3.2 Labels or Instructions: a required field says so to everyone (issue 29).

Five of the seven fields on /ide/ must be filled in; each label shows "(obligatoriskt)" and each
field has the required attribute (which a screen reader announces); the optional ones show neither.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MARK = '<span class="required-mark">(obligatoriskt)</span>'


def labelled_fields(html: str) -> dict[str, tuple[bool, bool]]:
    """Each field's id: (its label shows the mark, the field has the required attribute or aria-required)."""
    fields = {}
    for field_id, label in re.findall(
        r'<label for="([^"]+)">.*?</label>( <span class="required-mark">[^<]*</span>)?', html.split("<main")[1], re.S
    ):
        tag = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{field_id}"[^>]*>', html)
        assert tag is not None, field_id
        required = re.search(r'\s(required[\s>]|aria-required="true")', tag.group(0))
        fields[field_id] = (MARK in label, bool(required))
    return fields


def test_the_idea_forms_required_fields_are_marked_and_the_optional_are_not(client, demo):
    html = client.get(reverse("actors:idea")).content.decode()
    fields = labelled_fields(html)
    required = {name for name, (marked, attribute) in fields.items() if marked and attribute}
    assert {"id_title", "id_summary", "id_organisation_name", "id_contact_name", "id_contact_email"} <= required
    # No field is marked without being required, or required without the mark.
    assert all(marked == attribute for marked, attribute in fields.values()), fields
    assert fields["id_area_board"] == (False, False)


def test_the_login_forms_fields_are_marked(client, demo):
    fields = labelled_fields(client.get(reverse("login")).content.decode())
    assert fields == {"id_username": (True, True), "id_password": (True, True)}
