"""Writes of the events app that touch several rows."""

from datetime import date, datetime

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.choices import CircleMembershipStatus, CircleRole, Frequency, RegistrationStatus
from events.feeds import attendee_ics
from events.models import (
    COPIED_FROM_SERIES,
    CircleMembership,
    Event,
    EventSeries,
    ExpertCircle,
    Registration,
)
from events.querysets import is_circle_editor
from members.services import verified_addresses
from portal.mail import absolute_url, send_mail_template
from portal.ratelimit import per_hour_and_day, take_allowance
from portal.services import publication_stamp

RRULE_WEEKDAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]


def event_series_dates(*, series: EventSeries) -> list[date]:
    """The days on which the series takes place, from its rule (as RFC 5545 RRULE would)."""
    weekday = RRULE_WEEKDAYS[series.weekday]
    if series.frequency == Frequency.MONTHLY and series.week_of_month is not None:
        byweekday = weekday(series.week_of_month)
    else:
        byweekday = weekday
    rule = rrule.rrule(
        rrule.WEEKLY if series.frequency == Frequency.WEEKLY else rrule.MONTHLY,
        interval=series.interval,
        byweekday=byweekday,
        dtstart=datetime.combine(series.starts_on, datetime.min.time()),
        count=series.count,
        until=datetime.combine(series.until, datetime.min.time()) if series.until else None,
    )
    return [moment.date() for moment in rule]


@transaction.atomic
def event_series_generate(*, series: EventSeries, now: datetime | None = None) -> list[Event]:
    """Make (or bring up to date) one Event per occurrence of the series.

    Occurrences are matched by their date, so regenerating updates them in place: each keeps
    its primary key and thus its iCalendar UID, and a cancelled flag set on one of them
    stays. Upcoming occurrences the rule no longer yields are deleted; past ones are kept
    as the record of what took place. Times are local (Europe/Berlin), so a series keeps
    its wall-clock time across daylight saving changes.
    """
    series.full_clean()
    now = now or timezone.now()
    themes = list(series.themes.all())
    existing = {event.series_occurrence: event for event in series.occurrences.all()}
    events = []
    days = event_series_dates(series=series)
    for day in days:
        event = existing.get(day) or Event(series=series, series_occurrence=day)
        for name in COPIED_FROM_SERIES:
            setattr(event, name, getattr(series, name))
        event.slug = f"{series.slug}-{day:%Y-%m-%d}"
        event.all_day = False
        event.start = timezone.make_aware(datetime.combine(day, series.start_time))
        event.end = timezone.make_aware(datetime.combine(day, series.end_time))
        # Coordinates follow the municipality (clean() fills them in).
        event.latitude = event.longitude = None
        publication_stamp(event)
        event.full_clean()
        event.save()
        event.themes.set(themes)
        events.append(event)
    stale = [
        event.pk for day, event in existing.items() if day not in set(days) and event.end > now
    ]
    Event.objects.filter(pk__in=stale).delete()
    return events


DUPLICATE_MESSAGE = gettext_lazy(
    "Diese E-Mail-Adresse ist für den Termin schon angemeldet. Den Link zum Abmelden finden "
    "Sie in der E-Mail, die Sie nach der Anmeldung bekommen haben."
)


def registration_email(registration: Registration, template: str) -> None:
    """Send ``events/email/<template>`` to the registered person. Confirmations and
    reminders to those holding a seat carry the event as .ics with the online link; the
    others get the event without it."""
    event = registration.event
    seated = registration.status == RegistrationStatus.CONFIRMED
    online_link = event.online_link if seated else ""
    send_mail_template(
        f"events/email/{template}",
        {
            "registration": registration,
            "event": event,
            "online_link": online_link,
            "event_url": absolute_url(event.get_absolute_url()),
            "cancel_url": absolute_url(registration.get_cancel_url()),
            "confirm_url": absolute_url(registration.get_confirm_url()),
        },
        to=[registration.email],
        language=registration.language,
        attachments=[
            (f"{event.slug}.ics", attendee_ics(event, online_link=online_link), "text/calendar")
        ],
    )


def send_after_commit(registration: Registration, template: str) -> None:
    # Only what the database kept is announced; a rollback sends nothing.
    transaction.on_commit(lambda: registration_email(registration, template))


ANONYMOUS_LIMIT_MESSAGE = gettext_lazy(
    "Von Ihrem Internetanschluss kamen in kurzer Zeit zu viele Anmeldungen zu Terminen. Bitte "
    "versuchen Sie es später noch einmal, oder melden Sie sich zuerst mit Ihrem Konto im "
    "Portal an."
)


def _take_anonymous_allowance(client_address: str) -> None:
    """Count a registration without an account against the limits of the client address,
    or refuse it: each one sends an e-mail to an address nobody has confirmed yet."""
    take_allowance(
        f"events:registrations:{client_address}",
        per_hour_and_day(
            settings.EVENT_REGISTRATIONS_PER_HOUR, settings.EVENT_REGISTRATIONS_PER_DAY
        ),
        ANONYMOUS_LIMIT_MESSAGE,
    )


def _place(registration: Registration, event: Event, now) -> None:
    """A seat if one is free, else the waiting list. The caller holds the event's row lock,
    so no two placements count the same free seat."""
    taken = Registration.objects.confirmed().filter(event=event).count()
    if taken < event.capacity:
        registration.status = RegistrationStatus.CONFIRMED
    else:
        registration.status = RegistrationStatus.WAITING
    registration.confirmed_at = now


def _placed_template(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CONFIRMED:
        return "registration_confirmed"
    return "registration_waiting"


def registration_create(
    *,
    event: Event,
    user=None,
    name: str,
    email: str,
    organisation: str = "",
    accessibility_needs: str = "",
    language: str = "",
    client_address: str = "",
) -> Registration:
    """Register ``name`` <``email``> for an event run by the centre.

    A signed-in member whose address is one of their verified ones gets a seat (or a place
    on the waiting list) at once; anyone else first confirms the address through the link
    in an e-mail (double opt-in), see ``registration_confirm_email``. Refused when the
    registration is closed or the address is already registered, and for visitors who are
    not signed in beyond EVENT_REGISTRATIONS_PER_HOUR and _PER_DAY per ``client_address``
    (``portal.clients.client_address`` of the request; callers without one share a
    counter)."""
    email = email.strip().lower()
    now = timezone.now()
    signed_in = user is not None and user.is_authenticated
    member = signed_in and email in {address.lower() for address in verified_addresses(user)}
    with transaction.atomic():
        # The row lock serialises the placements of one event (see _place).
        locked = Event.objects.select_for_update().get(pk=event.pk)
        reason = locked.registration_closed_reason(now)
        if reason:
            raise ValidationError(reason, code="closed")
        if Registration.objects.active().filter(event=locked, email=email).exists():
            raise ValidationError({"email": DUPLICATE_MESSAGE}, code="duplicate")
        registration = Registration(
            event=locked,
            user=user if signed_in else None,
            name=name.strip(),
            email=email,
            organisation=organisation.strip(),
            accessibility_needs=accessibility_needs.strip(),
            language=language,
        )
        if member:
            _place(registration, locked, now)
        registration.full_clean()
        if not signed_in:
            # Counted only for what is stored and sent; over the limit nothing is.
            _take_anonymous_allowance(client_address)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            raise ValidationError({"email": DUPLICATE_MESSAGE}, code="duplicate") from error
        if member:
            send_after_commit(registration, _placed_template(registration))
        else:
            send_after_commit(registration, "registration_pending")
    return registration


def registration_confirm_email(*, token: str) -> Registration:
    """The anonymous visitor confirms the address (the link in the e-mail): the
    registration gets a seat or a place on the waiting list. Confirming twice changes
    nothing."""
    now = timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_related("event").get(token=token)
        locked = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.event = locked
        if registration.status != RegistrationStatus.PENDING:
            return registration
        reason = locked.registration_closed_reason(now)
        if reason:
            raise ValidationError(reason, code="closed")
        _place(registration, locked, now)
        registration.full_clean()
        registration.save(update_fields=["status", "confirmed_at"])
        send_after_commit(registration, _placed_template(registration))
    return registration


def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel a registration; a seat it held goes to the first on the waiting list, who is
    told by e-mail. Cancelling twice changes nothing."""
    now = timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.event = locked
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        held_seat = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if held_seat and not locked.is_past:
            free = locked.capacity - Registration.objects.confirmed().filter(event=locked).count()
            for promoted in Registration.objects.waiting().filter(event=locked)[: max(free, 0)]:
                promoted.event = locked
                promoted.status = RegistrationStatus.CONFIRMED
                promoted.save(update_fields=["status"])
                send_after_commit(promoted, "registration_moved_up")
    return registration


# Expert circles


def circle_coordinator_addresses(circle: ExpertCircle) -> list[str]:
    """Who hears of a request to join: the circle's coordinators, else the centre."""
    addresses = list(
        CircleMembership.objects.coordinators()
        .filter(circle=circle, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return addresses or [settings.PORTAL_CONTACT_EMAIL]


def circle_join_request(*, circle: ExpertCircle, user, language: str = "") -> CircleMembership:
    """A signed-in member asks to join a circle; the coordinators are told, and their reply
    goes to the member. Asking again while a request is open or after being accepted changes
    nothing; after a decline the request is opened again. The circle's e-mails to the member
    are in ``language``, the one the member asked in."""
    if user is None or not user.is_authenticated:
        raise ValidationError(_("Bitte melden Sie sich an, um die Aufnahme anzufragen."))
    with transaction.atomic():
        membership, created = CircleMembership.objects.select_for_update().get_or_create(
            circle=circle, user=user
        )
        if not created and membership.status != CircleMembershipStatus.DECLINED:
            return membership
        membership.status = CircleMembershipStatus.REQUESTED
        membership.language = language
        membership.decided_at = None
        membership.decided_by = None
        membership.full_clean()
        membership.save()
        addresses = circle_coordinator_addresses(circle)
        transaction.on_commit(
            lambda: send_mail_template(
                "events/email/circle_request",
                {
                    "membership": membership,
                    "circle": circle,
                    "members_url": absolute_url(circle_members_path(circle)),
                },
                to=addresses,
                reply_to=[user.email] if user.email else None,
            )
        )
    return membership


def circle_members_path(circle: ExpertCircle) -> str:
    return reverse("events:circle_members", kwargs={"slug": circle.slug})


def can_manage_circle(user, circle: ExpertCircle) -> bool:
    """Editors and the circle's own coordinators decide on requests."""
    if is_circle_editor(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    return CircleMembership.objects.coordinators().filter(circle=circle, user=user).exists()


def circle_membership_decide(*, membership: CircleMembership, by, accept: bool) -> CircleMembership:
    """A coordinator of the circle or an editor accepts or declines a request; the member
    is told by e-mail."""
    if not can_manage_circle(by, membership.circle):
        raise ValidationError(
            _("Nur die Koordination des Expertenkreises oder die Redaktion entscheidet.")
        )
    with transaction.atomic():
        membership = (
            CircleMembership.objects.select_for_update()
            .select_related("circle", "user")
            .get(pk=membership.pk)
        )
        status = CircleMembershipStatus.ACCEPTED if accept else CircleMembershipStatus.DECLINED
        if membership.status == status:
            return membership
        membership.status = status
        if not accept:
            membership.role = CircleRole.MEMBER
        membership.decided_at = timezone.now()
        membership.decided_by = by
        membership.full_clean()
        membership.save()
        if membership.user.email:
            transaction.on_commit(
                lambda: send_mail_template(
                    "events/email/circle_decision",
                    {
                        "membership": membership,
                        "circle": membership.circle,
                        "accepted": accept,
                        "circle_url": absolute_url(membership.circle.get_absolute_url()),
                    },
                    to=[membership.user.email],
                    language=membership.language,
                    # An answer reaches the person who decided.
                    reply_to=[by.email] if by.email else None,
                )
            )
    return membership
