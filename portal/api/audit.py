"""API writes appear in the admin history like editors' changes (who, when, what)."""

from contextlib import contextmanager
from types import SimpleNamespace

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from simple_history.models import HistoricalRecords

from portal.history import one_version

_MISSING = object()


@contextmanager
def history_author(user):
    """Let django-simple-history record ``user`` as the author of the writes inside.

    A token's user is no database row; its partner account is, so the historical records
    of a partner's writes name that account (the same account as the admin log)."""
    account = getattr(user, "account", user)
    context = HistoricalRecords.context
    previous = getattr(context, "request", _MISSING)
    context.request = SimpleNamespace(user=account)
    try:
        yield
    finally:
        if previous is _MISSING:
            del context.request
        else:
            context.request = previous


def _log(user, instance, action_flag: int, change_message) -> None:
    if getattr(user, "pk", None) is None:
        return
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[instance],
        action_flag=action_flag,
        change_message=change_message,
        single_object=True,
    )


class AuditedWritesMixin:
    """For model viewsets: record create, update and delete in ``django_admin_log`` with the
    changed fields, as the admin does for its own forms; partners act under their account.
    The editorial history (django-simple-history) records the same account as author, one
    version per write with the relations it set (``one_version``, in one transaction)."""

    def perform_create(self, serializer):
        with history_author(self.request.user), one_version():
            super().perform_create(serializer)
            _log(self.request.user, serializer.instance, ADDITION, [{"added": {}}])

    def perform_update(self, serializer):
        changed = sorted(serializer.validated_data)
        with history_author(self.request.user), one_version():
            super().perform_update(serializer)
            _log(self.request.user, serializer.instance, CHANGE, [{"changed": {"fields": changed}}])

    def perform_destroy(self, instance):
        # Logged before the row disappears, while its primary key is still known.
        _log(self.request.user, instance, DELETION, "")
        with history_author(self.request.user):
            super().perform_destroy(instance)
