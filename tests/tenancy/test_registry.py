"""Every model is either a tenant table (with its chain to the organisation) or named shared with a reason;
on PostgreSQL every tenant table has its row-level security policy."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from socialfund.organisation.tenancy import SHARED_MODELS, TENANT_PARENTS, tenant_path


def _ours() -> set[str]:
    return {m._meta.label for m in apps.get_models() if m.__module__.startswith("socialfund.")}


def test_every_model_is_a_tenant_table_or_named_shared():
    assert _ours() - set(TENANT_PARENTS) - set(SHARED_MODELS) == set()
    assert set(TENANT_PARENTS) & set(SHARED_MODELS) == set()


def test_every_tenant_table_reaches_its_organisation():
    assert tenant_path(apps.get_model("ledger.Entry")) == "transaction__fund__organisation_id"
    for label in TENANT_PARENTS:
        assert tenant_path(apps.get_model(label)).endswith("organisation_id")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level security is PostgreSQL's")
def test_every_tenant_table_has_its_policy():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_policies WHERE policyname = 'tenant_scope'")
        with_policy = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT relname FROM pg_class WHERE relrowsecurity")
        enabled = {row[0] for row in cursor.fetchall()}
    tables = {apps.get_model(label)._meta.db_table for label in TENANT_PARENTS}
    assert tables - with_policy == set()
    assert tables - enabled == set()
    assert {"audit_auditevent", "outbox_outboxmail"} <= with_policy
