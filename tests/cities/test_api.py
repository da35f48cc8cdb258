import gzip
import json
import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from cities.choices import StrategyStatus
from cities.models import DigitalProfile, Municipality
from cities.validators import validate_ags, validate_ars
from portal.choices import PublicationStatus
from tests.cities.factories import DigitalProfileFactory, DistrictFactory, MunicipalityFactory
from tests.events.factories import EventFactory
from tests.portal.factories import theme
from tests.portal.openapi import api_schema, schema_errors

pytestmark = pytest.mark.django_db

LIST = "/api/v1/municipalities/"
GEOJSON = "/api/v1/municipalities/geojson/"
STATS = "/api/v1/stats/atlas/"
# Germany's bounding box (lon/lat), generously rounded.
WEST, SOUTH, EAST, NORTH = 5.8, 47.2, 15.1, 55.1


def make_municipalities(count: int):
    municipalities = MunicipalityFactory.create_batch(count)
    for municipality in municipalities[::2]:
        DigitalProfileFactory(municipality=municipality)
    return municipalities


@pytest.mark.parametrize("rows", [1, 20])
def test_list_runs_a_fixed_number_of_queries(rows, anonymous_client, django_assert_num_queries):
    make_municipalities(rows)
    # 1 count for the pagination, 1 page with state and visible strategy status (joined).
    with django_assert_num_queries(2):
        response = anonymous_client.get(LIST)
    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_geojson_runs_one_query(rows, anonymous_client, django_assert_num_queries):
    make_municipalities(rows)
    # One SELECT of five columns (with the visible strategy status from a LEFT JOIN).
    with django_assert_num_queries(1):
        response = anonymous_client.get(GEOJSON)
    assert len(response.json()["features"]) == rows


def test_list_is_brief_and_uses_the_shared_filters(anonymous_client):
    DigitalProfileFactory(
        municipality=MunicipalityFactory(name="Gelsenkirchen"),
        strategy_status=StrategyStatus.ADOPTED,
        focus_themes=[theme("verwaltung")],
    )
    MunicipalityFactory(name="Ulm", district=DistrictFactory(key="08421"))
    body = anonymous_client.get(LIST, {"state": "05", "theme": "verwaltung"}).json()
    assert [entry["name"] for entry in body["results"]] == ["Gelsenkirchen"]
    entry = body["results"][0]
    assert entry["strategy_status"] == "adopted"
    assert entry["url"] == f"http://testserver/kommunen/{entry['ags']}/"
    assert "profile" not in entry and "ars" not in entry
    assert anonymous_client.get(LIST, {"q": "Ulm"}).json()["count"] == 1
    assert anonymous_client.get(LIST, {"has_profile": "false"}).json()["count"] == 1


def test_invalid_filter_value_is_a_400_naming_the_field(anonymous_client):
    response = anonymous_client.get(LIST, {"size_class": "riesig"})
    assert response.status_code == 400
    assert "size_class" in response.json()


def test_detail_by_ags_nests_the_visible_profile(anonymous_client):
    profile = DigitalProfileFactory(
        strategy_status=StrategyStatus.ADOPTED,
        strategy_adopted_on="2020-06-25",
        has_partner_network=True,
        partners="GELSEN-NET\nbee smart city GmbH",
        challenges=["digital_participation"],
        focus_themes=[theme("verwaltung"), theme("mobilitaet")],
    )
    body = anonymous_client.get(f"{LIST}{profile.municipality.ags}/").json()
    assert body["ars"] == profile.municipality.ars
    assert body["profile"]["strategy_status"] == "adopted"
    assert body["profile"]["partners"] == ["GELSEN-NET", "bee smart city GmbH"]
    assert sorted(body["profile"]["focus_themes"]) == ["mobilitaet", "verwaltung"]
    assert body["profile"]["atlas_criteria_met"] == ["strategy", "partner_network"]
    assert body["profile"]["challenges"] == ["digital_participation"]


def test_unknown_ags_is_404(anonymous_client):
    assert anonymous_client.get(f"{LIST}09999999/").status_code == 404


def test_hidden_profile_is_absent_for_the_public_and_read_tokens(
    anonymous_client, user_client, read_token_client, editor_client, write_token_client
):
    profile = DigitalProfileFactory(
        status=PublicationStatus.DRAFT, strategy_status=StrategyStatus.ADOPTED
    )
    url = f"{LIST}{profile.municipality.ags}/"
    for client in (anonymous_client, user_client, read_token_client):
        assert client.get(url).json()["profile"] is None
        assert client.get(LIST).json()["results"][0]["strategy_status"] == "no_profile"
        assert client.get(LIST, {"strategy_status": "adopted"}).json()["count"] == 0
    for client in (editor_client, write_token_client):
        assert client.get(url).json()["profile"]["status"] == "draft"
        assert client.get(LIST, {"strategy_status": "adopted"}).json()["count"] == 1


def test_geojson_is_an_rfc7946_feature_collection_in_lon_lat_order(anonymous_client):
    MunicipalityFactory(
        name="Gelsenkirchen",
        district=DistrictFactory(key="05513"),
        ags="05513000",
        ars="055130000000",
        latitude=51.5177,
        longitude=7.0857,
    )
    MunicipalityFactory(latitude=None, longitude=None)  # no location, no feature
    response = anonymous_client.get(GEOJSON, HTTP_ACCEPT="application/geo+json")
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [7.0857, 51.5177]}
    longitude, latitude = feature["geometry"]["coordinates"]
    assert WEST < longitude < EAST and SOUTH < latitude < NORTH
    assert feature["properties"] == {
        "name": "Gelsenkirchen",
        "ags": "05513000",
        "url": "/kommunen/05513000/",
        "category": "no_profile",
    }


def test_geojson_applies_the_list_filters(anonymous_client):
    DigitalProfileFactory(strategy_status=StrategyStatus.ADOPTED)
    MunicipalityFactory()
    collection = anonymous_client.get(GEOJSON, {"strategy_status": "adopted"}).json()
    assert [f["properties"]["category"] for f in collection["features"]] == ["adopted"]


def test_geojson_does_not_reveal_the_status_of_hidden_profiles(anonymous_client, editor_client):
    DigitalProfileFactory(status=PublicationStatus.REVIEW, strategy_status=StrategyStatus.ADOPTED)
    public = anonymous_client.get(GEOJSON).json()["features"]
    assert [f["properties"]["category"] for f in public] == ["no_profile"]
    assert anonymous_client.get(GEOJSON, {"strategy_status": "adopted"}).json()["features"] == []
    internal = editor_client.get(GEOJSON).json()["features"]
    assert [f["properties"]["category"] for f in internal] == ["adopted"]


def test_geojson_of_the_whole_register_stays_under_one_megabyte_gzipped(anonymous_client):
    district = DistrictFactory(key="05513")
    Municipality.objects.bulk_create(
        Municipality(
            ags=f"{district.key[:2]}{number:06d}",
            ars=f"{district.key[:2]}{number // 1000:03d}0000{number % 1000:03d}",
            name=f"Gemeinde Nummer {number}",
            kind="gemeinde",
            state_id="05",
            latitude=47.3 + (number % 700) / 100,
            longitude=6.0 + (number % 900) / 100,
        )
        for number in range(11_000)
    )
    response = anonymous_client.get(GEOJSON)
    assert len(response.json()["features"]) == 11_000
    assert len(gzip.compress(response.content)) < 1_000_000


def test_atlas_statistics_endpoint_matches_the_page(anonymous_client):
    DigitalProfileFactory(
        strategy_status=StrategyStatus.ADOPTED, focus_themes=[theme("verwaltung")]
    )
    DigitalProfileFactory(status=PublicationStatus.DRAFT)
    body = anonymous_client.get(STATS).json()
    assert body["profile_count"] == 1
    assert body["strategy_status"][0] == {
        "key": "adopted",
        "label": "Strategie beschlossen",
        "count": 1,
        "percent": 100.0,
    }
    assert {f["key"]: f["percent"] for f in body["focus_themes"]}["verwaltung"] == 100.0


def new_municipality(**changes):
    district = DistrictFactory(key="05513")
    data = {
        "ags": "05513999",
        "ars": "055130000999",
        "name": "Neustadt",
        "kind": "gemeinde",
        "state": "05",
        "district": district.key,
        "population": 4000,
        "latitude": 51.5,
        "longitude": 7.1,
    }
    data.update(changes)
    return data


def post(client, data):
    return client.post(LIST, json.dumps(data), content_type="application/json")


def test_anonymous_user_and_read_token_cannot_write(
    anonymous_client, user_client, read_token_client
):
    for client in (anonymous_client, user_client, read_token_client):
        assert post(client, new_municipality()).status_code in {401, 403}
    assert not Municipality.objects.filter(ags="05513999").exists()


def test_editor_creates_a_municipality_and_the_change_is_audited(editor_client, editor):
    response = post(editor_client, new_municipality())
    assert response.status_code == 201, response.json()
    assert response.json()["profile"] is None
    created = Municipality.objects.get(ags="05513999")
    assert LogEntry.objects.filter(object_id=str(created.pk), user=editor).exists()


def test_write_token_updates_by_ags(write_token_client):
    municipality = MunicipalityFactory()
    response = write_token_client.patch(
        f"{LIST}{municipality.ags}/",
        json.dumps({"population": 123_456}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    municipality.refresh_from_db()
    assert municipality.population == 123_456


@pytest.mark.parametrize(
    ("changes", "field", "message", "status"),
    [
        ({"ags": "0551300A"}, "ags", "nur Ziffern", 400),
        ({"ags": "0551399"}, "ags", "genau 8 Ziffern", 400),
        ({"ags": "17513999", "ars": "175130000999"}, "ags", "Länderschlüssel", 400),
        ({"ars": "05513000099"}, "ars", "genau 12 Ziffern", 400),
        # Well-formed keys that do not fit together: a conflict between the fields.
        ({"ars": "055130000998"}, "ars", "passen nicht zusammen", 409),
        ({"state": "08"}, "state", "gehört zum Land 05", 409),
    ],
)
def test_invalid_keys_are_refused_naming_the_field(editor_client, changes, field, message, status):
    response = post(editor_client, new_municipality(**changes))
    assert response.status_code == status
    assert message in " ".join(response.json()[field])
    assert not Municipality.objects.filter(name="Neustadt").exists()


def test_inconsistent_pair_on_update_is_a_409(editor_client):
    municipality = MunicipalityFactory()
    # Another last digit than the factory's, so the ARS no longer contains the AGS.
    other_digit = "8" if municipality.ars.endswith("9") else "9"
    response = editor_client.patch(
        f"{LIST}{municipality.ags}/",
        json.dumps({"ars": municipality.ars[:-1] + other_digit}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "ars" in response.json()


def test_modified_since_includes_municipalities_whose_profile_changed(anonymous_client):
    old = timezone.now() - timedelta(days=30)
    changed_profile = DigitalProfileFactory().municipality
    untouched = MunicipalityFactory()
    Municipality.objects.update(updated_at=old)
    DigitalProfile.objects.update(updated_at=old)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert anonymous_client.get(LIST, {"modified_since": since}).json()["count"] == 0

    profile = changed_profile.profile
    profile.status = PublicationStatus.ARCHIVED
    profile.save()
    body = anonymous_client.get(LIST, {"modified_since": since}).json()
    assert [entry["ags"] for entry in body["results"]] == [changed_profile.ags]
    # Unpublished: the partner learns that the status is no longer public.
    assert body["results"][0]["strategy_status"] == "no_profile"
    assert untouched.ags not in {entry["ags"] for entry in body["results"]}


@pytest.mark.parametrize("url", [LIST, "/api/v1/tombstones/"])
def test_modified_since_with_an_unusual_offset_is_normalised_not_an_error(anonymous_client, url):
    # ISO 8601 parsing allows offsets up to ±23:59; PostgreSQL only ±15:59.
    response = anonymous_client.get(url, {"modified_since": "2020-02-07T14:25:31+21:24"})
    assert response.status_code == 200
    too_early = anonymous_client.get(url, {"modified_since": "0001-01-01T00:00:00+01:00"})
    assert too_early.status_code == 400


def test_deleting_a_municipality_that_events_refer_to_is_a_409_naming_them(
    write_token_client,
):
    berlin = MunicipalityFactory()
    EventFactory.create_batch(2, venue_municipality=berlin)
    response = write_token_client.delete(f"{LIST}{berlin.ags}/")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Kann nicht gelöscht werden, solange andere Einträge darauf verweisen "
        "(Termine: 2)."
    }
    assert Municipality.objects.filter(pk=berlin.pk).exists()
    unreferenced = MunicipalityFactory()
    assert write_token_client.delete(f"{LIST}{unreferenced.ags}/").status_code == 204


def test_a_profile_without_strategy_address_matches_the_schema(anonymous_client):
    profile = DigitalProfileFactory(strategy_url="")
    response = anonymous_client.get(f"{LIST}{profile.municipality.ags}/")
    assert schema_errors(response, "/api/v1/municipalities/{ags}/") == []
    assert response.json()["profile"]["strategy_url"] is None


@pytest.mark.parametrize(
    "key",
    [
        "05513000",
        "16077052",
        "0551300A",
        "0551300",
        "055130000",
        "17513000",
        "00513000",
        "٠٥٥١٣٠٠٠",
    ],
)
def test_the_schema_states_the_key_rules_the_server_applies(editor_client, key):
    """The AGS pattern of the schema accepts exactly what the validator accepts."""
    schema = api_schema()["components"]["schemas"]["MunicipalityRequest"]["properties"]
    try:
        validate_ags(key)
        valid = True
    except ValidationError:
        valid = False
    assert bool(re.fullmatch(schema["ags"]["pattern"], key)) == valid
    ars = key[:5] + "0000" + key[5:]
    try:
        validate_ars(ars)
        valid = True
    except ValidationError:
        valid = False
    assert bool(re.fullmatch(schema["ars"]["pattern"], ars)) == valid
