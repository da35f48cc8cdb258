"""Unpublished events stay out of every channel; the published twin shows they work."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from portal.choices import PublicationStatus
from portal.related import related_sections
from tests.cities.factories import MunicipalityFactory
from tests.events.factories import EventFactory, ExpertCircleFactory, berlin

pytestmark = pytest.mark.django_db

NOW = berlin(2026, 6, 1, 12)
HIDDEN_STATUSES = [PublicationStatus.DRAFT, PublicationStatus.REVIEW, PublicationStatus.ARCHIVED]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def setting():
    municipality = MunicipalityFactory(latitude=50.0, longitude=8.0)
    circle = ExpertCircleFactory(slug="kreis")
    common = {
        "expert_circle": circle,
        "venue_municipality": municipality,
        "latitude": 50.0,
        "longitude": 8.0,
        "start": berlin(2026, 6, 10, 10),
        "end": berlin(2026, 6, 10, 12),
    }
    published = EventFactory(title="Offener Termin", slug="offener-termin", **common)
    return {"municipality": municipality, "circle": circle, "published": published, **common}


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def related_titles(event, setting) -> str:
    sections = related_sections(setting["municipality"], user=AnonymousUser())
    return " ".join(item.title for section in sections for item in section.items)


CHANNELS = {
    "list": lambda client, event, setting: event.title in text(client, "/termine/"),
    "month view": lambda client, event, setting: (
        event.title in text(client, "/termine/kalender/2026/6/")
    ),
    "detail": lambda client, event, setting: (
        client.get(f"/termine/{event.slug}/").status_code == 200
    ),
    "single ics": lambda client, event, setting: (
        client.get(f"/termine/{event.slug}/termin.ics").status_code == 200
    ),
    "feed": lambda client, event, setting: event.uid in text(client, "/termine/kalender.ics"),
    "circle feed": lambda client, event, setting: (
        event.uid in text(client, "/expertenkreise/kreis/kalender.ics")
    ),
    "circle page": lambda client, event, setting: (
        event.title in text(client, "/expertenkreise/kreis/")
    ),
    "api list": lambda client, event, setting: event.slug in text(client, "/api/v1/events/"),
    "api detail": lambda client, event, setting: (
        client.get(f"/api/v1/events/{event.slug}/").status_code == 200
    ),
    "geojson": lambda client, event, setting: event.slug in text(client, "/api/v1/events/geojson/"),
    "search": lambda client, event, setting: event.title in text(client, "/suche/?q=Termin"),
    "sitemap": lambda client, event, setting: (
        f"/termine/{event.slug}/" in text(client, "/sitemap.xml")
    ),
    "related": lambda client, event, setting: event.title in related_titles(event, setting),
}


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_unpublished_events_are_absent_from_every_channel(client, setting, channel, status):
    hidden = EventFactory(
        title="Geheimer Termin",
        slug="geheimer-termin",
        status=status,
        **{
            key: setting[key]
            for key in (
                "expert_circle",
                "venue_municipality",
                "latitude",
                "longitude",
                "start",
                "end",
            )
        },
    )
    shows = CHANNELS[channel]
    assert shows(client, setting["published"], setting)
    assert not shows(client, hidden, setting)


@pytest.mark.parametrize(
    "url",
    [
        "/expertenkreise/kreis/",
        "/expertenkreise/kreis/kalender.ics",
        "/api/v1/expert-circles/kreis/",
    ],
)
def test_unpublished_circles_are_hidden(client, setting, url):
    assert client.get(url).status_code == 200
    setting["circle"].status = PublicationStatus.DRAFT
    setting["circle"].save()
    assert client.get(url).status_code == 404


def test_unpublished_circles_are_absent_from_list_search_sitemap_and_filters(client, setting):
    ExpertCircleFactory(name="Verborgener Kreis", slug="verborgen", status=PublicationStatus.REVIEW)
    assert "Verborgener Kreis" not in text(client, "/expertenkreise/")
    assert "Verborgener Kreis" not in text(client, "/suche/?q=Kreis")
    assert "/expertenkreise/verborgen/" not in text(client, "/sitemap.xml")
    assert "Verborgener Kreis" not in text(client, "/termine/")  # the circle filter's choices
    assert "verborgen" not in text(client, "/api/v1/expert-circles/")


def test_event_of_an_unpublished_circle_follows_its_own_status(client, setting):
    setting["circle"].status = PublicationStatus.DRAFT
    setting["circle"].save()
    assert client.get("/termine/offener-termin/").status_code == 200
    assert client.get("/api/v1/events/offener-termin/").json()["expert_circle"] is None


def test_editors_see_unpublished_events_in_the_list(editor_client, setting):
    EventFactory(
        title="Geheimer Termin",
        status=PublicationStatus.DRAFT,
        start=setting["start"],
        end=setting["end"],
    )
    assert "Geheimer Termin" in text(editor_client, "/termine/")
