import calendar
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import DateTimeField, DurationField, ExpressionWrapper, F, Subquery, Value
from django.utils import timezone

from events.choices import CircleMembershipStatus, CircleRole, RegistrationStatus
from portal.fulltext import is_postgresql, match_document, weighted_vector
from portal.querysets import PublishableQuerySet

# The weighted documents of an event and a circle (PostgreSQL). Migration 0003 stores
# exactly these in the generated column ``search_document`` with a GIN index; the tests
# compare the stored with the computed one. Where an event takes place and who runs it
# rank below what it is about.
EVENT_DOCUMENT = {
    "A": ["title"],
    "B": ["description"],
    "C": ["venue_name", "venue_address", "organiser"],
}
CIRCLE_DOCUMENT = {
    "A": ["name"],
    "B": ["description"],
    "C": ["moderation_organisation", "member_organisations"],
}
# The plain search elsewhere (SQLite): every word somewhere in these fields.
EVENT_SEARCH_FIELDS = ["title", "description", "venue_name", "venue_address", "organiser"]
CIRCLE_SEARCH_FIELDS = ["name", "description", "moderation_organisation", "member_organisations"]


def local_midnight(day: date) -> datetime:
    """The start of ``day`` in the portal's time zone (Europe/Berlin)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def event_search_vector():
    """The weighted document of an event, computed (what the stored column holds)."""
    return weighted_vector(EVENT_DOCUMENT)


def circle_search_vector():
    """The weighted document of an expert circle, computed (what the stored column holds)."""
    return weighted_vector(CIRCLE_DOCUMENT)


class EventQuerySet(PublishableQuerySet):
    """Chainable filters for events. Every event has ``start`` and ``end`` as moments (all-day
    events from midnight of the first day to midnight after the last), so one index serves
    timed and all-day events alike."""

    def ending_after(self, moment: datetime):
        """Events that end after ``moment``.

        On PostgreSQL also: that start after ``moment`` less the longest time any event
        lasts. That leaves out no event (one that ends later began at most that long before
        ``moment``), but lists ordered by start can then read the index on (status, start)
        from that point instead of from the first event ever held, so they do not slow down
        as past events accumulate. The longest duration is read from an index on
        ``end - start`` (migration 0005)."""
        queryset = self.filter(end__gt=moment)
        if not is_postgresql():
            return queryset
        duration = ExpressionWrapper(F("end") - F("start"), output_field=DurationField())
        longest = (
            self.model._base_manager.annotate(duration=duration)
            .order_by("-duration")
            .values("duration")[:1]
        )
        earliest = ExpressionWrapper(
            Value(moment, output_field=DateTimeField()) - Subquery(longest),
            output_field=DateTimeField(),
        )
        return queryset.filter(start__gt=earliest)

    def upcoming(self, now: datetime | None = None):
        """Events that have not ended yet, soonest first."""
        return self.ending_after(now or timezone.now()).order_by("start", "pk")

    def past(self, now: datetime | None = None):
        """Events that are over, most recent first. Every event ends after it starts (a
        constraint of the table), so those began before ``now`` too: saying so lets the
        database read the index on (status, start) backwards from ``now`` instead of from
        the last event planned."""
        now = now or timezone.now()
        return self.filter(end__lte=now, start__lt=now).order_by("-start", "-pk")

    def overlapping(self, first_day: date | None, last_day: date | None):
        """Events on at least one day between ``first_day`` and ``last_day`` (inclusive)."""
        queryset = self
        if first_day is not None:
            queryset = queryset.ending_after(local_midnight(first_day))
        if last_day is not None:
            queryset = queryset.filter(start__lt=local_midnight(last_day + timedelta(days=1)))
        return queryset

    def in_month(self, year: int, month: int):
        """Events on at least one day of the month, in order of their start."""
        last = calendar.monthrange(year, month)[1]
        return self.overlapping(date(year, month, 1), date(year, month, last)).order_by(
            "start", "pk"
        )

    def search(self, q: str):
        """Events matching the web-style query ``q`` (phrases, ``-exclusion``, ``OR``), in
        the queryset's order. PostgreSQL: German full-text search with prefixes on the
        stored document (title, description, venue and organiser); elsewhere every word as
        a substring of one of those fields."""
        return match_document(self, q, fallback_fields=EVENT_SEARCH_FIELDS)


class ExpertCircleQuerySet(PublishableQuerySet):
    """Chainable filters for expert circles."""

    def search(self, q: str):
        """Circles matching the web-style query ``q``, in the queryset's order. PostgreSQL:
        full-text search on the stored document (name, description, moderating and member
        organisations); elsewhere every word as a substring of one of those fields."""
        return match_document(self, q, fallback_fields=CIRCLE_SEARCH_FIELDS)


class RegistrationQuerySet(models.QuerySet):
    """Filters for registrations to events run by the centre."""

    def active(self):
        """Registrations that hold or wait for a seat, or wait for their e-mail to be
        confirmed: all but the cancelled ones."""
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        """The waiting list in the order it moves up: first come, first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")


def is_circle_editor(user) -> bool:
    """Editors (staff with the permission) manage every circle's members."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("events.change_circlemembership")
    )


class CircleMembershipQuerySet(models.QuerySet):
    """Filters for memberships in expert circles."""

    def accepted(self):
        return self.filter(status=CircleMembershipStatus.ACCEPTED)

    def requested(self):
        return self.filter(status=CircleMembershipStatus.REQUESTED)

    def coordinators(self):
        return self.accepted().filter(role=CircleRole.COORDINATOR)

    def visible_to(self, user, circle):
        """The memberships of ``circle`` that ``user`` may see: all of them for editors and
        the circle's coordinators, the accepted ones for its accepted members, none for
        anyone else (names and organisations are not public)."""
        queryset = self.filter(circle=circle)
        if is_circle_editor(user):
            return queryset
        if user is None or not user.is_authenticated:
            return queryset.none()
        own = self.model.objects.filter(circle=circle, user=user).first()
        if own is None or own.status != CircleMembershipStatus.ACCEPTED:
            return queryset.none()
        if own.role == CircleRole.COORDINATOR:
            return queryset
        return queryset.accepted()
