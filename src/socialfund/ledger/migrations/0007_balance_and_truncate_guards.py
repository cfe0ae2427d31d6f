"""PostgreSQL: the cached balance moves only with entries, and the books are never truncated
(see socialfund/ledger/db_guards.py)."""

from django.db import migrations

from socialfund.ledger import db_guards


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, db_guards.PG_BALANCE_AND_TRUNCATE_FUNCTIONS + db_guards.PG_BALANCE_AND_TRUNCATE_TRIGGERS)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, db_guards.PG_BALANCE_AND_TRUNCATE_DROP)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0006_board_succession")]

    operations = [migrations.RunPython(install, remove)]
