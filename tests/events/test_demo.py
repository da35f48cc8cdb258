"""The events of the demo content: the sources' events are facts, the expert circles and
their regular meetings are examples dated from the day of the load, and every channel says
which is which."""

from datetime import date, datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.demo import CENTRE, MONTHS_BEHIND, WORKSHOP, months_before, workshop_day
from events.models import Event, EventSeries, ExpertCircle
from tests.conftest import demo_for_module
from tests.events.factories import berlin

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2027, 1, 20, 9, 0))
REAL_EVENT = "smart-country-convention-2024"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_for_module(django_db_blocker, now=NOW):
        yield


def example_meeting() -> Event:
    return (
        Event.objects.filter(is_example=True, series__isnull=False, end__gt=NOW)
        .order_by("start")
        .first()
    )


@pytest.mark.parametrize(
    ("day", "first"),
    [
        (date(2027, 1, 20), date(2026, 10, 1)),
        (date(2027, 3, 31), date(2026, 12, 1)),
        (date(2027, 12, 1), date(2027, 9, 1)),
    ],
)
def test_months_before_is_the_first_day_of_an_earlier_month(day, first):
    assert months_before(day, MONTHS_BEHIND) == first


def test_circles_and_their_meetings_are_examples_and_the_source_events_are_not(demo):
    assert set(ExpertCircle.objects.values_list("is_example", flat=True)) == {True}
    series = list(EventSeries.objects.all())
    assert len(series) == 3
    for one in series:
        assert one.is_example
        assert one.starts_on == date(2026, 10, 1)
        assert one.expert_circle.slug.startswith("expertenkreis-")
        occurrences = list(one.occurrences.all())
        assert len(occurrences) == one.count
        assert {event.is_example for event in occurrences} == {True}
        assert any(event.start > NOW for event in occurrences)
    real = Event.objects.filter(series=None, is_example=False)
    assert real.count() == 11
    # Besides the meetings one example: the workshop that takes registrations.
    assert list(
        Event.objects.filter(series=None, is_example=True).values_list("slug", flat=True)
    ) == [WORKSHOP["slug"]]
    assert Event.objects.get(slug=REAL_EVENT).description.endswith(
        "Quelle: Meldung vom 1. September 2024."
    )


@pytest.mark.parametrize(
    ("today", "day"),
    [
        (date(2027, 1, 20), date(2027, 2, 4)),  # a Wednesday: the Thursday after two weeks
        (date(2027, 1, 21), date(2027, 2, 4)),  # a Thursday: two weeks later exactly
        (date(2027, 1, 22), date(2027, 2, 11)),  # a Friday
        (date(2027, 12, 31), date(2028, 1, 20)),
    ],
)
def test_the_workshop_is_the_first_thursday_two_weeks_after_the_load(today, day):
    assert workshop_day(today) == day


def test_the_example_workshop_of_the_centre_takes_registrations(client, demo):
    workshop = Event.objects.get(slug=WORKSHOP["slug"])
    assert workshop.is_example and workshop.organiser == CENTRE
    assert workshop.registration_enabled and workshop.capacity
    assert workshop.start > NOW
    assert workshop.registration_deadline < timezone.localdate(workshop.start)
    assert workshop.registration_closed_reason(NOW) == ""
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert "keine echte Veranstaltung" in page
    assert "Verbindlich anmelden" in page
    assert WORKSHOP["online_link"] not in page


def test_example_meetings_are_labelled_on_the_pages_and_real_events_are_not(client, demo):
    meeting = example_meeting()
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert 'class="notice example-note" role="note"' in detail
    assert "keine echte Veranstaltung" in detail
    real = client.get(Event.objects.get(slug=REAL_EVENT).get_absolute_url()).content.decode()
    assert "example-badge" not in real
    upcoming = client.get("/termine/")
    page = upcoming.content.decode()
    shown = list(upcoming.context["object_list"])
    # One badge per example in the list, one more in the note that explains it.
    assert page.count('class="example-badge"') == len(shown) + 1
    archive = client.get("/termine/archiv/")
    past_examples = [event for event in archive.context["object_list"] if event.is_example]
    assert archive.content.decode().count('class="example-badge"') == len(past_examples) + 1
    month = client.get("/termine/kalender/")
    in_month = month.context["event_count"]
    assert month.content.decode().count('class="example-badge"') == in_month + 1
    circle = client.get(meeting.expert_circle.get_absolute_url()).content.decode()
    assert "kein echter Expertenkreis" in circle
    circles = client.get("/expertenkreise/").content.decode()
    assert circles.count('class="example-badge"') == 3 + 1


def test_example_meetings_are_labelled_in_the_calendar_feeds_and_real_events_are_not(client, demo):
    meeting = example_meeting()
    feed = Calendar.from_ical(client.get("/termine/kalender.ics").content)
    entries = {
        str(vevent["url"]).rsplit("/termine/", 1)[1]: vevent for vevent in feed.walk("VEVENT")
    }
    entry = entries[f"{meeting.slug}/"]
    assert str(entry["summary"]) == f"[Beispiel] {meeting.title}"
    assert str(entry["description"]).startswith("Beispielinhalt zur Demonstration")
    assert all(str(vevent["summary"]).startswith("[Beispiel] ") for vevent in entries.values())
    single = client.get(f"/termine/{meeting.slug}/termin.ics")
    assert "[Beispiel]" in str(Calendar.from_ical(single.content).walk("VEVENT")[0]["summary"])
    real = Calendar.from_ical(client.get(f"/termine/{REAL_EVENT}/termin.ics").content)
    [real_entry] = real.walk("VEVENT")
    assert str(real_entry["summary"]) == "Smart Country Convention 2024"
    assert "Beispielinhalt" not in str(real_entry["description"])


def test_example_flag_is_in_the_api_lists_and_details(client, demo):
    meeting = example_meeting()
    rows = client.get("/api/v1/events/", {"page_size": 100}).json()["results"]
    flags = {row["slug"]: row["is_example"] for row in rows}
    assert flags[meeting.slug] is True
    assert flags[REAL_EVENT] is False
    assert client.get(f"/api/v1/events/{meeting.slug}/").json()["is_example"] is True
    assert client.get(f"/api/v1/events/{REAL_EVENT}/").json()["is_example"] is False
    circles = client.get("/api/v1/expert-circles/").json()["results"]
    assert {row["is_example"] for row in circles} == {True}
    features = client.get("/api/v1/events/geojson/").json()["features"]
    by_slug = {feature["id"]: feature["properties"]["is_example"] for feature in features}
    assert by_slug[REAL_EVENT] is False
    assert True in by_slug.values()


def test_examples_are_labelled_in_the_site_search_and_on_the_municipality_page(client, demo):
    search = client.get("/suche/", {"q": "Expertenkreises Mobilität"})
    hits = [hit for group in search.context["groups"] for hit in group["result"].hits]
    assert hits
    assert all(hit.meta.startswith("Beispiel · ") for hit in hits if "Treffen" in hit.title)
    page = client.get("/kommunen/05513000/").content.decode()
    assert "Treffen des Expertenkreises Mobilität" in page
    assert "Beispiel · " in page


def test_examples_are_not_offered_to_search_engines_as_events(client, demo):
    meeting = example_meeting()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "application/ld+json" not in page
    assert '<meta name="robots" content="noindex">' in page
    circle = client.get(meeting.expert_circle.get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex">' in circle
    real = client.get(Event.objects.get(slug=REAL_EVENT).get_absolute_url()).content.decode()
    assert "application/ld+json" in real
    assert "noindex" not in real
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/termine/{REAL_EVENT}/" in sitemap
    assert meeting.slug not in sitemap
    assert "/expertenkreise/" not in sitemap


def test_demo_loads_the_seed_events_and_circles(demo):
    """Loading it twice changes nothing: tests/portal/test_demo.py compares every table."""
    sccon = Event.objects.get(slug="smart-country-convention-2024")
    assert (sccon.start_date, sccon.last_day) == (
        timezone.datetime(2024, 10, 15).date(),
        timezone.datetime(2024, 10, 17).date(),
    )
    assert sccon.start == berlin(2024, 10, 15)
    sccon_2019 = Event.objects.get(slug="smart-country-convention-2019")
    assert (sccon_2019.start_date.day, sccon_2019.last_day.day) == (22, 24)
    # The eleven events of the sources; the circles' meetings are examples (above).
    assert Event.objects.filter(is_example=False).count() == 11
    assert Event.objects.published().count() == Event.objects.count()
    circles = ExpertCircle.objects.published()
    assert circles.count() == 3
    assert all("Kompetenzzentrum" in circle.moderation_organisation for circle in circles)
    assert all("(Kompetenzzentrum)" in circle.name for circle in circles)
