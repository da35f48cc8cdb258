"""Unpublished programmes, and the calls of unpublished programmes, appear on no channel."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from funding.related import related_sections
from portal.choices import PublicationStatus
from tests.cities.factories import MunicipalityFactory
from tests.funding.factories import FundingCallFactory

pytestmark = pytest.mark.django_db

HIDDEN_TITLE = "Geheimprogramm Zukunft"
HIDDEN_CALL = "Verborgener Aufruf"


def _get(client, url, params=None):
    cache.clear()
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    return response.content.decode()


def list_page(client, municipality):
    return _get(client, reverse("funding:programme_list"))


def deadlines_page(client, municipality):
    return _get(client, reverse("funding:deadline_list"))


def matcher_page(client, municipality):
    return _get(client, reverse("funding:matcher"), {"municipality": municipality.ags})


def calendar(client, municipality):
    return _get(client, reverse("funding:deadline_calendar"))


def atom_feed(client, municipality):
    return _get(client, reverse("funding:call_feed"))


def api_programmes(client, municipality):
    return _get(client, "/api/v1/funding-programmes/")


def api_calls(client, municipality):
    return _get(client, "/api/v1/funding-calls/")


def site_search(client, municipality):
    return _get(client, reverse("portal:search"), {"q": "Zukunft"})


def sitemap(client, municipality):
    return _get(client, reverse("sitemap"))


def related(client, municipality):
    sections = related_sections(municipality, user=AnonymousUser())
    return " ".join(f"{item.title} {item.url}" for s in sections for item in s.items)


CHANNELS = [
    list_page,
    deadlines_page,
    matcher_page,
    calendar,
    atom_feed,
    api_programmes,
    api_calls,
    site_search,
    sitemap,
    related,
]


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.ARCHIVED])
@pytest.mark.parametrize("channel", CHANNELS, ids=lambda channel: channel.__name__)
def test_unpublished_programme_is_absent_on_every_channel(client, channel, status):
    municipality = MunicipalityFactory()
    hidden = FundingCallFactory(
        title=HIDDEN_CALL, programme__title=HIDDEN_TITLE, programme__slug="geheim"
    )
    FundingCallFactory(
        title="Öffentlicher Aufruf",
        programme__title="Öffentliches Programm Zukunft",
        programme__slug="oeffentlich",
    )
    # While published, the channel shows the programme (by title, call title or slug) …
    assert shows_published(channel(client, municipality))
    hidden.programme.status = status
    hidden.programme.save()
    body = channel(client, municipality)
    # … and once unpublished, nothing of it: no title, no call, no slug.
    assert HIDDEN_TITLE not in body
    assert HIDDEN_CALL not in body
    assert "geheim" not in body
    assert shows_published(body)


def shows_published(body: str) -> bool:
    return any(
        marker in body
        for marker in ("Öffentliches Programm Zukunft", "Öffentlicher Aufruf", "oeffentlich")
    )


def test_the_published_programme_is_shown_in_the_sitemap(client):
    FundingCallFactory(programme__slug="sichtbar")
    assert "/foerderprogramme/sichtbar/" in _get(client, reverse("sitemap"))
