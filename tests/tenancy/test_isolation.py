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
from socialfund.actors import receipts
from socialfund.cases import permissions
from socialfund.organisation.tenancy import entered, tenant_for
from socialfund.tenancy.roles import APP_ROLE, grant_app_role
from tests.tenancy.conftest import MARKER
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


# -- anonymous visitors: each organisation's public pages at its own host ------------------------------------

A_HOST, B_HOST = "fond.sodertalje.test", "fond.halland.test"


@pytest.fixture
def public_hosts(two_tenants, settings):
    """Each organisation's public pages at a host of its own, as a shared service deploys them."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, A_HOST, B_HOST]
    for organisation, host in ((two_tenants.a, A_HOST), (two_tenants.b, B_HOST)):
        organisation.public_host = host
        organisation.save(update_fields=["public_host"])


@pytest.fixture
def b_idea_link(two_tenants):
    """The status link an outside actor got for an idea sent to B (made before the app role binds the test)."""
    receipt = receipts.idea_receive(
        fund=two_tenants.fund_b, title=f"{MARKER} läxhjälp", summary="Läxhjälp.", organisation_name="Hovsjö IF",
        organisation_type="association", organisation_number="", contact_name="Kim Exempel",
        contact_email="kim@example.se",
    )  # fmt: skip
    return receipts.status_path(receipt.token)


PUBLIC_ROUTES = {
    "",
    "ide/",
    "ide/status/<str:token>/",
    "offentlig/<slug:slug>/",
    "offentlig/<slug:slug>/data/katalog.<str:fmt>",
    "offentlig/<slug:slug>/data/beslut.csv",
    "offentlig/<slug:slug>/data/bidrag-360giving.json",
    "offentlig/<slug:slug>/data/effekter-indigo.json",
}


def _anonymous_probe(two_tenants):
    return probe(Client(raise_request_exception=False, HTTP_HOST=A_HOST), None, Twins(two_tenants))


def test_an_anonymous_visitor_of_a_sees_nothing_of_b_with_row_level_security(two_tenants, public_hosts, as_app_role):
    findings = _anonymous_probe(two_tenants)
    assert findings.leaks == [], findings.leaks
    assert findings.errors == [], findings.errors
    assert PUBLIC_ROUTES - findings.routes == set()
    assert schema_operations(Client()) - findings.operations == set()


def test_an_anonymous_visitor_of_a_sees_nothing_of_b_by_the_scope_alone(two_tenants, public_hosts):
    findings = _anonymous_probe(two_tenants)
    assert findings.leaks == [], findings.leaks
    assert findings.errors == [], findings.errors
    assert PUBLIC_ROUTES - findings.routes == set()


@pytest.mark.parametrize("row_level_security", [True, False], ids=["rls", "scope"])
def test_each_host_shows_its_own_organisations_public_pages(
    two_tenants, public_hosts, b_idea_link, request, row_level_security
):
    if row_level_security:
        request.getfixturevalue("as_app_role")
    on_a = Client(HTTP_HOST=A_HOST)
    on_b = Client(HTTP_HOST=B_HOST)
    b_page = f"/offentlig/{two_tenants.fund_b.slug}/"
    a_page = f"/offentlig/{two_tenants.fund_a.slug}/"
    assert on_a.get(a_page).status_code == 200
    assert on_a.get(b_page).status_code == 404
    assert on_a.get(b_idea_link).status_code == 404
    shown_on_b = on_b.get(b_page)  # the probe above is not blind: B's host shows B's marker
    assert shown_on_b.status_code == 200
    assert MARKER in shown_on_b.content.decode()
    assert MARKER in on_b.get(b_idea_link).content.decode()
    assert on_b.get(a_page).status_code == 404
    feed_on_a = on_a.get("/api/v1/public/funds").content.decode()
    assert f'"{two_tenants.fund_a.slug}"' in feed_on_a
    assert f'"{two_tenants.fund_b.slug}"' not in feed_on_a


def test_a_host_no_organisation_has_shows_no_organisations_public_pages(two_tenants, public_hosts):
    elsewhere = Client()  # "testserver": neither organisation's host
    assert elsewhere.get(f"/offentlig/{two_tenants.fund_a.slug}/").status_code == 404
    assert elsewhere.get("/api/v1/public/funds").json() == []
    assert MARKER not in elsewhere.get("/ide/").content.decode()
    assert two_tenants.fund_a.name not in elsewhere.get("/ide/").content.decode()
