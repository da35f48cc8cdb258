"""PostgreSQL only: pg_trgm for the typo fallback and a GIN index on the weighted document.

SQLite has neither; both operations do nothing there, so the migrations run everywhere.
Going back leaves pg_trgm installed: the municipality name index (cities 0004) uses it too,
and dropping it would fail or take that index with it."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "bp_project_search_gin"


def _index():
    from bestpractices.querysets import project_search_vector

    return GinIndex(project_search_vector(), name=INDEX_NAME)


def create_trigram_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


def add_search_index(apps, schema_editor):
    # Not in Meta.indexes: a GIN index cannot be created on SQLite.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("bestpractices", "Project"), _index())


def remove_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("bestpractices", "Project"), _index())


class Migration(migrations.Migration):
    dependencies = [("bestpractices", "0001_initial")]

    operations = [
        migrations.RunPython(create_trigram_extension, migrations.RunPython.noop),
        migrations.RunPython(add_search_index, remove_search_index),
    ]
