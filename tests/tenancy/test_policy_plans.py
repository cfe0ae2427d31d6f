"""Issue 28's scale: the row-level security policies cost a few index lookups per row read, never a scan
of other tenants' rows. With 300 tenants a case page's history read every case of every tenant (105 ms)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Initiative
from socialfund.organisation.tenancy import entered, tenant_for
from socialfund.tenancy.roles import APP_ROLE, grant_app_role

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level security is PostgreSQL's"),
]

OTHER_CASES = 400


def _rows_read(plan: dict, table: str) -> float:
    """Rows a plan read from `table`: kept and filtered away, over every loop, in every node below `plan`."""
    own = 0.0
    if plan.get("Relation Name") == table:
        own = (plan.get("Actual Rows", 0) + plan.get("Rows Removed by Filter", 0)) * plan.get("Actual Loops", 1)
    return own + sum(_rows_read(child, table) for child in plan.get("Plans", []))


def test_a_cases_history_reads_no_other_tenants_cases(two_tenants):
    other_board = two_tenants.b.boards.first()
    Initiative.objects.bulk_create(
        Initiative(fund=two_tenants.fund_b, title=f"B {n}", lead_board=other_board, filed_on=dt.date(2015, 1, 1))
        for n in range(OTHER_CASES)
    )
    case = Initiative.objects.filter(fund=two_tenants.fund_a).first()
    AuditEvent.objects.create(initiative=case, action="test", target_type="cases.initiative", target_id=str(case.pk))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    grant_app_role()
    with entered(tenant_for(two_tenants.a)), connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {APP_ROLE}")
        try:
            cursor.execute(
                "EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM audit_auditevent WHERE initiative_id = %s", [case.pk]
            )
            plan = cursor.fetchone()[0][0]["Plan"]
            cursor.execute("SELECT count(*) FROM audit_auditevent WHERE initiative_id = %s", [case.pk])
            visible = cursor.fetchone()[0]
        finally:
            cursor.execute("RESET ROLE")
    assert visible == AuditEvent.objects.filter(initiative=case).count() > 0  # the policy still shows them
    assert _rows_read(plan, "cases_initiative") < 50, plan  # one lookup per event, not every case of B
