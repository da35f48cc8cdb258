"""The Celery application: background work (e-mail, digests, reminders, clean-up).

With ``CELERY_BROKER_URL`` unset (``make run``, the unit tests) tasks run in-process at
the call; in production and in CI's integration pass they go through Redis to workers.
Each app's ``tasks.py`` is found by autodiscovery; the schedule is ``CELERY_BEAT_SCHEDULE``.
"""

import os

from celery import Celery, Task
from celery.signals import task_failure

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class PortalTask(Task):
    """A task that retries on any error with exponential backoff (1 s, 2 s, 4 s … at most
    10 min, with jitter), five times; what still fails is recorded as a ``TaskFailure``
    that editors see in the admin and can run again. Tasks are written to be idempotent,
    because a retry or a redelivery after a lost worker runs them again."""

    autoretry_for = (Exception,)
    max_retries = 5
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True


app.Task = PortalTask


@task_failure.connect
def record_failure(sender=None, task_id=None, exception=None, args=None, kwargs=None, **extra):
    """Keep the final failure of a task (retries exhausted) for the editors."""
    from portal.services import task_failure_record

    task_failure_record(
        task_name=sender.name if sender else "",
        task_id=task_id or "",
        args=list(args or []),
        kwargs=dict(kwargs or {}),
        exception=exception,
        traceback_text=str(extra.get("einfo") or ""),
    )
