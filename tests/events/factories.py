"""Factories for events, expert circles and series: published, valid and in Europe/Berlin."""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from events.choices import (
    CircleMembershipStatus,
    CircleRole,
    EventKind,
    Frequency,
    RegistrationStatus,
    Weekday,
)
from events.models import CircleMembership, Event, EventSeries, ExpertCircle, Registration
from events.querysets import local_midnight
from portal.choices import PublicationStatus


def berlin(year, month, day, hour=0, minute=0) -> datetime:
    """A moment in the portal's time zone."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


class ExpertCircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertCircle

    name = factory.Sequence(lambda n: f"Expertenkreis {n}")
    slug = factory.Sequence(lambda n: f"expertenkreis-{n}")
    moderation_organisation = "Kompetenzzentrum"
    status = PublicationStatus.PUBLISHED


class EventFactory(factory.django.DjangoModelFactory):
    """A timed, published workshop on site, starting in ``days_ahead`` days at 10:00."""

    class Meta:
        model = Event

    class Params:
        days_ahead = 7

    title = factory.Sequence(lambda n: f"Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    kind = EventKind.WORKSHOP
    start = factory.LazyAttribute(
        lambda o: timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=o.days_ahead), time(10))
        )
    )
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    venue_name = "Rathaus"
    venue_address = "Marktplatz 1"
    status = PublicationStatus.PUBLISHED


class AllDayEventFactory(EventFactory):
    """An all-day event from ``start_date`` to ``end_date`` (inclusive)."""

    all_day = True
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=2))
    start = factory.LazyAttribute(lambda o: local_midnight(o.start_date))
    end = factory.LazyAttribute(lambda o: local_midnight(o.end_date + timedelta(days=1)))


class EventSeriesFactory(factory.django.DjangoModelFactory):
    """Every first Tuesday of the month, 14:00–16:00, six times."""

    class Meta:
        model = EventSeries

    title = "Treffen des Expertenkreises"
    slug = factory.Sequence(lambda n: f"treffen-{n}")
    frequency = Frequency.MONTHLY
    weekday = Weekday.TUESDAY
    week_of_month = 1
    starts_on = factory.LazyFunction(lambda: timezone.localdate())
    start_time = time(14)
    end_time = time(16)
    count = 6
    online_link = "https://konferenz.example.org/raum"
    status = PublicationStatus.PUBLISHED


class RegistrationEventFactory(EventFactory):
    """A workshop run by the centre with registration through the portal, three seats and
    an online link that only attendees may see."""

    registration_enabled = True
    capacity = 3
    online_link = "https://konferenz.example.org/geheimer-raum"


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration (a seat)."""

    class Meta:
        model = Registration

    event = factory.SubFactory(RegistrationEventFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"teilnahme{n}@example.org")
    status = RegistrationStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class CircleMembershipFactory(factory.django.DjangoModelFactory):
    """An accepted member of a circle."""

    class Meta:
        model = CircleMembership

    circle = factory.SubFactory(ExpertCircleFactory)
    role = CircleRole.MEMBER
    status = CircleMembershipStatus.ACCEPTED
