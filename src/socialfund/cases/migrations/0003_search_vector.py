"""Full-text search on PostgreSQL: a stored, generated tsvector with a GIN index.

The column lives only in PostgreSQL (SQLite has no tsvector; the search there falls
back to substring matching), so it is added by SQL here and not declared on the
model; `cases.selectors._search` queries it by name.
"""

from django.db import migrations

CREATE = """
ALTER TABLE cases_initiative ADD COLUMN IF NOT EXISTS search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('swedish', coalesce(summary, '') || ' ' || coalesce(initiator_name, '') || ' ' ||
                                         coalesce(outcome_note, '')), 'B')
    ) STORED;
CREATE INDEX IF NOT EXISTS initiative_search_vector ON cases_initiative USING gin (search_vector);
"""
DROP = """
DROP INDEX IF EXISTS initiative_search_vector;
ALTER TABLE cases_initiative DROP COLUMN IF EXISTS search_vector;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_assessment_attachment_comment_decision_and_more")]

    operations = [migrations.RunPython(forwards, backwards)]
