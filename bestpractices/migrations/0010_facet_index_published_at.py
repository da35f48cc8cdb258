"""PostgreSQL only: the covering index of the facet counts (0008) also holds ``published_at``.

A project page ranks its similar projects over every visible project of the same size class
that shares a theme (at national scale about 28,000 for a small town), by shared themes and
then the newest. Without ``published_at`` in the index each candidate's wide row was read
(about 45 ms); with it the ranking is an index-only scan. SQLite: nothing."""

from django.db import migrations

INDEX = "bp_project_facet_idx"
TABLE = "bestpractices_project"
KEY = '("status", "lead_municipality_id")'


def create(schema_editor, included: str):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')
        schema_editor.execute(f'CREATE INDEX "{INDEX}" ON "{TABLE}" {KEY} INCLUDE ({included})')


def forwards(apps, schema_editor):
    create(schema_editor, '"id", "phase", "licence", "is_lighthouse", "published_at"')


def backwards(apps, schema_editor):
    create(schema_editor, '"id", "phase", "licence", "is_lighthouse"')


class Migration(migrations.Migration):
    dependencies = [("bestpractices", "0009_m2m_history")]

    operations = [migrations.RunPython(forwards, backwards)]
