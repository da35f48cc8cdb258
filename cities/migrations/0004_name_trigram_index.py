"""PostgreSQL only: a trigram index for the name search of municipalities.

The site search and the register's filter look names up with ``icontains``, which
PostgreSQL runs as ``UPPER("name"::text) LIKE UPPER('%…%')``: a scan of all 11,000 rows
for every search. A GIN index with ``gin_trgm_ops`` on exactly that expression serves the
``LIKE`` for words of three or more letters. ``pg_trgm`` is created here when missing so
this app depends on no other app's migrations; going back leaves it installed (unlike
``TrigramExtension``, whose reverse would drop it under the project search's typo
fallback). SQLite has neither: nothing there."""

from django.db import migrations

INDEX = "cities_muni_name_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            installed = cursor.fetchone() is not None
        if not installed:
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "cities_municipality" '
            'USING gin ((UPPER("name"::text)) gin_trgm_ops)'
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("cities", "0003_history")]

    operations = [migrations.RunPython(forwards, backwards)]
