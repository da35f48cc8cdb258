from django.db import transaction
from django.utils import timezone

from portal.choices import PublicationStatus
from portal.models import Publishable


def publication_stamp(instance: Publishable) -> None:
    """Stamp ``published_at`` on an object's first publication (kept on later ones)."""
    if instance.status == PublicationStatus.PUBLISHED and instance.published_at is None:
        instance.published_at = timezone.now()


@transaction.atomic
def publication_set_status(*, instance: Publishable, status: str) -> Publishable:
    """Move an editorial object to ``status``; the first publication stamps ``published_at``."""
    if status not in PublicationStatus.values:
        raise ValueError(f"Unknown publication status {status!r}")
    instance.status = status
    publication_stamp(instance)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def publication_mark_verified(*, instance: Publishable, on=None) -> Publishable:
    """Record that an editor checked the object's facts (today unless ``on`` is given)."""
    instance.last_verified_on = on or timezone.localdate()
    instance.save(update_fields=["last_verified_on", "updated_at"])
    return instance


def task_failure_record(
    *, task_name: str, task_id: str, args: list, kwargs: dict, exception, traceback_text: str
):
    """Record a task that failed for good. Arguments that JSON cannot hold are kept as text."""
    import json

    from portal.models import TaskFailure

    def plain(value):
        try:
            json.dumps(value)
        except TypeError:
            return repr(value)
        return value

    return TaskFailure.objects.create(
        task_name=task_name[:200],
        task_id=task_id[:64],
        args=[plain(value) for value in args],
        kwargs={key: plain(value) for key, value in kwargs.items()},
        exception=f"{type(exception).__name__}: {exception}" if exception else "",
        traceback=traceback_text,
    )


def task_failure_retry(*, failure) -> str:
    """Queue a failed task again with its arguments; returns the new task's id."""
    from portal.celery import app

    # Through the registered task (not send_task), so that in-process mode runs it at once.
    result = app.tasks[failure.task_name].apply_async(args=failure.args, kwargs=failure.kwargs)
    failure.retried_at = timezone.now()
    failure.save(update_fields=["retried_at"])
    return result.id
