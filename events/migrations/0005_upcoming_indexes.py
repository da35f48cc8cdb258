"""PostgreSQL only: two indexes for lists of events that have not ended.

- ``events_event_duration_idx`` on how long an event lasts (``end - start``):
  ``EventQuerySet.ending_after`` reads the longest duration from it (one index entry) to bound
  such lists from below by their start, so that they read the index on (status, start) from
  there instead of from the first event ever held.
- ``events_event_upcoming_idx`` on (status, start) with ``end``: the count of such a list is
  then an index-only scan.

SQLite computes the difference of two moments with a function of Django's own, which an index
in the database file must not depend on, and has no covering indexes: nothing there."""

from django.db import migrations

INDEXES = {
    "events_event_duration_idx": '(("end" - "start"))',
    "events_event_upcoming_idx": '("status", "start") INCLUDE ("end")',
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "events_event" {definition}'
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("events", "0004_m2m_history")]

    operations = [migrations.RunPython(forwards, backwards)]
