"""The accessibility statement comes from the installation's configuration and the maintained list of gaps
(issue 29): no example address is ever shown, and every known gap is listed with its criterion."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.urls import reverse

from socialfund.web.accessibility import contact_address_is_set, shipped_gaps

pytestmark = pytest.mark.django_db


def test_the_installations_own_address_and_organisation_are_shown(client, settings):
    settings.ACCESSIBILITY_ORGANISATION = "Nynäshamns kommun"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@nynashamn.se"
    html = client.get(reverse("accessibility")).content.decode()
    assert "Nynäshamns kommun står bakom" in html
    assert html.count('href="mailto:tillganglighet@nynashamn.se"') == 2  # other format, and reporting gaps
    assert "example" not in html


def test_without_a_configured_address_the_statement_says_so_and_shows_no_placeholder(client, settings, demo):
    settings.ACCESSIBILITY_ORGANISATION = ""
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    html = client.get(reverse("accessibility")).content.decode()
    assert "example.se" not in html and "mailto:" not in html
    assert "har ännu inte angett någon kontaktadress" in html
    assert "Södertälje kommun står bakom" in html  # the organisation in the database


def test_every_known_gap_is_listed_with_its_criterion_and_the_ways_it_is_tested(client):
    gaps = shipped_gaps()
    assert len(gaps.gaps) >= 3 and gaps.updated_on >= gaps.assessed_on
    html = client.get(reverse("accessibility")).content.decode()
    listed = html.split('data-testid="known-gaps"')[1].split("</ul>")[0]
    assert listed.count("<li>") == len(gaps.gaps)
    for gap in gaps.gaps:
        assert f"Kriterium {gap.criterion}" in listed
    for way in gaps.tested_with:
        assert way in html
    assert "Bristande förenlighet med lagkraven" in html and "Oskäligt betungande anpassning" in html


@pytest.mark.parametrize("address", ["", "tillganglighet@example.se"])
def test_the_deploy_check_refuses_a_missing_or_example_address(settings, address):
    settings.ACCESSIBILITY_CONTACT_EMAIL = address
    assert [error.id for error in contact_address_is_set()] == ["socialfund.E101"]
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@sodertalje.se"
    assert contact_address_is_set() == []


def test_check_deploy_names_the_missing_address_in_a_production_environment():
    ignored = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "ACCESSIBILITY_CONTACT_EMAIL"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env |= {"SECRET_KEY": secrets.token_urlsafe(60), "ALLOWED_HOSTS": "fond.example.se", "DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "socialfund.cli", "check", "--deploy"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "socialfund.E101" in result.stderr + result.stdout
