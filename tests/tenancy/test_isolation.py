"""Issue 28: one tenant sees nothing of another. On PostgreSQL, with a user of tenant A and tenant B's data
present, every page, API operation, export and search shows none of B (and changes none of it):
with row-level security on, with the application's scope alone, and with one selector's scope removed
(the probe catches that without row-level security; with it, the database still hides B)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test import Client

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.cases import permissions
from socialfund.organisation.tenancy import entered, tenant_for
from socialfund.tenancy.roles import APP_ROLE, grant_app_role
from tests.tenancy.probe import Twins, must_visit, probe, schema_operations

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level security is PostgreSQL's"),
]


@pytest.fixture
def as_app_role():
    """The test's connection becomes the app role, which owns no table: the policies bind it."""
    grant_app_role()
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {APP_ROLE}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@pytest.fixture
def scope_forgotten(monkeypatch):
    """The mistake the second lock is for: the case selector every page and export uses loses its
    organisation scope (here, in the test; never in the product)."""
    monkeypatch.setattr(permissions, "_same_organisation", lambda user: Q())
    monkeypatch.setattr(permissions, "scoped", lambda queryset: queryset)


def _probe(two_tenants, *, lists_only=False):
    admin = User.objects.get(username="admin")  # tenant A's superuser: every role, every page
    with entered(tenant_for(two_tenants.a)):  # as the token page would: in the user's own organisation
        token = token_create(user=admin, name="probe").plaintext
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    return probe(client, token, Twins(two_tenants), lists_only=lists_only)


def _assert_covers_everything(findings):
    """Every URL pattern outside the admin (with B's ids where it takes ids), the admin's lists, and every API
    operation: the claim "every URL, API operation, export and search" counted in patterns, not pages."""
    assert must_visit() - findings.routes == set()
    assert schema_operations(Client()) - findings.operations == set()


def test_with_row_level_security_tenant_a_sees_nothing_of_b(two_tenants, as_app_role):
    findings = _probe(two_tenants)
    assert findings.leaks == [], findings.leaks
    assert findings.errors == [], findings.errors
    _assert_covers_everything(findings)


def test_the_application_scope_alone_shows_nothing_of_b(two_tenants):
    findings = _probe(two_tenants)
    assert findings.leaks == [], findings.leaks
    assert findings.errors == [], findings.errors
    _assert_covers_everything(findings)


def test_row_level_security_hides_b_when_a_selector_forgets_its_scope(two_tenants, as_app_role, scope_forgotten):
    findings = _probe(two_tenants, lists_only=True)
    assert findings.leaks == [], findings.leaks


def test_without_row_level_security_the_probe_catches_a_forgotten_scope(two_tenants, scope_forgotten):
    findings = _probe(two_tenants, lists_only=True)
    assert any(leak.startswith("GET /arenden/") for leak in findings.leaks), findings.leaks
