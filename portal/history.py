"""The editorial history (django-simple-history): one version per write.

simple-history records a version when a row is saved and one more for every relation set
afterwards, so a form that changes the title and the themes left two versions, the first
with the new title and the old themes, a state that never existed. Inside ``one_version()``
the versions of each object written are kept back and recorded once, at the end of the
write, with its fields and relations together."""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from simple_history.models import HistoricalRecords

# While a write runs inside one_version(): {(model, pk): (records, instance, type, using)}.
_pending: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "history_pending", default=None
)


class EditorialHistory(HistoricalRecords):
    """``HistoricalRecords`` whose versions wait for the end of ``one_version()``."""

    def create_historical_record(self, instance, history_type, using=None):
        pending = _pending.get()
        if pending is None:
            return super().create_historical_record(instance, history_type, using)
        key = (instance._meta.concrete_model, instance.pk)
        if history_type == "-":
            # A deletion is recorded at once; a version kept back for the row would follow
            # its deletion.
            pending.pop(key, None)
            return super().create_historical_record(instance, history_type, using)
        # An object created in this write stays a creation ("+") whatever follows.
        first = pending.get(key)
        kept_type = first[2] if first is not None else history_type
        pending[key] = (self, instance, kept_type, using)
        return None


@contextmanager
def one_version():
    """One version per object the block writes, recorded when the block ends without an
    error, in the same transaction as the writes (the block is atomic). Nested blocks
    belong to the outermost one."""
    if _pending.get() is not None:
        yield
        return
    pending: dict = {}
    token = _pending.set(pending)
    try:
        with transaction.atomic():
            yield
            _pending.reset(token)
            token = None
            for records, instance, history_type, using in pending.values():
                HistoricalRecords.create_historical_record(records, instance, history_type, using)
    finally:
        if token is not None:
            _pending.reset(token)


@contextmanager
def history_off():
    """No versions for the writes inside (the demo content, a restored backup)."""
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous
