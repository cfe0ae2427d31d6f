"""The SQL of the row-level security policies: one policy per tenant table, keyed on `app.tenant`.

A table that holds an organisation's data gets a policy that shows a row when the row's organisation is the
session's tenant, or when the session works across every organisation (`*`). A table one step further from
the organisation shows a row when its parent row is visible: the subquery on the parent runs under the
parent's own policy, so each table names only its nearest parent (the same chain as
`socialfund.organisation.tenancy.TENANT_PARENTS`). The calls sit in `(SELECT …)` so that PostgreSQL
evaluates them once per query, not once per row. `sf_tenant_organisation_id()` is PL/pgSQL, whose query
plan a session keeps: a SQL function with a table in it is planned again in every query that calls it
(0.2 ms a query, a tenth of a list page's SQL; migration tenancy/0003).

"""

from __future__ import annotations

FUNCTIONS = """
CREATE OR REPLACE FUNCTION sf_tenant_all() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('app.tenant', true), '') = '*' $$;
CREATE OR REPLACE FUNCTION sf_tenant_organisation_id() RETURNS bigint LANGUAGE sql STABLE AS
  $$ SELECT id FROM organisation_organisation WHERE code = current_setting('app.tenant', true) $$;
"""

ORGANISATION_ID_PLPGSQL = """
CREATE OR REPLACE FUNCTION sf_tenant_organisation_id() RETURNS bigint LANGUAGE plpgsql STABLE AS
  $$ BEGIN RETURN (SELECT id FROM organisation_organisation WHERE code = current_setting('app.tenant', true)); END $$;
"""

AUDIT_SCOPE = """
DROP POLICY IF EXISTS tenant_scope ON audit_auditevent;
CREATE POLICY tenant_scope ON audit_auditevent FOR SELECT USING (
  (SELECT sf_tenant_all())
  OR EXISTS (SELECT 1 FROM cases_initiative i WHERE i.id = audit_auditevent.initiative_id)
  OR (initiative_id IS NULL AND EXISTS (
        SELECT 1 FROM accounts_user u WHERE u.id = audit_auditevent.actor_id
        AND u.organisation_id = (SELECT sf_tenant_organisation_id())))
);
"""
"""Who reads which audit events (tenancy/0003): those of a visible case, or without a case those of an actor
of the session's organisation. Each event's case is looked up by its key (under the case's own policy):
`initiative_id IN (SELECT id FROM cases_initiative)`, as tenancy/0001 had it, listed every visible case
for every query, and with 300 tenants scanned all 15 000 cases to show one case's history (105 ms)."""

DROP_FUNCTIONS = "DROP FUNCTION IF EXISTS sf_tenant_all(); DROP FUNCTION IF EXISTS sf_tenant_organisation_id();"

POLICY = "tenant_scope"


def condition(table: str, column: str, parent_table: str) -> str:
    if parent_table == "organisation_organisation":
        return f"(SELECT sf_tenant_all()) OR {column} = (SELECT sf_tenant_organisation_id())"
    # EXISTS, not IN: one index lookup per row read, instead of hashing every visible parent row per query
    # names from the migration's own list, never from input
    return f"(SELECT sf_tenant_all()) OR EXISTS (SELECT 1 FROM {parent_table} p WHERE p.id = {table}.{column})"  # noqa: S608


def enable(table: str, column: str, parent_table: str) -> str:
    """The statements that put `table` under the tenant scope through `column` → `parent_table`."""
    return (
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY; "
        f"DROP POLICY IF EXISTS {POLICY} ON {table}; "
        f"CREATE POLICY {POLICY} ON {table} USING ({condition(table, column, parent_table)});"
    )


def disable(table: str) -> str:
    return f"DROP POLICY IF EXISTS {POLICY} ON {table}; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;"
