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
from tests.conftest import token_client
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
    return token_client()


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


# The resources a partner mirrors incrementally (those with a modification time), each
# keyed by what identifies it in the API.
RESOURCES = {
    "projects": "slug",
    "events": "slug",
    "expert-circles": "slug",
    "funding-programmes": "slug",
    "funding-calls": "id",
    "municipalities": "ags",
}


class NationalMirror:
    """A partner's copy of every resource, kept current as README says: the tombstones
    since the last run first, then each resource's changes since then."""

    def __init__(self, client: Client):
        self.client = client
        self.objects = {name: {} for name in RESOURCES}
        self.last_run = None

    def _pages(self, url, params):
        while url:
            response = self.client.get(url, params)
            assert response.status_code == 200, response.content
            body = response.json()
            yield from body["results"]
            url, params = body["next"], None

    def sync(self):
        started = timezone.now()
        since = {} if self.last_run is None else {"modified_since": self.last_run.isoformat()}
        if since:
            for tombstone in self._pages("/api/v1/tombstones/", {**since}):
                self.objects[tombstone["resource"]].pop(tombstone["key"], None)
        for name, key in RESOURCES.items():
            for row in self._pages(f"/api/v1/{name}/", {"page_size": 100, **since}):
                assert row["updated_at"] >= since.get("modified_since", ""), (name, row)
                self.objects[name][str(row[key])] = row
        self.last_run = started


def fresh_download(client: Client) -> dict:
    mirror = NationalMirror(client)
    mirror.sync()
    return mirror.objects


@pytest.fixture
def landscape():
    """Published content linked across resources, plus drafts linked to it."""
    from tests.bestpractices.factories import ProjectFactory
    from tests.cities.factories import DigitalProfileFactory
    from tests.events.factories import ExpertCircleFactory
    from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory

    programme = FundingProgrammeFactory(slug="smart-cities")
    FundingCallFactory(programme=programme)
    FundingCallFactory(programme=programme)
    second = FundingProgrammeFactory(slug="zweites-programm")
    FundingCallFactory(programme=second)
    third = FundingProgrammeFactory(slug="drittes-programm")
    soon = timezone.now() + timedelta(days=3)
    FundingCallFactory(programme=third, deadline=soon, title="Bald")
    FundingCallFactory(programme=third, deadline=soon + timedelta(days=30))
    circle = ExpertCircleFactory(slug="kreis")
    profile = DigitalProfileFactory()
    draft_profile = DigitalProfileFactory(status=PublicationStatus.DRAFT)
    project = ProjectFactory(slug="projekt", lead_municipality=profile.municipality)
    project.funding_programmes.add(programme, second)
    renamed = ProjectFactory(slug="alter-name")
    EventFactory(slug="treffen", expert_circle=circle)
    EventFactory(slug="wird-umbenannt", expert_circle=circle)
    EventFactory(slug="wird-geloescht")
    return locals()


@pytest.mark.parametrize("side", ["anonymous", "drafts reader"])
def test_an_incremental_mirror_equals_a_fresh_download_after_every_kind_of_change(landscape, side):
    from bestpractices.models import Project
    from events.models import ExpertCircle
    from funding.models import FundingCall, FundingProgramme
    from tests.bestpractices.factories import ProjectFactory

    client = Client() if side == "anonymous" else token_client(["read:drafts"])
    mirror = NationalMirror(client)
    mirror.sync()
    assert mirror.objects == fresh_download(client)
    assert "projekt" in mirror.objects["projects"]

    # Editors edit, rename, unpublish, delete and create, across linked resources.
    project = Project.objects.get(slug="projekt")
    project.title = "Neuer Titel"
    project.save()
    renamed = Project.objects.get(slug="alter-name")
    renamed.slug = "neuer-name"
    renamed.save()
    programme = FundingProgramme.objects.get(slug="smart-cities")
    publication_set_status(instance=programme, status=PublicationStatus.DRAFT)
    second = FundingProgramme.objects.get(slug="zweites-programm")
    second.slug = "umbenanntes-programm"
    second.save()
    circle = ExpertCircle.objects.get(slug="kreis")
    circle.slug = "umbenannter-kreis"
    circle.save()
    event = Event.objects.get(slug="wird-umbenannt")
    event.slug = "umbenannt"
    event.save()
    Event.objects.get(slug="wird-geloescht").delete()
    ProjectFactory(slug="ganz-neu")
    draft_profile = landscape["draft_profile"]
    draft_profile.summary = "Nur ein Entwurf wurde geändert."
    draft_profile.save()
    profile = landscape["profile"]
    publication_set_status(instance=profile, status=PublicationStatus.DRAFT)
    # The soonest call of an otherwise untouched programme ends: its next deadline moves.
    FundingCall.objects.get(title="Bald").delete()

    mirror.sync()
    fresh = fresh_download(client)
    for name in RESOURCES:
        assert mirror.objects[name] == fresh[name], name
    assert "alter-name" not in mirror.objects["projects"]
    assert mirror.objects["projects"]["projekt"]["title"] == "Neuer Titel"

    # And back: the programme and the profile published again, the circle unpublished.
    publication_set_status(instance=programme, status=PublicationStatus.PUBLISHED)
    publication_set_status(instance=profile, status=PublicationStatus.PUBLISHED)
    publication_set_status(instance=circle, status=PublicationStatus.DRAFT)
    mirror.sync()
    fresh = fresh_download(client)
    for name in RESOURCES:
        assert mirror.objects[name] == fresh[name], name


def test_a_draft_profiles_edit_is_no_change_for_those_who_cannot_see_it():
    from tests.cities.factories import DigitalProfileFactory

    draft = DigitalProfileFactory(status=PublicationStatus.DRAFT)
    since = timezone.now()
    draft.summary = "Geändert, aber nicht veröffentlicht."
    draft.save()

    anonymous = Client().get("/api/v1/municipalities/", {"modified_since": since.isoformat()})
    assert anonymous.json()["results"] == []
    reader = token_client(["read:drafts"]).get(
        "/api/v1/municipalities/", {"modified_since": since.isoformat()}
    )
    rows = reader.json()["results"]
    assert [row["ags"] for row in rows] == [draft.municipality.ags]
    # The moment shown is the one the filter compared: the draft's change.
    assert rows[0]["updated_at"] >= since.isoformat()
    detail = token_client(["read:drafts"]).get(f"/api/v1/municipalities/{rows[0]['ags']}/")
    assert detail.json()["updated_at"] == rows[0]["updated_at"]


def test_a_renamed_object_leaves_a_tombstone_of_its_old_key():
    event = EventFactory(slug="alter-name")
    event.slug = "neuer-name"
    event.save()
    body = Client().get("/api/v1/tombstones/", {"resource": "events"}).json()
    assert [(row["key"], row["reason"]) for row in body["results"]] == [("alter-name", "renamed")]


def test_the_old_key_of_a_never_published_draft_stays_with_those_who_may_read_drafts():
    draft = EventFactory(slug="geheimer-entwurf", status=PublicationStatus.DRAFT)
    draft.slug = "anderer-entwurf"
    draft.save()
    draft.delete()
    anonymous = Client().get("/api/v1/tombstones/").json()["results"]
    assert anonymous == []
    reader = token_client(["read:drafts"]).get("/api/v1/tombstones/").json()["results"]
    assert {row["key"] for row in reader} == {"geheimer-entwurf", "anderer-entwurf"}


def test_the_objects_showing_a_changed_one_are_touched_by_their_keys():
    """The dependents' change time is set by primary key, never by an UPDATE over a join: on
    PostgreSQL with stale statistics (right after a bulk load) that join took minutes per
    profile."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.cities.factories import DigitalProfileFactory

    profile = DigitalProfileFactory(status=PublicationStatus.PUBLISHED)
    profile.summary = "Neu."
    with CaptureQueriesContext(connection) as queries:
        profile.save()
    touches = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('UPDATE "cities_municipality"')
    ]
    assert len(touches) == 1
    assert "SELECT" not in touches[0]
    profile.municipality.refresh_from_db()
    assert profile.municipality.updated_at >= profile.updated_at
