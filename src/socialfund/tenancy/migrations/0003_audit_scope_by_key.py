"""The audit log's reading policy looks up each event's case by its key, and the session's organisation is
found by a PL/pgSQL function whose plan the session keeps (socialfund/tenancy/rls.py; issue 28's benchmark:
a case page's history read every visible case, 105 ms with 300 tenants). The same rows stay visible."""

import importlib

from django.db import migrations

from socialfund.tenancy import rls

FIRST = importlib.import_module("socialfund.tenancy.migrations.0001_row_level_security")

ORGANISATION_ID_SQL = """
CREATE OR REPLACE FUNCTION sf_tenant_organisation_id() RETURNS bigint LANGUAGE sql STABLE AS
  $$ SELECT id FROM organisation_organisation WHERE code = current_setting('app.tenant', true) $$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(rls.ORGANISATION_ID_PLPGSQL)  # the same name and result: the policies keep calling it
    schema_editor.execute(rls.AUDIT_SCOPE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(ORGANISATION_ID_SQL)
    schema_editor.execute(FIRST.AUDIT)


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0002_later_tables")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
