from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
from django.test import RequestFactory

from portal.ical import calendar_response, ical_instant, ical_uid, new_calendar
from tests.portal.ical_rfc import Feed

BERLIN = ZoneInfo("Europe/Berlin")


def make_calendar():
    calendar = new_calendar(name="Termine", description="Alle Termine")
    event = icalendar.Event()
    event.add("uid", ical_uid("event", 7))
    event.add("summary", "Fachtag")
    event.add("dtstamp", datetime(2026, 1, 1, tzinfo=UTC))
    event.add("dtstart", ical_instant(datetime(2026, 3, 28, 10, 0, tzinfo=BERLIN)))
    event.add("dtend", ical_instant(datetime(2026, 3, 30, 10, 0, tzinfo=BERLIN)))
    calendar.add_component(event)
    return calendar


def test_calendar_response_is_parseable_and_writes_instants_in_utc():
    response = calendar_response(
        RequestFactory().get("/feed.ics"), make_calendar(), filename="termine.ics"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = icalendar.Calendar.from_ical(response.content)
    assert parsed["VERSION"] == "2.0"
    assert parsed["PRODID"]
    event = parsed.walk("VEVENT")[0]
    assert str(event["UID"]) == "event-7@digitale-staedte-und-regionen"
    # Both sides of the change to summer time (29 March 2026) keep their instants.
    assert event.decoded("DTSTART") == datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert b"DTSTART:20260328T090000Z" in response.content


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


# The example time zone of RFC 5545 (section 3.6.5) and the two readings of section 3.3.5.
RFC_NEW_YORK = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//RFC 5545//Example//EN
BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
DTSTART:20070311T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20071104T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:twice@example.org
DTSTAMP:20070101T000000Z
DTSTART;TZID=America/New_York:20071104T013000
END:VEVENT
BEGIN:VEVENT
UID:gap@example.org
DTSTAMP:20070101T000000Z
DTSTART;TZID=America/New_York:20070311T023000
END:VEVENT
END:VCALENDAR
""".replace(b"\n", b"\r\n")


def test_the_rfc_reader_of_the_tests_follows_the_examples_of_rfc_5545():
    feed = Feed(RFC_NEW_YORK)
    events = feed.events()
    # "November 4, 2007 at 1:30 A.M. EDT (UTC-04:00)": the first of the two 1:30.
    assert feed.moment(events["twice@example.org"], "DTSTART") == datetime(
        2007, 11, 4, 5, 30, tzinfo=UTC
    )
    # "March 11, 2007 at 3:30 A.M. EDT (UTC-04:00)": the offset before the gap.
    assert feed.moment(events["gap@example.org"], "DTSTART") == datetime(
        2007, 3, 11, 7, 30, tzinfo=UTC
    )
