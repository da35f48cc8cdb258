"""Incremental sync: a partner that mirrors a resource with ``modified_since`` and the
tombstones ends with exactly the published set, whatever happened in between."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from events.models import Event
from portal.choices import PublicationStatus
from portal.services import publication_set_status
from portal.tokens import partner_create, token_create
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle_cache():
    cache.clear()
    yield
    cache.clear()


class Mirror:
    """A partner's copy of ``/api/v1/events/``, kept current the documented way: first the
    tombstones since the last run, then the objects changed since then."""

    def __init__(self, client: Client, resource: str = "events"):
        self.client = client
        self.resource = resource
        self.objects: dict[str, dict] = {}
        self.last_run = None

    def _pages(self, url: str, params: dict):
        while url:
            response = self.client.get(url, params)
            assert response.status_code == 200, response.content
            body = response.json()
            yield from body["results"]
            url, params = body["next"], None

    def sync(self) -> None:
        started = timezone.now()
        if self.last_run is not None:
            since = {"modified_since": self.last_run.isoformat()}
            for tombstone in self._pages(
                "/api/v1/tombstones/", {"resource": self.resource, **since}
            ):
                self.objects.pop(tombstone["key"], None)
        else:
            since = {}
        changed = list(self._pages(f"/api/v1/{self.resource}/", {"page_size": 2, **since}))
        for row in changed:
            self.objects[row["slug"]] = row
        self.last_run = started
        self.changed = changed


@pytest.fixture
def partner_client():
    _token, key = token_create(partner=partner_create(name="Landesportal"), label="Spiegel")
    return Client(headers={"authorization": f"Bearer {key}"})


def published_slugs() -> set[str]:
    return set(Event.objects.published().values_list("slug", flat=True))


def test_mirror_ends_with_exactly_the_published_set(partner_client):
    stays = EventFactory(slug="bleibt")
    changes = EventFactory(slug="aendert-sich")
    unpublished = EventFactory(slug="wird-zurueckgezogen")
    deleted = EventFactory(slug="wird-geloescht")
    EventFactory(slug="entwurf", status=PublicationStatus.DRAFT)
    mirror = Mirror(partner_client)
    mirror.sync()
    assert (
        set(mirror.objects)
        == published_slugs()
        == {
            "bleibt",
            "aendert-sich",
            "wird-zurueckgezogen",
            "wird-geloescht",
        }
    )

    # Between two runs editors create, change, unpublish, delete and publish a draft.
    EventFactory(slug="neu")
    changes.title = "Neuer Titel"
    changes.save()
    publication_set_status(instance=unpublished, status=PublicationStatus.DRAFT)
    deleted.delete()
    publication_set_status(
        instance=Event.objects.get(slug="entwurf"), status=PublicationStatus.PUBLISHED
    )
    mirror.sync()

    assert (
        set(mirror.objects)
        == published_slugs()
        == {
            "bleibt",
            "aendert-sich",
            "neu",
            "entwurf",
        }
    )
    assert mirror.objects["aendert-sich"]["title"] == "Neuer Titel"
    # Only what changed travelled, oldest change first; the untouched event did not.
    assert [row["slug"] for row in mirror.changed] == ["neu", "aendert-sich", "entwurf"]
    assert stays.slug not in {row["slug"] for row in mirror.changed}

    # Publishing the withdrawn event again brings it back on the next run.
    publication_set_status(instance=unpublished, status=PublicationStatus.PUBLISHED)
    mirror.sync()
    assert set(mirror.objects) == published_slugs()
    assert "wird-zurueckgezogen" in mirror.objects


def test_modified_since_lists_changes_oldest_first(partner_client):
    first = EventFactory(slug="erstes")
    second = EventFactory(slug="zweites")
    Event.objects.filter(pk=first.pk).update(updated_at=timezone.now() + timedelta(seconds=5))
    since = (timezone.now() - timedelta(minutes=1)).isoformat()
    body = partner_client.get("/api/v1/events/", {"modified_since": since}).json()
    assert [row["slug"] for row in body["results"]] == [second.slug, first.slug]
