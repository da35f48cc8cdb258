"""PostgreSQL only: pg_trgm for the typo fallback and a GIN index on the weighted document.

SQLite has neither; both operations do nothing there, so the migrations run everywhere."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX_NAME = "bp_project_search_gin"


def _index():
    from bestpractices.querysets import project_search_vector

    return GinIndex(project_search_vector(), name=INDEX_NAME)


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
        TrigramExtension(),
        migrations.RunPython(add_search_index, remove_search_index),
    ]
