"""PostgreSQL only: the weighted search documents of events and expert circles, stored.

Searching events and circles scanned every row for substrings (``ILIKE '%…%'`` on five and
four columns; about 300 ms for 50,000 events). A stored generated ``tsvector`` column
``search_document`` per table, with its own GIN index, lets the full-text match read the
index and never recompute a document per row. The documents are written out here as they
stand today (``events.querysets.EVENT_DOCUMENT`` and ``CIRCLE_DOCUMENT``; the tests compare
stored and computed). SQLite has no full-text search: nothing there."""

from django.db import migrations

from portal.fulltext import add_stored_document, remove_stored_document, weighted_document_sql

EVENT_TABLE = "events_event"
EVENT_INDEX = "events_event_document_gin"
EVENT_DOCUMENT = weighted_document_sql(
    {
        "A": ["title"],
        "B": ["description"],
        "C": ["venue_name", "venue_address", "organiser"],
    }
)
CIRCLE_TABLE = "events_expertcircle"
CIRCLE_INDEX = "events_circle_document_gin"
CIRCLE_DOCUMENT = weighted_document_sql(
    {
        "A": ["name"],
        "B": ["description"],
        "C": ["moderation_organisation", "member_organisations"],
    }
)


def forwards(apps, schema_editor):
    add_stored_document(
        schema_editor, table=EVENT_TABLE, expression=EVENT_DOCUMENT, index=EVENT_INDEX
    )
    add_stored_document(
        schema_editor, table=CIRCLE_TABLE, expression=CIRCLE_DOCUMENT, index=CIRCLE_INDEX
    )


def backwards(apps, schema_editor):
    remove_stored_document(schema_editor, table=EVENT_TABLE, index=EVENT_INDEX)
    remove_stored_document(schema_editor, table=CIRCLE_TABLE, index=CIRCLE_INDEX)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_history")]

    operations = [migrations.RunPython(forwards, backwards)]
