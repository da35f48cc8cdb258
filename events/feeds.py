"""iCalendar (RFC 5545) feeds of events: the filtered list, one circle, one event."""

import html
from collections.abc import Iterable
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy
from icalendar import Calendar
from icalendar import Event as VEvent

from events.models import Event
from portal.examples import example_description, example_title
from portal.ical import ical_instant, new_calendar
from portal.mail import absolute_url
from portal.markdown import render_markdown

# A subscription holds what is coming and the recent past, never the whole archive.
FEED_PAST_DAYS = 90
FEED_MAX_EVENTS = 1000
# What an example event's entry says first (as its page does).
EVENT_EXAMPLE_NOTE = gettext_lazy(
    "Beispielinhalt zur Demonstration, keine echte Veranstaltung: Datum, Uhrzeit und Ort sind "
    "erfunden."
)


def feed_window(queryset, now=None):
    """Events of a subscription feed: not ended longer than FEED_PAST_DAYS ago."""
    now = now or timezone.now()
    return queryset.ending_after(now - timedelta(days=FEED_PAST_DAYS)).order_by("start", "pk")


def plain_text(markdown_text: str) -> str:
    """The description without markup, for calendar clients that show plain text."""
    return html.unescape(strip_tags(render_markdown(markdown_text))).strip()


def event_vevent(
    event: Event, *, request: HttpRequest | None, online_link: str | None = None
) -> VEvent:
    """One VEVENT with the properties calendar clients rely on. The online link is the
    public one unless ``online_link`` is given (the attendee's copy of a registration);
    without a request the page address comes from ``PORTAL_URL`` (e-mails)."""
    vevent = VEvent()
    vevent.add("uid", event.uid)
    # DTSTAMP is the last change, not the request time: the feed (and its ETag) stays the
    # same as long as nothing changes, which lets polling clients get 304.
    vevent.add("dtstamp", ical_instant(event.updated_at))
    vevent.add("last-modified", ical_instant(event.updated_at))
    # SEQUENCE must grow with each revision: the seconds between creation and last change.
    vevent.add("sequence", max(0, int((event.updated_at - event.created_at).total_seconds())))
    vevent.add("summary", example_title(event.title, event))
    if event.all_day:
        # RFC 5545 3.6.1: for VALUE=DATE the DTEND is the day after the last day.
        vevent.add("dtstart", event.start_date)
        vevent.add("dtend", event.last_day + timedelta(days=1))
    else:
        vevent.add("dtstart", ical_instant(event.start))
        vevent.add("dtend", ical_instant(event.end))
    location = event.location_text
    if location:
        vevent.add("location", location)
    description = plain_text(event.description)
    link = event.public_online_link if online_link is None else online_link
    if link and link != location:
        description = f"{description}\n\nOnline: {link}".strip()
    description = example_description(description, event, note=str(EVENT_EXAMPLE_NOTE))
    if description:
        vevent.add("description", description)
    path = event.get_absolute_url()
    url = request.build_absolute_uri(path) if request is not None else absolute_url(path)
    vevent.add("url", url)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.latitude is not None and event.longitude is not None:
        vevent.add("geo", (event.latitude, event.longitude))
    return vevent


def events_calendar(
    events: Iterable[Event], *, request: HttpRequest, name: str, description: str = ""
) -> Calendar:
    calendar = new_calendar(name=name, description=description)
    for event in events:
        calendar.add_component(event_vevent(event, request=request))
    return calendar


def attendee_ics(event: Event, *, online_link: str = "") -> bytes:
    """The event as an .ics file for an e-mail to a registered attendee or a circle member:
    the same UID as in the public feeds, so calendars merge the two copies, with the online
    link only when ``online_link`` is given (those who hold a seat)."""
    calendar = new_calendar(name=event.title)
    calendar.add_component(event_vevent(event, request=None, online_link=online_link))
    return calendar.to_ical()


def last_change(events: list[Event]):
    return max((event.updated_at for event in events), default=None)
