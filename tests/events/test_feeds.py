from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date
from icalendar import Calendar

from events.feeds import FEED_PAST_DAYS
from portal.choices import PublicationStatus
from tests.events.factories import (
    AllDayEventFactory,
    EventFactory,
    ExpertCircleFactory,
    berlin,
)
from tests.portal.factories import theme
from tests.portal.ical_rfc import Feed

pytestmark = pytest.mark.django_db

FEED = "/termine/kalender.ics"
NOW = berlin(2026, 3, 1, 12)


def utc(*fields) -> datetime:
    return datetime(*fields, tzinfo=UTC)


# 31 October 2027: 03:00 summer time (01:00 UTC) becomes 02:00 winter time, so the local
# times from 02:00 to 03:00 occur twice; 28 March 2027: 02:00 winter time (01:00 UTC)
# becomes 03:00 summer time, so they do not occur at all.
AROUND_THE_DST_CHANGES = {
    "Erstes 02:30": (utc(2027, 10, 31, 0, 30), utc(2027, 10, 31, 0, 50)),
    "Zweites 02:30": (utc(2027, 10, 31, 1, 30), utc(2027, 10, 31, 1, 50)),
    "Über die Rückstellung": (utc(2027, 10, 30, 23, 30), utc(2027, 10, 31, 2, 30)),
    "Vor der Vorstellung": (utc(2027, 3, 28, 0, 0), utc(2027, 3, 28, 0, 59)),
    "Gleich nach der Vorstellung": (utc(2027, 3, 28, 1, 0), utc(2027, 3, 28, 1, 45)),
    "Über die Vorstellung": (utc(2027, 3, 28, 0, 30), utc(2027, 3, 28, 1, 30)),
}
ALL_DAY_AROUND_THE_DST_CHANGES = {
    "Herbsttagung": (date(2027, 10, 30), date(2027, 10, 31)),
    "Frühjahrstagung": (date(2027, 3, 28), date(2027, 3, 28)),
}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    """The feeds' window and "upcoming" are relative to 1 March 2026."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar) -> dict[str, object]:
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_feed_has_the_required_properties(client):
    event = EventFactory(title="Workshop Mobilität", start=berlin(2026, 3, 10, 10))
    calendar = parse(client.get(FEED))
    assert str(calendar["version"]) == "2.0"
    assert "Digitale Städte und Regionen" in str(calendar["prodid"])
    vevent = vevents(calendar)["Workshop Mobilität"]
    assert str(vevent["uid"]) == f"event-{event.pk}@digitale-staedte-und-regionen"
    for name in ("dtstamp", "dtstart", "dtend", "sequence", "last-modified", "url"):
        assert name in vevent
    assert str(vevent["url"]) == f"http://testserver/termine/{event.slug}/"
    assert vevent["status"] == "CONFIRMED"


def test_feed_times_are_the_right_instants_on_both_sides_of_the_dst_change(client):
    EventFactory(title="Vorher", start=berlin(2026, 3, 28, 10), end=berlin(2026, 3, 28, 12))
    EventFactory(title="Nachher", start=berlin(2026, 3, 30, 10), end=berlin(2026, 3, 30, 12))
    response = client.get(FEED)
    events = vevents(parse(response))
    assert events["Vorher"]["dtstart"].dt == datetime(2026, 3, 28, 9, tzinfo=UTC)
    assert events["Nachher"]["dtstart"].dt == datetime(2026, 3, 30, 8, tzinfo=UTC)
    # In UTC, so that no client depends on a time zone definition or a repeated hour.
    assert b"DTSTART:20260330T080000Z" in response.content
    assert b"TZID" not in response.content


def test_all_day_events_are_dates_with_an_exclusive_end(client):
    AllDayEventFactory(title="Kongress", start_date=date(2026, 3, 10), end_date=date(2026, 3, 12))
    vevent = vevents(parse(client.get(FEED)))["Kongress"]
    assert vevent["dtstart"].dt == date(2026, 3, 10)
    assert vevent["dtend"].dt == date(2026, 3, 13)
    assert b"DTSTART;VALUE=DATE:20260310" in client.get(FEED).content


def test_cancelled_events_are_marked_cancelled(client):
    EventFactory(title="Fällt aus", cancelled=True, start=berlin(2026, 3, 5, 10))
    assert vevents(parse(client.get(FEED)))["Fällt aus"]["status"] == "CANCELLED"


def test_location_is_the_address_or_else_the_online_link(client):
    EventFactory(
        title="Vor Ort",
        venue_name="Rathaus",
        venue_address="Markt 1, Ulm",
        start=berlin(2026, 3, 5, 10),
    )
    EventFactory(
        title="Online",
        venue_name="",
        venue_address="",
        online_link="https://konferenz.example.org/raum",
        start=berlin(2026, 3, 6, 10),
    )
    events = vevents(parse(client.get(FEED)))
    assert str(events["Vor Ort"]["location"]) == "Rathaus, Markt 1, Ulm"
    assert str(events["Online"]["location"]) == "https://konferenz.example.org/raum"


def test_description_is_plain_text(client):
    EventFactory(title="Text", description="**Fett** und [Link](https://example.org)")
    assert str(vevents(parse(client.get(FEED)))["Text"]["description"]) == "Fett und Link"


def test_filtered_feed_holds_exactly_the_filtered_events(client):
    mobility = theme("mobilitaet")
    wanted = [
        EventFactory(title=f"Webinar Mobilität {n}", kind="webinar", days_ahead=n)
        for n in range(1, 4)
    ]
    for event in wanted:
        event.themes.add(mobility)
    EventFactory(title="Webinar Verwaltung", kind="webinar").themes.add(theme("verwaltung"))
    EventFactory(title="Workshop Mobilität", kind="workshop").themes.add(mobility)
    calendar = parse(client.get(FEED, {"kind": "webinar", "theme": "mobilitaet"}))
    assert {str(event["uid"]) for event in calendar.walk("VEVENT")} == {
        event.uid for event in wanted
    }


def test_feed_holds_upcoming_and_the_recent_past_only(client):
    EventFactory(title="Kürzlich", start=NOW - timedelta(days=FEED_PAST_DAYS - 1))
    EventFactory(title="Lange her", start=NOW - timedelta(days=FEED_PAST_DAYS + 1))
    assert set(vevents(parse(client.get(FEED)))) == {"Kürzlich"}


def test_unchanged_feed_answers_304_to_if_none_match(client):
    EventFactory()
    first = client.get(FEED)
    again = client.get(FEED, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_unchanged_feed_answers_304_to_if_modified_since(client):
    event = EventFactory()
    first = client.get(FEED)
    assert first["Last-Modified"] == http_date(int(event.updated_at.timestamp()))
    again = client.get(FEED, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_changed_feed_answers_200_with_a_new_etag(client):
    event = EventFactory()
    first = client.get(FEED)
    event.title = "Geändert"
    event.save()
    again = client.get(FEED, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_circle_feed_holds_the_circles_visible_meetings(client):
    circle = ExpertCircleFactory()
    meeting = EventFactory(title="Treffen", expert_circle=circle)
    EventFactory(title="Entwurf", expert_circle=circle, status=PublicationStatus.DRAFT)
    EventFactory(title="Anderes")
    calendar = parse(client.get(f"/expertenkreise/{circle.slug}/kalender.ics"))
    assert [str(event["uid"]) for event in calendar.walk("VEVENT")] == [meeting.uid]
    assert str(calendar["x-wr-calname"]) == circle.name


def test_single_event_file_holds_that_event(client):
    event = EventFactory(title="Einzeln")
    calendar = parse(client.get(f"/termine/{event.slug}/termin.ics"))
    assert [str(vevent["uid"]) for vevent in calendar.walk("VEVENT")] == [event.uid]


def test_every_calendar_file_gives_the_stored_instants_around_the_dst_changes(client):
    """Each DTSTART and DTEND, read as RFC 5545 defines it (through the feed's own VTIMEZONE
    where a TZID is used), is the instant in the database, in every feed and event file."""
    circle = ExpertCircleFactory()
    events = [
        EventFactory(title=title, start=start, end=end, expert_circle=circle)
        for title, (start, end) in AROUND_THE_DST_CHANGES.items()
    ] + [
        AllDayEventFactory(title=title, start_date=first, end_date=last, expert_circle=circle)
        for title, (first, last) in ALL_DAY_AROUND_THE_DST_CHANGES.items()
    ]
    expected = {
        event.uid: (
            (event.start_date, event.end_date + timedelta(days=1))
            if event.all_day
            else (event.start, event.end)
        )
        for event in events
    }
    every_event = {FEED, f"{FEED}?kind=workshop", f"/expertenkreise/{circle.slug}/kalender.ics"}
    single_files = {f"/termine/{event.slug}/termin.ics": event.uid for event in events}
    wrong = []
    for url in sorted(every_event | set(single_files)):
        response = client.get(url)
        assert response.status_code == 200, url
        feed = Feed(response.content)
        feed.check()
        vevents = feed.events()
        assert set(vevents) == ({single_files[url]} if url in single_files else set(expected))
        for uid, vevent in vevents.items():
            instants = (feed.moment(vevent, "DTSTART"), feed.moment(vevent, "DTEND"))
            if instants != expected[uid]:
                wrong.append((url, str(vevent["SUMMARY"]), instants))
    assert wrong == []
