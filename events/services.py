"""Writes of the events app that touch several rows."""

from datetime import date, datetime

from dateutil import rrule
from django.db import transaction
from django.utils import timezone

from events.choices import Frequency
from events.models import COPIED_FROM_SERIES, Event, EventSeries
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
