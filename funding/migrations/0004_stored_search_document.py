"""PostgreSQL only: the weighted search document of a funding programme, stored.

Searching programmes scanned every row for substrings (``ILIKE '%…%'`` on four columns). A
stored generated ``tsvector`` column ``search_document`` with its own GIN index lets the
full-text match read the index and never recompute the document per row. The document is
written out here as it stands today (``funding.querysets.PROGRAMME_DOCUMENT``; the tests
compare stored and computed). SQLite has no full-text search: nothing there."""

from django.db import migrations

from portal.fulltext import add_stored_document, remove_stored_document, weighted_document_sql

TABLE = "funding_fundingprogramme"
INDEX = "funding_prog_document_gin"
DOCUMENT = weighted_document_sql(
    {
        "A": ["title", "short_name"],
        "B": ["summary"],
        "C": ["funding_body", "funded_activities"],
    }
)


def forwards(apps, schema_editor):
    add_stored_document(schema_editor, table=TABLE, expression=DOCUMENT, index=INDEX)


def backwards(apps, schema_editor):
    remove_stored_document(schema_editor, table=TABLE, index=INDEX)


class Migration(migrations.Migration):
    dependencies = [("funding", "0003_history")]

    operations = [migrations.RunPython(forwards, backwards)]
