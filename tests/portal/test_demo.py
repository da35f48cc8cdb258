from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

pytestmark = pytest.mark.django_db

GELSENKIRCHEN = "05513000"


def table_counts():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def content_counts():
    """The rows of the content itself: without the editorial history and the tombstones,
    which record what a load changed."""
    return {
        table: count
        for table, count in table_counts().items()
        if "historical" not in table and table != "portal_tombstone"
    }


def load_demo():
    call_command("load_demo", stdout=StringIO())


def test_load_demo_is_idempotent_and_describes_the_themes_with_atlas_figures():
    """A second load changes no table: no row twice, no second version in a history. The
    apps' demo tests rely on this and load once."""
    from portal.models import Theme

    load_demo()
    assert "98 %" in Theme.objects.get(slug="verwaltung").description
    first = table_counts()
    load_demo()
    assert table_counts() == first


def berlin(*fields) -> datetime:
    return timezone.make_aware(datetime(*fields))


def real_now() -> datetime:
    return datetime.now(tz=timezone.get_current_timezone())


# The day the demo is loaded: today, two years ahead, and days where a date rule could
# slip (the last evening of a year, a leap day, the last hour of a month).
LOAD_DAYS = {
    "today": real_now,
    "in two years": lambda: real_now() + timedelta(days=730),
    "new year's eve": lambda: berlin(2027, 12, 31, 23, 30),
    "leap day": lambda: berlin(2028, 2, 29, 12, 0),
    "end of a month": lambda: berlin(2029, 4, 30, 23, 59),
}


@pytest.mark.parametrize("load_day", LOAD_DAYS.values(), ids=LOAD_DAYS.keys())
def test_calendars_deadlines_and_matcher_show_upcoming_content_on_the_day_the_demo_is_loaded(
    client, monkeypatch, load_day
):
    """Alive on the day it is loaded: each channel of events and funding has upcoming
    content, whatever day ``make run`` runs (one load per day, the channels checked on it)."""
    moment = load_day()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    load_demo()
    assert_event_list_has_upcoming_events(client, moment)
    assert_month_calendars_have_events(client, moment)
    assert_event_feeds_have_upcoming_events(client, moment)
    assert_deadline_list_and_calendar_have_open_calls(client, moment)
    assert_matcher_finds_open_programmes_for_gelsenkirchen(client)
    assert_a_visitor_can_register_for_the_example_workshop(client, moment)


def ical_events(response) -> list:
    assert response.status_code == 200
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def starts(vevents) -> list[datetime]:
    """Each DTSTART as a moment (an all-day entry from its local midnight)."""
    moments = []
    for vevent in vevents:
        start = vevent.decoded("dtstart")
        if not isinstance(start, datetime):
            start = timezone.make_aware(datetime.combine(start, datetime.min.time()))
        moments.append(start)
    return moments


def assert_event_list_has_upcoming_events(client, now):
    response = client.get("/termine/")
    assert response.context["paginator"].count >= 10
    assert all(event.end > now for event in response.context["object_list"])


def assert_month_calendars_have_events(client, now):
    """The current month (``/termine/kalender/``) and the next one."""
    assert client.get("/termine/kalender/").context["event_count"] >= 2
    following = (timezone.localdate(now).replace(day=1) + timedelta(days=32)).replace(day=1)
    response = client.get(f"/termine/kalender/{following.year}/{following.month}/")
    assert response.context["event_count"] >= 2


def assert_event_feeds_have_upcoming_events(client, now):
    """The subscription of all events and that of every expert circle."""
    from events.models import ExpertCircle

    upcoming = starts(ical_events(client.get("/termine/kalender.ics")))
    assert len([start for start in upcoming if start > now]) >= 10
    circles = list(ExpertCircle.objects.published())
    assert len(circles) == 3
    for circle in circles:
        feed = client.get(f"/expertenkreise/{circle.slug}/kalender.ics")
        assert any(start > now for start in starts(ical_events(feed))), circle.slug


def assert_deadline_list_and_calendar_have_open_calls(client, now):
    calls = list(client.get("/foerderprogramme/fristen/").context["object_list"])
    assert len(calls) >= 2
    assert all(call.deadline > now for call in calls)
    deadlines = starts(ical_events(client.get("/foerderprogramme/fristen.ics")))
    assert len([deadline for deadline in deadlines if deadline > now]) >= 2


def assert_matcher_finds_open_programmes_for_gelsenkirchen(client):
    matcher = "/foerderprogramme/passt-zu-meiner-kommune/"
    results = client.get(matcher, {"municipality": GELSENKIRCHEN}).context["results"]
    assert len(results) >= 2
    statuses = {programme.funding_status for programme, _reasons in results}
    assert statuses & {"open", "closing_soon"}
    with_theme = {"municipality": GELSENKIRCHEN, "themes": "mobilitaet"}
    assert client.get(matcher, with_theme).context["results"]


def assert_a_visitor_can_register_for_the_example_workshop(client, now):
    """The example event of the centre with registration lies ahead with its registration
    open, and a visitor without an account registers through its form."""
    from django.urls import reverse

    from events.demo import WORKSHOP
    from events.models import Event

    workshop = Event.objects.get(slug=WORKSHOP["slug"], is_example=True)
    assert workshop.start > now
    assert timezone.localdate(now) <= workshop.registration_deadline
    assert workshop.registration_deadline < timezone.localdate(workshop.start)
    page = client.get(workshop.get_absolute_url())
    assert page.context["registration_closed"] == ""
    assert page.context["seats_left"] == workshop.capacity
    response = client.post(
        reverse("events:event_register", kwargs={"slug": workshop.slug}),
        {"name": "Kim Beispiel", "email": "kim@example.org"},
    )
    assert response.status_code == 302
    assert workshop.registrations.get().email == "kim@example.org"


def test_loading_on_a_later_day_moves_the_examples_on_without_adding_rows(monkeypatch):
    from events.demo import WORKSHOP
    from events.models import Event, Registration
    from funding.models import FundingCall

    load_demo()
    before = content_counts()
    real_events = set(Event.objects.filter(is_example=False).values_list("slug", "start"))
    # A registration for the workshop's old day goes with that day.
    Registration.objects.create(
        event=Event.objects.get(slug=WORKSHOP["slug"]), name="Kim", email="kim@example.org"
    )
    later = real_now() + timedelta(days=400)
    monkeypatch.setattr(timezone, "now", lambda: later)
    load_demo()
    assert content_counts() == before
    assert set(Event.objects.filter(is_example=False).values_list("slug", "start")) == real_events
    # Nothing of the examples stays behind from the first load: every meeting lies in the
    # window of the second one (from three months back), every call opens after the first.
    window_start = timezone.localdate(later).replace(day=1) - timedelta(days=3 * 31)
    assert not Event.objects.filter(is_example=True, start__date__lt=window_start).exists()
    assert not FundingCall.objects.filter(opens_at__lt=later - timedelta(days=91)).exists()
