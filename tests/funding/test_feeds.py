"""The deadline calendar (parsed with icalendar) and the Atom feed of changed calls."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from funding.choices import FundingLevel
from funding.models import FundingCall
from portal.models import FederalState
from tests.funding.factories import FundingCallFactory
from tests.portal.ical_rfc import Feed

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
BERLIN = ZoneInfo("Europe/Berlin")


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_deadline_calendar_has_one_event_at_each_deadline_moment(client):
    deadline = timezone.localtime(timezone.now() + timedelta(days=20)).replace(
        second=0, microsecond=0
    )
    call = FundingCallFactory(title="Erster Aufruf", deadline=deadline)
    calendar = parse_calendar(client.get(reverse("funding:deadline_calendar")))
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == f"funding-call-{call.pk}@digitale-staedte-und-regionen"
    assert event.decoded("DTSTART") == deadline
    assert "Erster Aufruf" in str(event["SUMMARY"])


def test_deadline_calendar_gives_the_stored_deadline_instants_around_the_dst_changes(client):
    """Read as RFC 5545 defines it, each DTSTART is the deadline in the database: the first
    and the second 02:30 of 31 October 2027, and 03:00 summer time on 28 March 2027."""
    deadlines = [
        datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
        datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
        datetime(2027, 3, 28, 1, 0, tzinfo=UTC),
        datetime(2027, 6, 30, 10, 0, tzinfo=UTC),
    ]
    calls = [FundingCallFactory(deadline=deadline) for deadline in deadlines]
    feed = Feed(client.get(reverse("funding:deadline_calendar")).content)
    events = feed.events()
    assert {uid: feed.moment(event, "DTSTART") for uid, event in events.items()} == {
        f"funding-call-{call.pk}@digitale-staedte-und-regionen": call.deadline for call in calls
    }


def test_each_deadline_is_a_moment_without_an_end(client):
    FundingCallFactory()
    feed = Feed(client.get(reverse("funding:deadline_calendar")).content)
    feed.check()
    [event] = feed.events().values()
    # RFC 5545 3.8.2.2: a DTEND must be later than DTSTART; without one, the event is the
    # instant of its DTSTART (3.6.1).
    assert "DTEND" not in event and "DURATION" not in event


def test_deadline_calendar_uses_the_call_filterset(client):
    nrw = FederalState.objects.get(code="05")
    in_bavaria = FundingCallFactory(
        programme__level=FundingLevel.STATE,
        programme__states=[FederalState.objects.get(code="09")],
    )
    in_nrw = FundingCallFactory(programme__level=FundingLevel.STATE, programme__states=[nrw])
    calendar = parse_calendar(client.get(reverse("funding:deadline_calendar"), {"state": "05"}))
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert uids == {f"funding-call-{in_nrw.pk}@digitale-staedte-und-regionen"}
    assert in_bavaria.pk != in_nrw.pk


def test_deadline_calendar_leaves_out_rolling_calls_and_long_past_deadlines(client):
    FundingCallFactory(deadline=None, rolling=True)
    FundingCallFactory(
        opens_at=timezone.now() - timedelta(days=200), deadline=timezone.now() - timedelta(days=90)
    )
    calendar = parse_calendar(client.get(reverse("funding:deadline_calendar")))
    assert calendar.walk("VEVENT") == []


def test_deadline_calendar_answers_304_when_unchanged(client):
    FundingCallFactory()
    first = client.get(reverse("funding:deadline_calendar"))
    second = client.get(reverse("funding:deadline_calendar"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304


def test_atom_feed_lists_changed_calls_newest_first(client):
    older = FundingCallFactory(title="Älterer Aufruf")
    newer = FundingCallFactory(title="Neuerer Aufruf")
    FundingCall.objects.filter(pk=older.pk).update(
        updated_at=datetime(2026, 1, 1, 9, 0, tzinfo=BERLIN)
    )
    response = client.get(reverse("funding:call_feed"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert titles == [
        f"{newer.programme.title}: Neuerer Aufruf",
        f"{older.programme.title}: Älterer Aufruf",
    ]


def test_atom_feed_uses_the_call_filterset(client):
    FundingCallFactory(title="Offener Aufruf")
    FundingCallFactory(title="Laufender Aufruf", deadline=None, rolling=True)
    response = client.get(reverse("funding:call_feed"), {"status": "rolling"})
    root = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert len(titles) == 1 and titles[0].endswith("Laufender Aufruf")
