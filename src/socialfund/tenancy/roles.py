"""The app role: the database role the application connects as. It owns nothing, so the row-level security
policies bind it (PostgreSQL lets a table's owner and a superuser pass them)."""

from __future__ import annotations

import re

from django.db import connection

APP_ROLE = "socialfund_app"
_CREATE_IF_MISSING = """DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
    CREATE ROLE {role} NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END $$;"""
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def grant_app_role(role: str = APP_ROLE) -> list[str]:
    """Create `role` (without login, if it is missing and this connection may create roles) and give it
    what the application needs on the tables that exist now and on those migrations create later:
    read and write rows, never own, alter, truncate or bypass row-level security. Returns the statements."""
    if not _NAME.match(role):
        raise ValueError(f"ogiltigt rollnamn: {role}")
    statements = [
        # the name is checked against _NAME above: SQL cannot take a role's name as a parameter
        _CREATE_IF_MISSING.format(role=role),
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}",
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return statements
