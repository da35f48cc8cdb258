from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
from django.test import RequestFactory

from portal.ical import calendar_response, ical_uid, new_calendar

BERLIN = ZoneInfo("Europe/Berlin")


def make_calendar():
    calendar = new_calendar(name="Termine", description="Alle Termine")
    event = icalendar.Event()
    event.add("uid", ical_uid("event", 7))
    event.add("summary", "Fachtag")
    event.add("dtstamp", datetime(2026, 1, 1, tzinfo=UTC))
    event.add("dtstart", datetime(2026, 3, 28, 10, 0, tzinfo=BERLIN))
    event.add("dtend", datetime(2026, 3, 30, 10, 0, tzinfo=BERLIN))
    calendar.add_component(event)
    return calendar


def test_calendar_response_is_parseable_and_carries_the_time_zone():
    response = calendar_response(
        RequestFactory().get("/feed.ics"), make_calendar(), filename="termine.ics"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = icalendar.Calendar.from_ical(response.content)
    assert parsed["VERSION"] == "2.0"
    assert parsed["PRODID"]
    timezones = parsed.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Berlin"]
    event = parsed.walk("VEVENT")[0]
    assert str(event["UID"]) == "event-7@digitale-staedte-und-regionen"
    # Both sides of the change to summer time (29 March 2026) keep their offsets.
    assert event.decoded("DTSTART").utcoffset().total_seconds() == 3600
    assert event.decoded("DTEND").utcoffset().total_seconds() == 7200


def test_calendar_response_answers_304_to_a_current_copy():
    changed = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
    first = calendar_response(
        RequestFactory().get("/feed.ics"),
        make_calendar(),
        filename="termine.ics",
        last_modified=changed,
    )
    assert first["Last-Modified"] == "Sun, 01 Feb 2026 12:00:00 GMT"
    by_etag = calendar_response(
        RequestFactory().get("/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"]),
        make_calendar(),
        filename="termine.ics",
        last_modified=changed,
    )
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    by_date = calendar_response(
        RequestFactory().get("/feed.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]),
        make_calendar(),
        filename="termine.ics",
        last_modified=changed,
    )
    assert by_date.status_code == 304
    stale = calendar_response(
        RequestFactory().get("/feed.ics", HTTP_IF_NONE_MATCH='"something-else"'),
        make_calendar(),
        filename="termine.ics",
        last_modified=changed,
    )
    assert stale.status_code == 200
