"""PostgreSQL only: the GIN index moves from the computed document to the stored one.

Searches match on the stored ``search_document`` column of migration 0006. An index on the
expression of migration 0002 made PostgreSQL recompute the document for every candidate row
(the recheck of a bitmap scan, and again in each facet count), which dominated the database
time of a search. SQLite has no full-text search: nothing there."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

OLD_INDEX = "bp_project_search_gin"
INDEX = "bp_project_document_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "bestpractices_project" '
            'USING gin ("search_document")'
        )
        schema_editor.execute(f'DROP INDEX IF EXISTS "{OLD_INDEX}"')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from bestpractices.querysets import project_search_vector

        schema_editor.add_index(
            apps.get_model("bestpractices", "Project"),
            GinIndex(project_search_vector(), name=OLD_INDEX),
        )
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("bestpractices", "0006_stored_search_document")]

    operations = [migrations.RunPython(forwards, backwards)]
