"""Row-level security on the tables added beside the first migration: documents filed in the diarium and
documents written by the background worker, the registry numbers' series (docs/tenancy.md, "Adding a tenant table")."""

from django.db import migrations

from socialfund.tenancy import rls

TABLES = [
    ("records_storeddocument", "fund_id", "funds_fund"),
    ("reports_generateddocument", "fund_id", "funds_fund"),
    ("cases_registryserial", "fund_id", "funds_fund"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, parent in TABLES:
        schema_editor.execute(rls.enable(table, column, parent))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _column, _parent in TABLES:
        schema_editor.execute(rls.disable(table))


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0001_row_level_security"),
        ("records", "0002_stored_documents"),
        ("reports", "0003_generateddocument"),
        ("cases", "0009_registry_serial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
