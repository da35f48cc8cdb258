"""The scheduled work of the notifications (CELERY_BEAT_SCHEDULE). Every task may run
twice (beat fires twice, a retry, a redelivery after a lost worker): what it records is
unique per period or deadline, and a mailing is sent by whoever claims it first."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from notifications.choices import MailingKind
from notifications.models import Subscription
from notifications.services import (
    digest_build,
    mailing_send,
    reminders_build,
    unsent_mailings,
)


@shared_task
def send_digests(frequency: str, today: str | None = None) -> int:
    """Queue the digest of every member with subscriptions of ``frequency``."""
    today = today or timezone.localdate().isoformat()
    users = (
        Subscription.objects.filter(frequency=frequency, email_enabled=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    count = 0
    for user_id in users.iterator():
        build_digest.delay(user_id, frequency, today)
        count += 1
    # Digests recorded by an earlier run whose sending never finished.
    for mailing_id in (
        unsent_mailings().filter(kind=MailingKind.DIGEST).values_list("pk", flat=True)
    ):
        send_mailing.delay(mailing_id)
    return count


@shared_task
def build_digest(user_id: int, frequency: str, today: str) -> int | None:
    from datetime import date

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    mailing = digest_build(user=user, frequency=frequency, today=date.fromisoformat(today))
    if mailing is None or mailing.sent_at:
        return None
    send_mailing.delay(mailing.pk)
    return mailing.pk


@shared_task
def send_deadline_reminders(today: str | None = None) -> int:
    """Record and queue the reminders of calls whose deadline is near (Europe/Berlin)."""
    from datetime import date

    today = date.fromisoformat(today) if today else timezone.localdate()
    subscriptions = Subscription.objects.filter(
        reminder_days__isnull=False, user__is_active=True
    ).select_related("user", "target_type")
    for subscription in subscriptions.iterator():
        reminders_build(subscription=subscription, today=today)
    mailing_ids = list(
        unsent_mailings().filter(kind=MailingKind.REMINDER).values_list("pk", flat=True)
    )
    for mailing_id in mailing_ids:
        send_mailing.delay(mailing_id)
    return len(mailing_ids)


@shared_task
def send_mailing(mailing_id: int) -> bool:
    return mailing_send(mailing_id=mailing_id)
