"""The SQL of the row-level security policies: one policy per tenant table, keyed on `app.tenant`.

A table that holds an organisation's data gets a policy that shows a row when the row's organisation is the
session's tenant, or when the session works across every organisation (`*`). A table one step further from
the organisation shows a row when its parent row is visible: the subquery on the parent runs under the
parent's own policy, so each table names only its nearest parent (the same chain as
`socialfund.organisation.tenancy.TENANT_PARENTS`). The calls sit in `(SELECT …)` so that PostgreSQL
evaluates them once per query, not once per row.

"""

from __future__ import annotations

FUNCTIONS = """
CREATE OR REPLACE FUNCTION sf_tenant_all() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('app.tenant', true), '') = '*' $$;
CREATE OR REPLACE FUNCTION sf_tenant_organisation_id() RETURNS bigint LANGUAGE sql STABLE AS
  $$ SELECT id FROM organisation_organisation WHERE code = current_setting('app.tenant', true) $$;
"""

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
