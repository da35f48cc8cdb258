import pytest

from bestpractices.api.serializers import ProjectSerializer
from bestpractices.models import Project
from portal.choices import PublicationStatus
from portal.tokens import SCOPE_READ_DRAFTS
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import AssociationFactory, DistrictFactory, MunicipalityFactory
from tests.conftest import token_client
from tests.portal.factories import theme
from tests.portal.openapi import schema_errors

pytestmark = pytest.mark.django_db
API = "/api/v1/projects/"


@pytest.fixture
def draft_client():
    return token_client([SCOPE_READ_DRAFTS])


@pytest.fixture
def writer_client():
    return token_client(["write:bestpractices.project"])


@pytest.fixture
def reader_client():
    return token_client([])


def test_list_is_brief_and_uses_keys(anonymous_client):
    project = ProjectFactory(themes=[theme("bildung")])
    data = anonymous_client.get(API).json()
    assert data["results"][0] == {
        "id": project.pk,
        "slug": project.slug,
        "title": project.title,
        "summary": project.summary,
        "lead_municipality": project.lead_municipality.ags,
        "lead_association": None,
        "lead_district": None,
        "themes": ["bildung"],
        "phase": "running",
        "is_lighthouse": False,
        "licence": None,
        "url": f"http://testserver{project.get_absolute_url()}",
        "updated_at": data["results"][0]["updated_at"],
    }


def test_detail_by_id_and_by_slug(anonymous_client):
    project = ProjectFactory(slug="ulmer-spatz", licence="MIT")
    by_id = anonymous_client.get(f"{API}{project.pk}/")
    by_slug = anonymous_client.get(f"{API}ulmer-spatz/")
    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json() == by_slug.json()
    assert by_slug.json()["licence"] == "MIT"


def test_filters_and_search_are_those_of_the_list_page(anonymous_client):
    ProjectFactory(title="Chatbot", summary="hilft rund um die Uhr", themes=[theme("verwaltung")])
    ProjectFactory(title="Radverkehr", themes=[theme("mobilitaet")])
    assert [
        p["title"] for p in anonymous_client.get(API, {"theme": "mobilitaet"}).json()["results"]
    ] == ["Radverkehr"]
    assert [
        p["title"] for p in anonymous_client.get(API, {"search": "chatbot"}).json()["results"]
    ] == ["Chatbot"]
    assert [p["title"] for p in anonymous_client.get(API, {"q": "chatbot"}).json()["results"]] == [
        "Chatbot"
    ]


def test_invalid_filter_is_a_400_naming_the_field(anonymous_client):
    response = anonymous_client.get(API, {"phase": "erfunden"})
    assert response.status_code == 400
    assert "phase" in response.json()


def test_geojson_places_projects_at_their_lead_municipality(anonymous_client):
    municipality = MunicipalityFactory(latitude=51.5, longitude=7.1)
    project = ProjectFactory(lead_municipality=municipality)
    response = anonymous_client.get(f"{API}geojson/")
    assert response["Content-Type"] == "application/geo+json"
    feature = response.json()["features"][0]
    assert feature["id"] == project.pk
    assert feature["geometry"]["coordinates"] == [7.1, 51.5]
    assert feature["properties"]["url"] == project.get_absolute_url()


@pytest.mark.parametrize("rows", [1, 20])
def test_api_list_query_count_is_constant(anonymous_client, django_assert_num_queries, rows):
    ProjectFactory.create_batch(rows, themes=[theme("bildung")])
    # 1 count, 1 page of projects with the lead municipality, 1 prefetch of themes.
    with django_assert_num_queries(3):
        response = anonymous_client.get(API)
    assert len(response.json()["results"]) == rows
    # The next page of the same list reuses the count until the content changes.
    with django_assert_num_queries(2):
        again = anonymous_client.get(API, {"x": "1"})
    assert again.json()["count"] == rows


def test_api_list_counts_afresh_after_a_change(anonymous_client):
    ProjectFactory.create_batch(3)
    assert anonymous_client.get(API).json()["count"] == 3
    ProjectFactory()
    assert anonymous_client.get(API).json()["count"] == 4
    hidden = ProjectFactory(status=PublicationStatus.DRAFT)
    assert anonymous_client.get(API).json()["count"] == 4
    hidden.status = PublicationStatus.PUBLISHED
    hidden.save()
    assert anonymous_client.get(API).json()["count"] == 5


def test_api_list_counts_are_kept_per_visibility_and_filter(anonymous_client, draft_client):
    ProjectFactory.create_batch(2, themes=[theme("bildung")])
    ProjectFactory(themes=[theme("verwaltung")], status=PublicationStatus.DRAFT)
    assert anonymous_client.get(API).json()["count"] == 2
    assert draft_client.get(API).json()["count"] == 3
    assert anonymous_client.get(API).json()["count"] == 2
    assert anonymous_client.get(API, {"theme": "verwaltung"}).json()["count"] == 0
    assert draft_client.get(API, {"theme": "verwaltung"}).json()["count"] == 1
    assert anonymous_client.get(API, {"theme": "bildung"}).json()["count"] == 2


@pytest.mark.parametrize("rows", [1, 20])
def test_geojson_query_count_is_constant(anonymous_client, django_assert_num_queries, rows):
    ProjectFactory.create_batch(rows)
    # 1 query: projects joined with their lead municipality's coordinates.
    with django_assert_num_queries(1):
        response = anonymous_client.get(f"{API}geojson/")
    assert len(response.json()["features"]) == rows


def payload(municipality, **changes):
    data = {
        "title": "Neu über die API",
        "slug": "neu-ueber-die-api",
        "summary": "Kurz.",
        "lead_municipality": municipality.ags,
        "themes": ["bildung"],
        "phase": "planned",
    }
    data.update(changes)
    return data


def test_anonymous_users_and_plain_tokens_cannot_write(
    anonymous_client, reader_client, draft_client, user_client
):
    municipality = MunicipalityFactory()
    for client in (anonymous_client, reader_client, draft_client):
        response = client.post(API, payload(municipality), content_type="application/json")
        assert response.status_code in {401, 403}
    response = user_client.post(API, payload(municipality), content_type="application/json")
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_write_token_creates_projects_with_keys(writer_client):
    municipality = MunicipalityFactory()
    response = writer_client.post(API, payload(municipality), content_type="application/json")
    assert response.status_code == 201, response.json()
    project = Project.objects.get()
    assert project.lead_municipality == municipality
    assert [t.slug for t in project.themes.all()] == ["bildung"]
    assert project.status == PublicationStatus.DRAFT


@pytest.mark.parametrize(
    ("changes", "field", "status"),
    [
        ({"investment_costs": "-1"}, "investment_costs", 400),
        ({"repository_url": "kein link"}, "repository_url", 400),
        ({"links": "ftp://example.org"}, "links", 400),
        # Valid values that the data or another field refuses: a conflict.
        ({"start_date": "2024-05-01", "end_date": "2024-01-01"}, "end_date", 409),
        ({"contact_name": "Erika Mustermann"}, "contact_consent", 409),
        ({"lead_municipality": "99999999"}, "lead_municipality", 409),
    ],
)
def test_writes_are_validated_like_the_model(writer_client, changes, field, status):
    municipality = MunicipalityFactory()
    response = writer_client.post(
        API, payload(municipality, **changes), content_type="application/json"
    )
    assert response.status_code == status
    assert field in response.json()


def test_a_district_or_an_association_leads_a_project_in_the_api(anonymous_client, writer_client):
    district = DistrictFactory(key="01051", name="Dithmarschen")
    amt = AssociationFactory(district=district, key="5175")
    response = writer_client.post(
        API,
        payload(MunicipalityFactory(), lead_municipality=None, lead_district="01051"),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["lead_municipality"], body["lead_association"], body["lead_district"]) == (
        None,
        None,
        "01051",
    )
    assert Project.objects.get().lead == district
    response = writer_client.patch(
        f"{API}neu-ueber-die-api/",
        {"lead_district": None, "lead_association": "010515175", "status": "published"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert Project.objects.get().lead == amt
    listed = anonymous_client.get(API).json()["results"][0]
    assert (listed["lead_municipality"], listed["lead_association"]) == (None, "010515175")


@pytest.mark.parametrize(
    "leads",
    [
        {"lead_district": "01051"},
        {"lead_association": "010515175", "lead_district": "01051"},
        {"lead_municipality": None},
    ],
)
def test_a_project_with_two_leads_or_none_is_a_conflict(writer_client, leads):
    AssociationFactory(district=DistrictFactory(key="01051"), key="5175")
    response = writer_client.post(
        API, payload(MunicipalityFactory(), **leads), content_type="application/json"
    )
    assert response.status_code == 409
    assert "lead_municipality" in response.json()
    assert not Project.objects.exists()


def test_write_token_sees_and_edits_drafts(writer_client):
    project = ProjectFactory(status=PublicationStatus.DRAFT)
    response = writer_client.patch(
        f"{API}{project.slug}/", {"title": "Geändert"}, content_type="application/json"
    )
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.title == "Geändert"


def test_draft_token_reads_drafts_but_anonymous_does_not(
    draft_client, anonymous_client, reader_client
):
    project = ProjectFactory(status=PublicationStatus.REVIEW)
    assert draft_client.get(f"{API}{project.pk}/").status_code == 200
    assert anonymous_client.get(f"{API}{project.pk}/").status_code == 404
    assert reader_client.get(f"{API}{project.pk}/").status_code == 404


def test_editor_session_sees_drafts_in_the_api(editor_client):
    project = ProjectFactory(status=PublicationStatus.DRAFT)
    assert editor_client.get(f"{API}{project.slug}/").status_code == 200


def test_unpublishing_leaves_a_tombstone_keyed_by_slug(anonymous_client):
    project = ProjectFactory(slug="bald-weg")
    project.status = PublicationStatus.ARCHIVED
    project.save()
    data = anonymous_client.get("/api/v1/tombstones/", {"resource": "projects"}).json()
    assert [(row["resource"], row["key"]) for row in data["results"]] == [("projects", "bald-weg")]
    assert anonymous_client.get(f"{API}bald-weg/").status_code == 404


def test_modified_since_with_an_extreme_offset_works_on_every_database(anonymous_client):
    ProjectFactory()
    response = anonymous_client.get(API, {"modified_since": "2000-01-13T05:29:01-18:08"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
    response = anonymous_client.get(API, {"modified_since": "0001-01-01T00:00:00+10:00"})
    assert response.status_code == 400
    assert "modified_since" in response.json()


def test_tombstones_accept_any_iso_offset(anonymous_client):
    response = anonymous_client.get(
        "/api/v1/tombstones/", {"modified_since": "2065-10-12T00:03:15-22:51"}
    )
    assert response.status_code == 200
    response = anonymous_client.get(
        "/api/v1/tombstones/", {"modified_since": "0001-01-01T00:00:00+10:00"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("key", ["²", "٣", "12x"])
def test_a_key_that_is_neither_number_nor_slug_is_a_404(anonymous_client, key):
    ProjectFactory(slug="bekannt")
    assert anonymous_client.get(f"{API}{key}/").status_code == 404


def test_an_export_row_has_the_apis_fields_but_those_left_out_on_purpose():
    from bestpractices.exports import FIELDNAMES, NOT_EXPORTED, project_row

    row = project_row(ProjectFactory())
    assert list(row) == FIELDNAMES
    assert set(FIELDNAMES) | NOT_EXPORTED == set(ProjectSerializer.Meta.fields)


def test_answers_for_a_project_led_by_a_district_match_the_schema(anonymous_client):
    ProjectFactory(slug="kreisprojekt", lead_municipality=None, lead_district=DistrictFactory())
    listed = anonymous_client.get(API)
    assert listed.json()["results"][0]["lead_municipality"] is None
    assert schema_errors(listed, "/api/v1/projects/") == []
    detail = anonymous_client.get(f"{API}kreisprojekt/")
    assert schema_errors(detail, "/api/v1/projects/{key}/") == []
