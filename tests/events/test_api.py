import pytest
from django.core.cache import cache
from django.utils import timezone

from events.models import Event
from portal.choices import PublicationStatus
from portal.tokens import SCOPE_READ_DRAFTS
from tests.cities.factories import AssociationFactory, DistrictFactory, MunicipalityFactory
from tests.conftest import token_client
from tests.events.factories import EventFactory, ExpertCircleFactory, berlin
from tests.portal.factories import theme
from tests.portal.openapi import schema_errors

pytestmark = pytest.mark.django_db

NOW = berlin(2026, 3, 1, 12)
WRITE_SCOPE = "write:events.event"


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch):
    cache.clear()
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def valid_payload(**changes) -> dict:
    payload = {
        "slug": "neuer-workshop",
        "title": "Neuer Workshop",
        "kind": "workshop",
        "start": "2026-04-01T10:00:00+02:00",
        "end": "2026-04-01T12:00:00+02:00",
        "venue_address": "Markt 1, Ulm",
        "themes": ["mobilitaet"],
        "status": "published",
    }
    return {**payload, **changes}


def test_list_is_brief_and_ordered_by_start(client):
    later = EventFactory(start=berlin(2026, 3, 20, 10), end=berlin(2026, 3, 20, 11))
    sooner = EventFactory(start=berlin(2026, 3, 5, 10), end=berlin(2026, 3, 5, 11))
    sooner.themes.add(theme("verwaltung"))
    body = client.get("/api/v1/events/").json()
    assert [row["slug"] for row in body["results"]] == [sooner.slug, later.slug]
    assert body["results"][0]["themes"] == ["verwaltung"]
    assert "description" not in body["results"][0]
    assert body["results"][0]["url"] == f"http://testserver/termine/{sooner.slug}/"


def test_detail_is_looked_up_by_slug_and_complete(client):
    municipality = MunicipalityFactory()
    event = EventFactory(venue_municipality=municipality, description="Text", fee_note="kostenlos")
    body = client.get(f"/api/v1/events/{event.slug}/").json()
    assert body["venue_municipality"] == municipality.ags
    assert body["description"] == "Text"
    assert body["ical_uid"] == event.uid
    assert body["attendance_modes"] == ["vor-ort"]


def test_list_honours_the_shared_filters_including_the_date_range(client):
    EventFactory(
        title="März", kind="webinar", start=berlin(2026, 3, 5, 10), end=berlin(2026, 3, 5, 11)
    )
    april = EventFactory(
        title="April", kind="webinar", start=berlin(2026, 4, 5, 10), end=berlin(2026, 4, 5, 11)
    )
    EventFactory(title="April Workshop", start=berlin(2026, 4, 6, 10), end=berlin(2026, 4, 6, 11))
    body = client.get(
        "/api/v1/events/", {"kind": "webinar", "date_from": "2026-04-01", "date_to": "2026-04-30"}
    ).json()
    assert [row["slug"] for row in body["results"]] == [april.slug]


def test_invalid_filter_values_are_a_400_naming_the_parameter(client):
    response = client.get("/api/v1/events/", {"date_from": "gestern"})
    assert response.status_code == 400
    assert "date_from" in response.json()


def test_geojson_has_points_of_the_filtered_events(client):
    event = EventFactory(latitude=48.4, longitude=9.99, kind="webinar")
    EventFactory(latitude=50.0, longitude=8.0, kind="workshop")
    EventFactory(kind="webinar")  # without coordinates: no point
    response = client.get("/api/v1/events/geojson/", {"kind": "webinar"})
    assert response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    assert [feature["id"] for feature in features] == [event.slug]
    assert features[0]["geometry"]["coordinates"] == [9.99, 48.4]


def test_expert_circles_are_listed_and_looked_up_by_slug(client):
    circle = ExpertCircleFactory(member_organisations="Verband A\n\nVerband B")
    circle.member_municipalities.add(MunicipalityFactory(ags="05513000", ars="055130000000"))
    body = client.get(f"/api/v1/expert-circles/{circle.slug}/").json()
    assert body["member_organisations"] == ["Verband A", "Verband B"]
    assert body["member_municipalities"] == ["05513000"]
    assert client.get("/api/v1/expert-circles/").json()["count"] == 1


# Writes: each side of the permission rule.


def test_anonymous_cannot_create_events(client):
    response = client.post("/api/v1/events/", valid_payload(), content_type="application/json")
    assert response.status_code in {401, 403}
    assert not Event.objects.exists()


def test_logged_in_user_without_permission_cannot_create_events(user_client):
    response = user_client.post("/api/v1/events/", valid_payload(), content_type="application/json")
    assert response.status_code == 403


def test_token_without_write_scope_cannot_create_events():
    response = token_client([SCOPE_READ_DRAFTS]).post(
        "/api/v1/events/", valid_payload(), content_type="application/json"
    )
    assert response.status_code == 403


def test_token_with_write_scope_creates_a_valid_event():
    response = token_client([WRITE_SCOPE]).post(
        "/api/v1/events/", valid_payload(), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    event = Event.objects.get(slug="neuer-workshop")
    assert event.start == berlin(2026, 4, 1, 10)
    assert list(event.themes.values_list("slug", flat=True)) == ["mobilitaet"]


def test_editor_creates_an_all_day_event_whose_moments_are_derived(editor_client):
    payload = valid_payload(all_day=True, start_date="2026-10-15", end_date="2026-10-17")
    del payload["start"], payload["end"]
    response = editor_client.post("/api/v1/events/", payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    event = Event.objects.get()
    assert event.start == berlin(2026, 10, 15)
    assert event.end == berlin(2026, 10, 18)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end": "2026-04-01T09:00:00+02:00"}, "end", "Das Ende muss nach dem Beginn liegen."),
        (
            {"registration_deadline": "2026-04-02"},
            "registration_deadline",
            "Der Anmeldeschluss muss vor dem Beginn des Termins liegen.",
        ),
        (
            {"venue_address": ""},
            "venue_name",
            "Bitte einen Veranstaltungsort oder einen Online-Link angeben.",
        ),
        (
            {"all_day": True, "start": None, "end": None},
            "start_date",
            "Ganztägige Termine brauchen einen ersten Tag.",
        ),
    ],
)
def test_writes_breaking_a_rule_across_fields_are_a_409_naming_the_field(
    editor_client, changes, field, message
):
    payload = {key: value for key, value in valid_payload(**changes).items() if value is not None}
    response = editor_client.post("/api/v1/events/", payload, content_type="application/json")
    assert response.status_code == 409
    assert response.json()[field] == [message]
    assert not Event.objects.exists()


def test_partial_update_is_validated_against_the_stored_event(editor_client):
    event = EventFactory(start=berlin(2026, 4, 1, 10), end=berlin(2026, 4, 1, 12))
    response = editor_client.patch(
        f"/api/v1/events/{event.slug}/",
        {"end": "2026-04-01T09:00:00+02:00"},
        content_type="application/json",
    )
    assert response.status_code == 409
    response = editor_client.patch(
        f"/api/v1/events/{event.slug}/", {"cancelled": True}, content_type="application/json"
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.cancelled
    assert event.end == berlin(2026, 4, 1, 12)


def test_hidden_events_are_404_for_anonymous_and_read_only_tokens(client):
    event = EventFactory(status=PublicationStatus.DRAFT)
    assert client.get(f"/api/v1/events/{event.slug}/").status_code == 404
    assert token_client([]).get(f"/api/v1/events/{event.slug}/").status_code == 404
    assert token_client([SCOPE_READ_DRAFTS]).get(f"/api/v1/events/{event.slug}/").status_code == 200


def test_writing_token_cannot_change_what_it_may_not_see_and_may_change_drafts():
    event = EventFactory(status=PublicationStatus.DRAFT)
    response = token_client([WRITE_SCOPE]).patch(
        f"/api/v1/events/{event.slug}/", {"title": "Neu"}, content_type="application/json"
    )
    assert response.status_code == 200
    response = token_client([]).patch(
        f"/api/v1/events/{event.slug}/", {"title": "Neu"}, content_type="application/json"
    )
    assert response.status_code in {403, 404}


def test_expert_circles_are_read_only(editor_client):
    circle = ExpertCircleFactory()
    response = editor_client.patch(
        f"/api/v1/expert-circles/{circle.slug}/", {"name": "X"}, content_type="application/json"
    )
    assert response.status_code == 405


@pytest.mark.parametrize("rows", [1, 20])
def test_list_query_count_is_constant_and_reads_no_long_text(
    anonymous_client, django_assert_num_queries, rows
):
    for _ in range(rows):
        event = EventFactory(venue_municipality=MunicipalityFactory(), description="Lang. " * 50)
        event.themes.set([theme("bildung"), theme("mobilitaet")])
    # 1 count, 1 page of events with their venue's AGS, 1 query of theme slugs.
    with django_assert_num_queries(3) as queries:
        response = anonymous_client.get("/api/v1/events/")
    results = response.json()["results"]
    assert len(results) == rows
    assert all(len(result["themes"]) == 2 and result["venue_municipality"] for result in results)
    page = next(query["sql"] for query in queries.captured_queries if "LIMIT" in query["sql"])
    assert '"description"' not in page


def test_answers_match_the_schema_for_an_event_without_optional_values(client):
    """No online link, no series, no venue municipality: the list and the detail give null
    where the schema allows it, never "" for an address."""
    event = EventFactory(online_link="", registration_url="", venue_municipality=None)
    listed = client.get("/api/v1/events/")
    assert schema_errors(listed, "/api/v1/events/") == []
    assert listed.json()["results"][0]["online_link"] is None
    detail = client.get(f"/api/v1/events/{event.slug}/")
    assert schema_errors(detail, "/api/v1/events/{slug}/") == []
    body = detail.json()
    assert (body["online_link"], body["registration_url"], body["series"]) == (None, None, None)


def test_an_expert_circle_without_join_policy_or_address_matches_the_schema(client):
    circle = ExpertCircleFactory(join_policy="", contact_email="")
    detail = client.get(f"/api/v1/expert-circles/{circle.slug}/")
    assert schema_errors(detail, "/api/v1/expert-circles/{slug}/") == []
    assert (detail.json()["join_policy"], detail.json()["contact_email"]) == (None, None)
    listed = client.get("/api/v1/expert-circles/")
    assert schema_errors(listed, "/api/v1/expert-circles/") == []


def test_an_empty_key_for_a_related_object_is_a_400_not_null(editor_client):
    # DRF alone reads "" as null: the schema says a key or null.
    response = editor_client.post(
        "/api/v1/events/", valid_payload(venue_municipality=""), content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["venue_municipality"]


def test_a_write_takes_null_for_no_online_link(editor_client):
    payload = valid_payload(online_link=None, registration_url="")
    response = editor_client.post("/api/v1/events/", payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert Event.objects.get().online_link == ""
    assert response.json()["online_link"] is None


@pytest.mark.parametrize(
    "changes",
    [
        {"start": "0256-04-01T10:00:00+02:00"},
        {"start": "20260-04-01T10:00:00+02:00"},
        # RFC 3339 needs an offset; a local time would be read in the server's zone.
        {"start": "2026-04-01T10:00:00"},
        {"all_day": True, "start_date": "0256-04-01"},
        {"registration_deadline": "1899-12-31"},
    ],
)
def test_dates_outside_the_accepted_years_or_without_offset_are_a_400(editor_client, changes):
    response = editor_client.post(
        "/api/v1/events/", valid_payload(**changes), content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == set(changes) - {"all_day"}
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "0256-01-01"},
        {"date_to": "01.04.2026"},
        {"modified_since": "0256-01-01T00:00:00Z"},
    ],
)
def test_date_filters_take_the_api_date_rule(client, query):
    response = client.get("/api/v1/events/", query)
    assert response.status_code == 400
    assert list(response.json()) == list(query)


def test_an_event_names_its_host_body_by_key_and_refuses_two(editor_client):
    district = DistrictFactory(key="01051")
    amt = AssociationFactory(district=district, key="5175")
    response = editor_client.post(
        "/api/v1/events/",
        valid_payload(host_association="010515175"),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = client_get_event(editor_client)
    assert (body["host_municipality"], body["host_association"], body["host_district"]) == (
        None,
        "010515175",
        None,
    )
    assert Event.objects.get().host == amt
    response = editor_client.patch(
        "/api/v1/events/neuer-workshop/",
        {"host_district": "01051"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "host_municipality" in response.json()
    response = editor_client.patch(
        "/api/v1/events/neuer-workshop/",
        {"host_association": None, "host_district": "01051"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert client_get_event(editor_client)["host_district"] == "01051"


def client_get_event(client) -> dict:
    return client.get("/api/v1/events/neuer-workshop/").json()


def test_a_circle_lists_its_member_bodies_by_key(client):
    district = DistrictFactory(key="01051")
    circle = ExpertCircleFactory(slug="kreis")
    circle.member_districts.add(district)
    circle.member_associations.add(AssociationFactory(district=district, key="5175"))
    circle.member_municipalities.add(MunicipalityFactory(district=district, number=44))
    body = client.get("/api/v1/expert-circles/kreis/").json()
    assert body["member_districts"] == ["01051"]
    assert body["member_associations"] == ["010515175"]
    assert body["member_municipalities"] == ["01051044"]
