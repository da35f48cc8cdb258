import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.choices import EventKind
from events.models import Event
from tests.cities.factories import DistrictFactory, MunicipalityFactory
from tests.events.factories import EventFactory, berlin

pytestmark = pytest.mark.django_db


def errors_of(event) -> dict:
    with pytest.raises(ValidationError) as info:
        event.full_clean()
    return info.value.message_dict


def new_event(**fields) -> Event:
    defaults = {
        "title": "Workshop",
        "slug": "workshop",
        "kind": EventKind.WORKSHOP,
        "start": berlin(2026, 5, 4, 10),
        "end": berlin(2026, 5, 4, 12),
        "venue_address": "Marktplatz 1, Ulm",
    }
    return Event(**{**defaults, **fields})


def test_a_valid_timed_event_passes_validation():
    new_event().full_clean()


def test_end_must_come_after_start():
    errors = errors_of(new_event(end=berlin(2026, 5, 4, 9)))
    assert errors["end"] == ["Das Ende muss nach dem Beginn liegen."]


def test_registration_deadline_must_come_before_the_start():
    errors = errors_of(new_event(registration_deadline=date(2026, 5, 5)))
    assert errors["registration_deadline"] == [
        "Der Anmeldeschluss muss vor dem Beginn des Termins liegen."
    ]
    new_event(registration_deadline=date(2026, 5, 1)).full_clean()


def test_timed_events_need_start_and_end_times():
    errors = errors_of(new_event(start=None, end=None))
    assert errors["start"] == ["Termine mit Uhrzeit brauchen einen Beginn mit Uhrzeit."]
    assert errors["end"] == ["Termine mit Uhrzeit brauchen ein Ende mit Uhrzeit."]


def test_all_day_events_need_a_first_day():
    errors = errors_of(new_event(all_day=True, start=None, end=None))
    assert errors["start_date"] == ["Ganztägige Termine brauchen einen ersten Tag."]


def test_all_day_end_date_may_not_precede_the_first_day():
    event = new_event(all_day=True, start_date=date(2026, 5, 4), end_date=date(2026, 5, 3))
    assert errors_of(event)["end_date"] == ["Das Ende muss nach dem Beginn liegen."]


def test_all_day_events_span_midnight_to_midnight_after_the_inclusive_last_day():
    event = new_event(
        all_day=True, start=None, end=None, start_date=date(2026, 3, 28), end_date=date(2026, 3, 29)
    )
    event.full_clean()
    assert event.start == berlin(2026, 3, 28)
    assert event.end == berlin(2026, 3, 30)
    assert event.last_day == date(2026, 3, 29)


def test_a_one_day_all_day_event_may_leave_the_end_date_empty():
    event = new_event(all_day=True, start_date=date(2026, 5, 4), end_date=None)
    event.full_clean()
    assert event.end - event.start == timedelta(days=1)
    assert not event.is_multi_day


def test_venue_or_online_link_is_required():
    errors = errors_of(new_event(venue_address=""))
    assert errors["venue_name"] == ["Bitte einen Veranstaltungsort oder einen Online-Link angeben."]
    new_event(venue_address="", online_link="https://example.org/raum").full_clean()


def test_coordinates_default_to_the_municipality():
    municipality = MunicipalityFactory(latitude=48.4, longitude=9.99)
    event = new_event(venue_address="", venue_municipality=municipality)
    event.full_clean()
    assert (event.latitude, event.longitude) == (48.4, 9.99)


def test_own_coordinates_are_kept():
    municipality = MunicipalityFactory(latitude=48.4, longitude=9.99)
    event = new_event(venue_municipality=municipality, latitude=48.39, longitude=9.98)
    event.full_clean()
    assert (event.latitude, event.longitude) == (48.39, 9.98)


def test_fee_shows_amount_in_euro_and_free_text():
    assert EventFactory.build(fee_amount=Decimal("25.00"), fee_note="").fee_display == "25,00 €"
    assert EventFactory.build(fee_note="kostenlos").fee_display == "kostenlos"


def test_uid_is_stable_and_names_the_portal():
    event = EventFactory()
    event.title = "Neuer Titel"
    event.save()
    assert event.uid == f"event-{event.pk}@digitale-staedte-und-regionen"


def test_upcoming_events_include_every_event_that_has_not_ended():
    """The lower bound on the start that ``ending_after`` adds on PostgreSQL (now less the
    longest duration of any event) leaves no event out: not the longest one, not one that
    started long ago and still runs, not a draft that is the longest."""
    now = berlin(2026, 3, 1, 12)
    EventFactory(start=berlin(2026, 2, 1, 10), end=berlin(2026, 2, 1, 12), title="Vorbei")
    EventFactory(start=berlin(2026, 1, 10, 9), end=berlin(2026, 3, 5, 18), title="Ausstellung")
    EventFactory(start=berlin(2026, 3, 1, 11), end=berlin(2026, 3, 1, 12, 30), title="Läuft")
    EventFactory(start=berlin(2026, 3, 1, 10), end=now, title="Eben zu Ende")
    EventFactory(start=berlin(2026, 3, 2, 10), end=berlin(2026, 3, 2, 12), title="Morgen")
    EventFactory(
        start=berlin(2025, 1, 1, 0), end=berlin(2025, 6, 1, 0), status="draft", title="Entwurf"
    )
    expected = ["Ausstellung", "Läuft", "Morgen"]
    assert [event.title for event in Event.objects.upcoming(now)] == expected
    plain = Event.objects.filter(end__gt=now).order_by("start", "pk")
    assert [event.title for event in plain] == expected
    march = ["Ausstellung", "Eben zu Ende", "Läuft", "Morgen"]
    assert [event.title for event in Event.objects.in_month(2026, 3)] == march
    assert [e.title for e in Event.objects.in_month(2026, 2)] == ["Ausstellung", "Vorbei"]


def test_past_events_are_those_that_have_ended_most_recent_first():
    now = berlin(2026, 3, 1, 12)
    EventFactory(start=berlin(2026, 1, 10, 9), end=berlin(2026, 3, 5, 18), title="Läuft noch")
    EventFactory(start=berlin(2026, 3, 1, 10), end=now, title="Eben zu Ende")
    EventFactory(start=berlin(2026, 2, 1, 10), end=berlin(2026, 2, 1, 12), title="Februar")
    EventFactory(start=berlin(2026, 3, 2, 10), end=berlin(2026, 3, 2, 12), title="Morgen")
    assert [event.title for event in Event.objects.past(now)] == ["Eben zu Ende", "Februar"]


def test_the_database_refuses_an_event_that_does_not_end_after_its_start():
    start = berlin(2026, 3, 1, 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(start=start, end=start)
    assert not Event.objects.exists()


@pytest.mark.postgres
def test_upcoming_events_are_read_from_the_start_index_from_a_lower_bound(query_plan):
    """PostgreSQL can read the upcoming list in the order of the index on (status, start)
    beginning at the bound, and count it from the covering index without reading the rows
    (migration 0005). Planner settings stand in for a table of national size, where
    PostgreSQL chooses these plans by itself."""
    EventFactory()
    upcoming = Event.objects.filter(status="published").upcoming(berlin(2026, 3, 1, 12))

    page = query_plan(*upcoming[:20].query.sql_with_params(), "seqscan", "bitmapscan", "sort")
    assert "Index Scan Backward using events_event_duration_idx" in page, page
    assert re.search(r"Index Cond: \(.*start > \(", page), page
    keys, params = upcoming.order_by().values("pk").query.sql_with_params()
    count = query_plan(
        f"SELECT COUNT(*) FROM ({keys}) AS listed", params, "seqscan", "bitmapscan", "indexscan"
    )
    assert "Index Only Scan using events_event_upcoming_idx on events_event " in count, count


def test_an_event_has_at_most_one_host_body():
    district = DistrictFactory(key="01051")
    event = EventFactory(host_district=district)
    event.full_clean()
    assert event.host == district
    event.host_municipality = MunicipalityFactory(district=district)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    [message] = error.value.message_dict["host_municipality"]
    assert "höchstens einen Gastgeber" in message
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()
