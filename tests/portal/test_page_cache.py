"""The full-page cache for anonymous visitors and its invalidation on publication."""

import pytest
from django.conf import settings
from django.utils import timezone

from events.models import CircleInvitation, Event
from portal.choices import PublicationStatus
from portal.services import publication_set_status
from tests.events.factories import (
    CircleMembershipFactory,
    EventFactory,
    ExpertCircleFactory,
    RegistrationEventFactory,
    RegistrationFactory,
)
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

LIST = "/termine/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CACHE_PAGE_SECONDS = 300


def test_a_cached_page_is_served_without_queries(anonymous_client, django_assert_num_queries):
    EventFactory(title="Fachtag Open Data")
    first = anonymous_client.get(LIST)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = anonymous_client.get(LIST)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_cached_page_answers_304_to_its_etag(anonymous_client, django_assert_num_queries):
    etag = anonymous_client.get(LIST)["ETag"]
    with django_assert_num_queries(0):
        response = anonymous_client.get(LIST, headers={"if-none-match": etag})
    assert response.status_code == 304


def test_publishing_an_event_shows_on_the_cached_page_at_once(anonymous_client):
    event = EventFactory(title="Netzwerktreffen Glasfaser", status=PublicationStatus.DRAFT)
    assert "Netzwerktreffen Glasfaser" not in anonymous_client.get(LIST).content.decode()
    assert anonymous_client.get(LIST)["X-Page-Cache"] == "hit"
    publication_set_status(instance=event, status=PublicationStatus.PUBLISHED)
    response = anonymous_client.get(LIST)
    assert response["X-Page-Cache"] == "miss"
    assert "Netzwerktreffen Glasfaser" in response.content.decode()


def test_deleting_and_changing_themes_empty_the_cache_too(anonymous_client):
    from portal.models import Theme

    event = EventFactory(title="Webinar Geodaten")
    assert "Webinar Geodaten" in anonymous_client.get(LIST).content.decode()
    event.themes.add(Theme.objects.first())
    assert anonymous_client.get(LIST)["X-Page-Cache"] == "miss"
    Event.objects.get(pk=event.pk).delete()
    assert "Webinar Geodaten" not in anonymous_client.get(LIST).content.decode()


def test_query_string_and_language_are_part_of_the_key(anonymous_client):
    EventFactory(title="Konferenz Smart City")
    german = anonymous_client.get(LIST)
    assert anonymous_client.get(LIST + "?q=nichts")["X-Page-Cache"] == "miss"
    anonymous_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = anonymous_client.get(LIST)
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert '<html lang="en"' in english.content.decode()
    assert english.content != german.content
    assert anonymous_client.get(LIST)["X-Page-Cache"] == "hit"


def test_logged_in_editors_bypass_the_cache_and_see_drafts(
    anonymous_client, editor_client, django_assert_max_num_queries
):
    EventFactory(title="Schulung E-Akte", status=PublicationStatus.DRAFT)
    anonymous_client.get(LIST)
    response = editor_client.get(LIST)
    assert "X-Page-Cache" not in response
    assert "Schulung E-Akte" in response.content.decode()
    assert "Schulung E-Akte" not in anonymous_client.get(LIST).content.decode()


def test_requests_with_a_session_or_a_token_bypass_the_cache(anonymous_client):
    anonymous_client.get(LIST)
    anonymous_client.cookies[settings.SESSION_COOKIE_NAME] = "irgendeine-sitzung"
    assert "X-Page-Cache" not in anonymous_client.get(LIST)
    del anonymous_client.cookies[settings.SESSION_COOKIE_NAME]
    response = anonymous_client.get("/termine/", headers={"authorization": "Token x"})
    assert "X-Page-Cache" not in response


def test_the_api_is_not_cached_so_that_its_rate_limits_count(anonymous_client):
    anonymous_client.get("/api/v1/events/")
    assert "X-Page-Cache" not in anonymous_client.get("/api/v1/events/")


def test_the_admin_and_answers_with_cookies_are_not_stored(anonymous_client):
    anonymous_client.get("/admin/login/")
    assert "X-Page-Cache" not in anonymous_client.get("/admin/login/")
    # The language switch sets a cookie: never stored.
    response = anonymous_client.get("/sprache/en/?next=/termine/")
    assert "X-Page-Cache" not in response


def test_zero_seconds_switch_the_cache_off(anonymous_client, settings):
    settings.CACHE_PAGE_SECONDS = 0
    anonymous_client.get(LIST)
    assert "X-Page-Cache" not in anonymous_client.get(LIST)


def test_public_pages_are_gzipped_and_pages_with_a_csrf_token_are_not(anonymous_client):
    EventFactory()
    page = anonymous_client.get(LIST, headers={"accept-encoding": "gzip"})
    assert page["Content-Encoding"] == "gzip"
    login = anonymous_client.get("/konto/anmelden/", headers={"accept-encoding": "gzip"})
    assert login.status_code == 200
    assert "Content-Encoding" not in login


def test_a_save_outside_a_request_changes_the_generation():
    from portal import page_cache

    before = page_cache.content_generation()
    EventFactory(start=timezone.now() + timezone.timedelta(days=1))
    assert page_cache.content_generation() > before


def test_attendees_and_circle_members_leave_the_cached_pages_alone(anonymous_client):
    """Registrations, circle memberships and invitations show on no cached page (they are
    in IGNORED_MODELS): the circle's page and the list stay cached while they change."""
    from portal import page_cache

    meeting = EventFactory(expert_circle=ExpertCircleFactory())
    circle = meeting.expert_circle
    workshop = RegistrationEventFactory()
    member = MemberFactory()
    pages = [circle.get_absolute_url(), LIST]
    for path in pages:
        assert anonymous_client.get(path)["X-Page-Cache"] == "miss"
    before = page_cache.content_generation()
    membership = CircleMembershipFactory(circle=circle, user=member)
    CircleInvitation.objects.create(event=meeting, user=member)
    RegistrationFactory(event=workshop, user=member).delete()
    membership.delete()
    assert page_cache.content_generation() == before
    for path in pages:
        assert anonymous_client.get(path)["X-Page-Cache"] == "hit"


def test_an_unchanged_ical_feed_answers_304_from_the_cache(
    anonymous_client, django_assert_num_queries
):
    EventFactory(title="Fachtag Sensorik")
    feed = anonymous_client.get("/termine/kalender.ics")
    assert feed.status_code == 200
    etag = feed["ETag"]
    anonymous_client.get("/termine/kalender.ics", headers={"if-none-match": etag})
    with django_assert_num_queries(0):
        response = anonymous_client.get("/termine/kalender.ics", headers={"if-none-match": etag})
    assert response.status_code == 304


def test_a_first_conditional_request_fills_the_cache_and_still_gets_304(anonymous_client):
    EventFactory(title="Fachtag Sensorik")
    etag = anonymous_client.get("/termine/kalender.ics")["ETag"]
    anonymous_client.get("/")  # another page; the cache of the feed is emptied below
    from django.core.cache import cache

    cache.clear()
    response = anonymous_client.get("/termine/kalender.ics", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert anonymous_client.get("/termine/kalender.ics")["X-Page-Cache"] == "hit"


def test_the_geojson_of_the_register_is_built_once_until_a_change(
    anonymous_client, django_assert_num_queries
):
    from cities.models import DigitalProfile
    from tests.cities.factories import MunicipalityFactory

    municipality = MunicipalityFactory(name="Lindenbach", latitude=50.1, longitude=8.6)
    url = "/api/v1/municipalities/geojson/"
    first = anonymous_client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/geo+json"
    with django_assert_num_queries(0):
        second = anonymous_client.get(url)
    assert second.content == first.content
    DigitalProfile.objects.create(
        municipality=municipality,
        as_of=timezone.localdate(),
        strategy_status="adopted",
        status=PublicationStatus.PUBLISHED,
    )
    third = anonymous_client.get(url)
    assert third.content != first.content
    assert b"adopted" in third.content
