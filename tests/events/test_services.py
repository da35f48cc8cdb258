from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from events.choices import Frequency, Weekday
from events.models import Event, EventSeries
from events.services import event_series_generate
from tests.cities.factories import DistrictFactory
from tests.events.factories import EventSeriesFactory, ExpertCircleFactory, berlin

pytestmark = pytest.mark.django_db


def test_series_makes_one_event_per_occurrence_on_every_first_tuesday():
    circle = ExpertCircleFactory()
    series = EventSeriesFactory(starts_on=date(2026, 1, 1), count=4, expert_circle=circle)
    events = event_series_generate(series=series)
    assert [event.start_date or event.first_day for event in events] == [
        date(2026, 1, 6),
        date(2026, 2, 3),
        date(2026, 3, 3),
        date(2026, 4, 7),
    ]
    assert Event.objects.filter(series=series, expert_circle=circle).count() == 4
    assert events[0].slug == f"{series.slug}-2026-01-06"


def test_regenerating_updates_in_place_without_duplicates():
    series = EventSeriesFactory(starts_on=date(2026, 1, 1), count=3)
    first = event_series_generate(series=series, now=berlin(2025, 12, 1))
    Event.objects.filter(pk=first[1].pk).update(cancelled=True)
    series.title = "Umbenannt"
    series.save()
    second = event_series_generate(series=series, now=berlin(2025, 12, 1))
    assert [event.pk for event in second] == [event.pk for event in first]
    assert Event.objects.filter(series=series).count() == 3
    assert set(Event.objects.filter(series=series).values_list("title", flat=True)) == {"Umbenannt"}
    assert Event.objects.get(pk=first[1].pk).cancelled


def test_shortening_a_series_removes_upcoming_occurrences_but_keeps_past_ones():
    series = EventSeriesFactory(starts_on=date(2026, 1, 1), count=4)
    event_series_generate(series=series, now=berlin(2025, 12, 1))
    series.count = 1
    series.save()
    event_series_generate(series=series, now=berlin(2026, 2, 10))
    remaining = Event.objects.filter(series=series).order_by("start")
    # January (generated) and February (past on 10 February) stay; March and April go.
    assert [event.start.date() for event in remaining] == [date(2026, 1, 6), date(2026, 2, 3)]


def test_series_keeps_its_local_time_across_the_dst_change():
    series = EventSeriesFactory(
        frequency=Frequency.WEEKLY,
        week_of_month=None,
        weekday=Weekday.THURSDAY,
        starts_on=date(2026, 3, 19),
        count=2,
        start_time=time(10),
        end_time=time(11),
    )
    before, after = event_series_generate(series=series)
    assert before.start == berlin(2026, 3, 19, 10)
    assert after.start == berlin(2026, 3, 26, 10)
    # 10:00 CET is 09:00 UTC; 10:00 CEST (from 29 March) would be 08:00 UTC.
    assert before.start.utctimetuple().tm_hour == 9
    series.starts_on = date(2026, 3, 26)
    series.save()
    _first, second = event_series_generate(series=series)
    assert second.start.utctimetuple().tm_hour == 8


def test_series_needs_either_a_count_or_an_end_date():
    series = EventSeriesFactory.build(count=None, until=None)
    with pytest.raises(ValidationError) as info:
        event_series_generate(series=series)
    assert "count" in info.value.message_dict
    assert Event.objects.count() == 0


def test_series_until_bounds_the_occurrences():
    series = EventSeriesFactory(starts_on=date(2026, 1, 1), count=None, until=date(2026, 3, 31))
    assert len(event_series_generate(series=series)) == 3


def test_generation_is_atomic():
    # A slug taken by another event makes the third occurrence invalid: nothing is created.
    series = EventSeriesFactory(starts_on=date(2026, 1, 1), count=3)
    from tests.events.factories import EventFactory

    EventFactory(slug=f"{series.slug}-2026-03-03")
    with pytest.raises(ValidationError):
        event_series_generate(series=series)
    assert Event.objects.filter(series=series).count() == 0


def test_an_occurrence_takes_every_field_it_shares_with_its_series():
    """The fields an event and a series share by name are copied onto each occurrence,
    except those that differ on purpose (listed here with the reason)."""
    from events.models import COPIED_FROM_SERIES

    differ_on_purpose = {
        "id",
        "slug",  # an occurrence's slug is the series' slug and the date
        "themes",  # a many-to-many relation: set after saving
        "created_at",
        "updated_at",
    }
    shared = {field.name for field in EventSeries._meta.get_fields() if field.concrete} & {
        field.name for field in Event._meta.get_fields() if field.concrete
    }
    assert shared - differ_on_purpose == set(COPIED_FROM_SERIES)


def test_an_occurrence_takes_the_host_of_its_series():
    district = DistrictFactory(key="01051")
    series = EventSeriesFactory(host_district=district)
    events = event_series_generate(series=series)
    assert events and {event.host for event in events} == {district}
