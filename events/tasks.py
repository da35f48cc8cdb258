"""Background work of the events app, run by Celery beat (see CELERY_BEAT_SCHEDULE).

Each task may run twice (beat firing again, a retry, a redelivery after a lost worker):
a row is claimed by a conditional write before its e-mail goes out, so nobody gets the
same message twice. If the sending fails, the claim is given back and the retry sends it.
"""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.choices import RegistrationStatus
from events.feeds import attendee_ics
from events.models import CircleInvitation, CircleMembership, Event, Registration
from events.querysets import local_midnight
from events.services import circle_coordinator_addresses, registration_email
from portal.mail import absolute_url, send_mail_template


@shared_task
def send_registration_reminders() -> int:
    """Remind everyone holding a seat of an event that starts tomorrow (Europe/Berlin),
    once each, with the online link. Returns how many reminders went out."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    candidates = (
        Registration.objects.confirmed()
        .filter(
            reminded_at=None,
            event__cancelled=False,
            event__start__gte=local_midnight(tomorrow),
            event__start__lt=local_midnight(tomorrow + timedelta(days=1)),
        )
        .select_related("event")
    )
    sent = 0
    for registration in candidates:
        claimed = Registration.objects.filter(
            pk=registration.pk, reminded_at=None, status=RegistrationStatus.CONFIRMED
        ).update(reminded_at=timezone.now())
        if claimed != 1:
            continue  # another run got there first, or the person cancelled meanwhile
        try:
            registration_email(registration, "registration_reminder")
        except Exception:
            Registration.objects.filter(pk=registration.pk).update(reminded_at=None)
            raise
        sent += 1
    return sent


@shared_task
def send_circle_invitations() -> int:
    """Invite each accepted member of a circle to its published, upcoming meetings that are
    not cancelled, once per meeting and member, with the meeting as .ics."""
    meetings = (
        Event.objects.published()
        .upcoming()
        .filter(expert_circle__isnull=False, cancelled=False)
        .select_related("expert_circle", "venue_municipality")
    )
    sent = 0
    for event in meetings:
        members = (
            CircleMembership.objects.accepted()
            .filter(circle_id=event.expert_circle_id, user__is_active=True)
            .exclude(user__email="")
            .exclude(user__circle_invitations__event=event)
            .select_related("user")
        )
        for membership in members:
            try:
                # The row is the claim: a second run fails on the unique (event, user).
                with transaction.atomic():
                    invitation = CircleInvitation.objects.create(event=event, user=membership.user)
            except IntegrityError:
                continue
            try:
                send_circle_invitation(event, membership)
            except Exception:
                invitation.delete()
                raise
            sent += 1
    return sent


def send_circle_invitation(event: Event, membership: CircleMembership) -> None:
    # A meeting with registration through the portal gives its link only with a seat.
    online_link = event.public_online_link
    send_mail_template(
        "events/email/circle_invitation",
        {
            "event": event,
            "circle": event.expert_circle,
            "online_link": online_link,
            "event_url": absolute_url(event.get_absolute_url()),
        },
        to=[membership.user.email],
        language=membership.language,
        reply_to=circle_coordinator_addresses(event.expert_circle),
        attachments=[
            (
                f"{event.slug}.ics",
                attendee_ics(event, online_link=online_link),
                "text/calendar",
            )
        ],
    )


@shared_task
def purge_attendee_data() -> int:
    """Delete the registrations (names, addresses, needs) of events that ended more than
    EVENT_ATTENDEE_RETENTION_DAYS days ago, as the privacy page promises. Returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.EVENT_ATTENDEE_RETENTION_DAYS)
    deleted, _by_model = Registration.objects.filter(event__end__lt=cutoff).delete()
    return deleted
