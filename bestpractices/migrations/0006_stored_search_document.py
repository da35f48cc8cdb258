"""PostgreSQL only: the weighted search document of a project, stored for ranking.

Ranking a search ("Digitalisierung" matches about 80,000 of 100,000 projects at national
scale) needs the weighted ``tsvector`` of every match; computed from title, summary,
description and results on the fly that took about 6 s. A stored generated column holds the
same document (``project_search_vector()``), so ranking only reads it. Matching still uses
the GIN expression index of migration 0002. SQLite has no full-text search: nothing there."""

from django.db import migrations

COLUMN = "search_document"

DOCUMENT = (
    "setweight(to_tsvector('german'::regconfig, COALESCE(\"title\", '')), 'A')"
    " || setweight(to_tsvector('german'::regconfig, COALESCE(\"summary\", '')), 'B')"
    " || setweight(to_tsvector('german'::regconfig,"
    " COALESCE(\"description\", '') || ' ' || COALESCE(\"results\", '')), 'C')"
)


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'ALTER TABLE "bestpractices_project" ADD COLUMN IF NOT EXISTS "{COLUMN}" tsvector '
            f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
        )


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE "bestpractices_project" DROP COLUMN IF EXISTS "{COLUMN}"')


class Migration(migrations.Migration):
    dependencies = [("bestpractices", "0005_history")]

    operations = [migrations.RunPython(add_column, drop_column)]
