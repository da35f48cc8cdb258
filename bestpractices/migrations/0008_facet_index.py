"""PostgreSQL only: a narrow index for the facet counts of the list without a text query.

Each count reads every project the visitor may see. From the wide rows (about 1.8 kB each
at national scale) that was a sequential scan of the whole table per facet; this covering
index holds the columns the counts read, so PostgreSQL answers them with index-only scans.
SQLite has no covering indexes: nothing there."""

from django.db import migrations

INDEX = "bp_project_facet_idx"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "bestpractices_project" '
            '("status", "lead_municipality_id") '
            'INCLUDE ("id", "phase", "licence", "is_lighthouse")'
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("bestpractices", "0007_search_document_index")]

    operations = [migrations.RunPython(forwards, backwards)]
