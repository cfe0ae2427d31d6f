"""The scope on every database (SQLite included): a request works in its user's organisation, scoped
queries hold only that organisation's rows, the way across organisations is audited, and the mail queue
remembers whose work queued a mail."""

from __future__ import annotations

import pytest
from django.test import Client

from socialfund.accounts.models import User
from socialfund.accounts.tenancy import across_tenants, tenant_of
from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Initiative
from socialfund.funds.models import Fund
from socialfund.ledger.models import Entry
from socialfund.organisation.tenancy import entered, scoped
from socialfund.outbox.models import OutboxMail
from socialfund.outbox.services import mail_queue
from socialfund.tenant_context import current_tenant_code
from tests.tenancy.conftest import MARKER

pytestmark = pytest.mark.django_db


def test_scoped_queries_hold_only_the_current_organisation(two_tenants):
    admin = User.objects.get(username="admin")
    with entered(tenant_of(admin)):
        assert current_tenant_code() == "0181"
        assert set(scoped(Fund.objects.all())) == {two_tenants.fund_a}
        assert not scoped(Initiative.objects.filter(title__contains=MARKER)).exists()
        assert scoped(Entry.objects.all()).count() == Entry.objects.filter(account__fund=two_tenants.fund_a).count()
        assert set(scoped(User.objects.all()).values_list("organisation__code", flat=True)) == {"0181"}
    assert current_tenant_code() is None
    assert Initiative.objects.filter(title__contains=MARKER).exists()  # outside a tenant, unchanged


def test_a_request_works_in_its_users_organisation(two_tenants, monkeypatch):
    from socialfund.cases import permissions

    seen = []
    original = permissions.scoped

    def spy(queryset):
        seen.append(current_tenant_code())
        return original(queryset)

    monkeypatch.setattr(permissions, "scoped", spy)
    client = Client()
    client.force_login(User.objects.get(username="b-beredning"))
    page = client.get("/arenden/")
    assert page.status_code == 200 and set(seen) == {"0013"}
    assert MARKER in page.content.decode()
    assert current_tenant_code() is None  # cleared after the response


def test_the_admin_lists_only_the_own_organisation(two_tenants):
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    page = client.get("/admin/cases/initiative/")
    assert page.status_code == 200
    assert MARKER not in page.content.decode()
    assert "Familjecentraler" in page.content.decode()


def test_working_across_organisations_leaves_an_audit_event(two_tenants):
    operator = User.objects.get(username="admin")
    with across_tenants(actor=operator, reason="Felsökning av ärende hos Region Halland"):
        assert current_tenant_code() == "*"
        assert scoped(Fund.objects.all()).count() == 2
    event = AuditEvent.objects.get(action="tenancy_across")
    assert event.actor == operator and "Region Halland" in event.message
    with pytest.raises(ValueError):
        with across_tenants(actor=operator, reason=" "):
            pass


def test_a_queued_mail_remembers_its_organisation(two_tenants):
    with entered(tenant_of(User.objects.get(username="b-ekonomi"))):
        mail = mail_queue(subject="Påminnelse", message="Text", recipient_list=["a@example.se"])
    assert OutboxMail.objects.get(pk=mail.pk).tenant == "0013"
    with entered(tenant_of(User.objects.get(username="ekonomi"))):
        assert not scoped(OutboxMail.objects.filter(pk=mail.pk)).exists()
