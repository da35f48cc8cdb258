import calendar
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from portal.querysets import PublishableQuerySet


def local_midnight(day: date) -> datetime:
    """The start of ``day`` in the portal's time zone (Europe/Berlin)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def text_query(q: str, fields: list[str]) -> Q:
    """Every word of ``q`` in at least one of ``fields`` (case-insensitive)."""
    condition = Q()
    for word in q.split():
        word_condition = Q()
        for field in fields:
            word_condition |= Q(**{f"{field}__icontains": word})
        condition &= word_condition
    return condition


class EventQuerySet(PublishableQuerySet):
    """Chainable filters for events. Every event has ``start`` and ``end`` as moments (all-day
    events from midnight of the first day to midnight after the last), so one index serves
    timed and all-day events alike."""

    def upcoming(self, now: datetime | None = None):
        """Events that have not ended yet, soonest first."""
        return self.filter(end__gt=now or timezone.now()).order_by("start", "pk")

    def past(self, now: datetime | None = None):
        """Events that are over, most recent first."""
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "-pk")

    def overlapping(self, first_day: date | None, last_day: date | None):
        """Events on at least one day between ``first_day`` and ``last_day`` (inclusive)."""
        queryset = self
        if first_day is not None:
            queryset = queryset.filter(end__gt=local_midnight(first_day))
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
        """Events whose title, description, venue or organiser contain every word of ``q``."""
        fields = ["title", "description", "venue_name", "venue_address", "organiser"]
        return self.filter(text_query(q, fields))


class ExpertCircleQuerySet(PublishableQuerySet):
    """Chainable filters for expert circles."""

    def search(self, q: str):
        """Circles whose name, description or moderation contain every word of ``q``."""
        fields = ["name", "description", "moderation_organisation", "member_organisations"]
        return self.filter(text_query(q, fields))
