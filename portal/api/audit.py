"""API writes appear in the admin history like editors' changes (who, when, what)."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry


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
    changed fields, as the admin does for its own forms; partners act under their account."""

    def perform_create(self, serializer):
        super().perform_create(serializer)
        _log(self.request.user, serializer.instance, ADDITION, [{"added": {}}])

    def perform_update(self, serializer):
        changed = sorted(serializer.validated_data)
        super().perform_update(serializer)
        message = [{"changed": {"fields": changed}}]
        _log(self.request.user, serializer.instance, CHANGE, message)

    def perform_destroy(self, instance):
        # Logged before the row disappears, while its primary key is still known.
        _log(self.request.user, instance, DELETION, "")
        super().perform_destroy(instance)
