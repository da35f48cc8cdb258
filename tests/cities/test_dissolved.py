"""A dissolved body stays in the register but leaves every current channel: lists, maps,
statistics, the matcher, the search and the API (which includes it on request), and
partners' mirrors learn of it through a tombstone."""

import pytest
from django.core.cache import cache

from cities.models import Municipality
from portal.models import Tombstone
from tests.cities.factories import DigitalProfileFactory, DistrictFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def bodies():
    district = DistrictFactory(key="05562")
    current = MunicipalityFactory(district=district, name="Bleibstadt")
    gone = MunicipalityFactory(district=district, name="Altdorf", dissolved_on="2026-12-31")
    for municipality in (current, gone):
        DigitalProfileFactory(municipality=municipality)
    return current, gone


def names(rows, key="name"):
    return {row[key] for row in rows}


def test_lists_and_the_api_leave_dissolved_bodies_out_unless_asked(client, bodies):
    current, gone = bodies
    page = client.get("/kommunen/").content.decode()
    assert current.get_absolute_url() in page and gone.get_absolute_url() not in page
    page = client.get("/kommunen/", {"include_dissolved": "true"}).content.decode()
    assert gone.get_absolute_url() in page
    api = client.get("/api/v1/municipalities/").json()
    assert names(api["results"]) == {"Bleibstadt"}
    api = client.get("/api/v1/municipalities/", {"include_dissolved": "true"}).json()
    assert {row["name"]: row["dissolved_on"] for row in api["results"]} == {
        "Bleibstadt": None,
        "Altdorf": "2026-12-31",
    }
    # Its own page and API detail stay.
    assert client.get(gone.get_absolute_url()).status_code == 200
    assert client.get(f"/api/v1/municipalities/{gone.ags}/").json()["dissolved_on"]


def test_the_map_leaves_dissolved_bodies_out(client, bodies):
    features = client.get("/api/v1/municipalities/geojson/").json()["features"]
    assert {feature["properties"]["name"] for feature in features} == {"Bleibstadt"}


def test_the_atlas_counts_only_current_municipalities(client, bodies):
    assert client.get("/api/v1/stats/atlas/").json()["profile_count"] == 1
    assert client.get("/api/v1/stats/atlas/").json()["counted_bodies"] == "municipalities"
    assert "1 veröffentlichten Digitalprofil" in client.get("/atlas/").content.decode()


def test_the_matcher_and_the_search_do_not_offer_dissolved_bodies(client, bodies):
    _current, gone = bodies
    matcher = client.get("/foerderprogramme/passt-zu-meiner-kommune/", {"municipality": gone.ags})
    assert "Keine Kommune mit dem AGS" in matcher.content.decode()
    suggestions = client.get(
        "/foerderprogramme/passt-zu-meiner-kommune/kommunen.json", {"q": "Altd"}
    )
    assert suggestions.json()["results"] == []
    search = client.get("/suche/", {"q": "Altdorf"}).content.decode()
    assert gone.get_absolute_url() not in search


def test_dissolving_a_body_leaves_a_tombstone_for_partners(client, bodies):
    current, _gone = bodies
    current.dissolved_on = "2027-06-30"
    current.save()
    tombstone = Tombstone.objects.get(resource="municipalities", key=current.ags)
    assert tombstone.reason == "dissolved"
    assert client.get("/api/v1/tombstones/", {"resource": "municipalities"}).json()["results"]
    assert not Municipality.objects.current().filter(pk=current.pk).exists()


def test_the_district_and_association_lists_follow_the_same_rule(client):
    DistrictFactory(key="05111", name="Heute")
    DistrictFactory(key="05112", name="Damals", dissolved_on="2026-12-31")
    assert names(client.get("/api/v1/districts/").json()["results"]) == {"Heute"}
    everything = client.get("/api/v1/districts/", {"include_dissolved": "true"}).json()
    assert names(everything["results"]) == {"Heute", "Damals"}


def test_the_register_map_data_credit_their_sources(client, bodies):
    body = client.get("/api/v1/municipalities/geojson/").json()
    assert "Destatis" in body["attribution"] and "OpenStreetMap" in body["attribution"]
