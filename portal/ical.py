"""iCalendar (RFC 5545) feeds: the calendar frame and a cache-friendly HTTP response.

The apps build their VEVENTs; this module adds what every feed needs: PRODID and VERSION,
instants written so that every client reads the same moment, stable UIDs, and ETag /
Last-Modified so that calendar clients polling a subscription get 304 while nothing changed.
"""

import hashlib
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from icalendar import Calendar

PRODID = "-//Digitale Städte und Regionen//Portal//DE"
# The right-hand side of every UID: stable across deployments, so a calendar client that
# subscribed once recognises the same events after a move to another host name.
UID_NAMESPACE = "digitale-staedte-und-regionen"


def new_calendar(*, name: str, description: str = "") -> Calendar:
    """An empty VCALENDAR with the properties calendar clients expect of a subscription."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if description:
        calendar.add("x-wr-caldesc", description)
    return calendar


def ical_instant(moment: datetime) -> datetime:
    """A moment for DTSTART/DTEND (and any other DATE-TIME of an event): in UTC.

    German local time cannot say every moment once: RFC 5545 (3.3.5) reads a local time of
    the repeated hour at the end of summer time as its first occurrence, so the second
    02:30 would show an hour early. And the VTIMEZONE that icalendar generates puts the
    start of summer time an hour late (onset 03:00 at TZOFFSETFROM +0100), so clients that
    trust it misplace 03:00-03:59 on that day. A UTC time has neither problem; clients show
    it in the viewer's own time zone. Nothing here recurs, so no rule needs the local time.
    """
    return moment.astimezone(UTC)


def ical_uid(kind: str, pk) -> str:
    """A UID that stays the same for the same object, whatever changes in it."""
    return f"{kind}-{pk}@{UID_NAMESPACE}"


def calendar_response(
    request: HttpRequest,
    calendar: Calendar,
    *,
    filename: str,
    last_modified: datetime | None = None,
) -> HttpResponse:
    """The calendar as ``text/calendar``, or 304 when the client's copy is current."""
    body = calendar.to_ical()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    return response
