"""The ledger's rules in the database: triggers per backend (see socialfund/ledger/db_guards.py)."""

from django.db import migrations

from socialfund.ledger import db_guards


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = db_guards.PG_FUNCTIONS + db_guards.PG_TRIGGERS
    elif vendor == "sqlite":
        model = apps.get_model("ledger", "Transaction")
        columns = [f.column for f in model._meta.concrete_fields if f.column != "closed"]
        statements = db_guards.sqlite_statements(columns)
    else:
        return  # other backends: the services' checks and `socialfund ledger check` only
    _run(schema_editor, statements)


def _run(schema_editor, statements):
    # No parameters: the PL/pgSQL bodies use % in RAISE formats, which a driver would read as placeholders.
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": db_guards.PG_DROP, "sqlite": db_guards.sqlite_drop()}.get(vendor, [])
    _run(schema_editor, statements)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
