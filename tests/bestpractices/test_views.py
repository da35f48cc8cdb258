import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bestpractices.filters import ProjectFilterSet
from bestpractices.models import Project
from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import AssociationFactory, DistrictFactory, MunicipalityFactory
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db
LIST_URL = "/praxisbeispiele/"


def test_list_shows_published_projects_with_municipality_and_themes(anonymous_client):
    ProjectFactory(title="Bürgerportal", themes=[theme("verwaltung")])
    response = anonymous_client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bürgerportal" in html
    assert "Verwaltung" in html


def test_list_without_hits_shows_the_empty_state(anonymous_client):
    response = anonymous_client.get(LIST_URL, {"q": "nichtvorhanden"})
    assert "Keine Praxisbeispiele gefunden." in response.content.decode()


def test_list_filters_by_theme_and_keeps_other_themes_in_the_facets(anonymous_client):
    ProjectFactory(title="Radwege-App", themes=[theme("mobilitaet")])
    ProjectFactory(title="E-Akte", themes=[theme("verwaltung")])
    response = anonymous_client.get(LIST_URL, {"theme": "mobilitaet"})
    titles = [project.title for project in response.context["object_list"]]
    assert titles == ["Radwege-App"]
    theme_facet = next(f for f in response.context["facets"] if f["name"] == "theme")
    counts = {option["value"]: option["count"] for option in theme_facet["options"]}
    assert counts == {"mobilitaet": 1, "verwaltung": 1}


def test_invalid_filter_values_are_reported_and_ignored(anonymous_client):
    ProjectFactory(title="Sichtbar")
    response = anonymous_client.get(LIST_URL, {"phase": "erfunden"})
    assert response.status_code == 200
    assert "Einige Filter waren ungültig" in response.content.decode()
    assert [p.title for p in response.context["object_list"]] == ["Sichtbar"]


def test_default_sort_order_is_not_a_filter_error(anonymous_client):
    ProjectFactory(title="Alt")
    ProjectFactory(title="Neu")
    response = anonymous_client.get(LIST_URL, {"ordering": "", "q": ""})
    assert not response.context["filter_form"].errors
    assert [p.title for p in response.context["object_list"]] == ["Neu", "Alt"]


def test_list_sorts_by_title(anonymous_client):
    for title in ["Zebra", "Apfel", "Mitte"]:
        ProjectFactory(title=title)
    response = anonymous_client.get(LIST_URL, {"ordering": "title"})
    assert [p.title for p in response.context["object_list"]] == ["Apfel", "Mitte", "Zebra"]


def test_simple_search_finds_words_in_title_and_summary(anonymous_client):
    ProjectFactory(title="Open-Data-Portal", summary="Daten für alle")
    ProjectFactory(title="Chatbot", summary="Antworten rund um die Uhr")
    response = anonymous_client.get(LIST_URL, {"q": "uhr"})
    assert [p.title for p in response.context["object_list"]] == ["Chatbot"]


def test_map_is_fed_by_the_geojson_endpoint_with_the_same_query(anonymous_client):
    response = anonymous_client.get(LIST_URL, {"theme": "bildung", "page": "1"})
    html = response.content.decode()
    assert 'data-geojson-url="/api/v1/projects/geojson/?theme=bildung"' in html


@pytest.mark.parametrize("rows", [1, 20])
def test_list_page_query_count_is_constant(anonymous_client, django_assert_num_queries, rows):
    ProjectFactory.create_batch(rows, themes=[theme("verwaltung"), theme("bildung")])
    # 1 validation of the chosen theme, 1 theme list and 1 state list for the facets, 1 facet
    # aggregation that also counts the list, 1 page of projects with municipality and state,
    # 1 prefetch of themes; on PostgreSQL 1 EXISTS deciding whether the typo fallback is
    # needed.
    with django_assert_num_queries(6 + (connection.vendor == "postgresql")):
        response = anonymous_client.get(LIST_URL, {"q": "Kommune", "theme": "verwaltung"})
    assert len(response.context["object_list"]) == rows
    assert response.context["paginator"].count == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_list_page_without_a_query_counts_once(anonymous_client, django_assert_num_queries, rows):
    ProjectFactory.create_batch(rows, themes=[theme("verwaltung")])
    # 1 validation of the chosen theme, 1 count, 1 theme list and 1 state list for the facets,
    # 1 facet aggregation, 1 page of projects with municipality and state, 1 prefetch of themes.
    with django_assert_num_queries(7):
        response = anonymous_client.get(LIST_URL, {"theme": "verwaltung"})
    assert response.context["paginator"].count == rows


def test_the_counted_total_is_the_number_of_listed_projects(anonymous_client):
    ProjectFactory.create_batch(25, title="Zisternenwächter", themes=[theme("verwaltung")])
    ProjectFactory.create_batch(3, title="Zisternenwächter", themes=[theme("bildung")])
    ProjectFactory(title="Regentonne", themes=[theme("verwaltung")])
    ProjectFactory(title="Zisternenwächter Entwurf", status=PublicationStatus.DRAFT)
    response = anonymous_client.get(LIST_URL, {"q": "Zisternenwächter", "theme": "verwaltung"})
    paginator = response.context["paginator"]
    assert paginator.count == 25 and paginator.num_pages == 2
    second = anonymous_client.get(
        LIST_URL, {"q": "Zisternenwächter", "theme": "verwaltung", "page": 2}
    )
    assert len(second.context["object_list"]) == 5


def test_list_filters_by_a_municipality_it_leads_or_takes_part_in(anonymous_client):
    municipality = MunicipalityFactory()
    ProjectFactory(title="Geführt", lead_municipality=municipality)
    ProjectFactory(title="Beteiligt").participating_municipalities.add(municipality)
    ProjectFactory(title="Fremd").participating_municipalities.add(MunicipalityFactory())
    ProjectFactory(title="Entwurf", lead_municipality=municipality, status=PublicationStatus.DRAFT)
    response = anonymous_client.get(LIST_URL, {"municipality": municipality.ags})
    titles = sorted(project.title for project in response.context["object_list"])
    assert titles == ["Beteiligt", "Geführt"]
    api = anonymous_client.get("/api/v1/projects/", {"municipality": municipality.ags})
    assert sorted(item["title"] for item in api.json()["results"]) == ["Beteiligt", "Geführt"]


def page_statement(queries) -> str:
    """The statement that reads the page's projects with their municipalities."""
    [statement] = [
        query["sql"] for query in queries if '"cities_municipality"."ags"' in query["sql"]
    ]
    return statement


def test_a_narrow_search_reads_its_page_by_the_keys_the_facet_counts_found(anonymous_client):
    listed = ProjectFactory.create_batch(3, title="Zisternenwächter", themes=[theme("verwaltung")])
    ProjectFactory(title="Zisternenwächter", themes=[theme("bildung")])
    ProjectFactory(title="Regentonne", themes=[theme("verwaltung")])
    with CaptureQueriesContext(connection) as queries:
        response = anonymous_client.get(LIST_URL, {"q": "Zisternenwächter", "theme": "verwaltung"})
    assert {project.pk for project in response.context["object_list"]} == {p.pk for p in listed}
    statement = page_statement(queries)
    keys_lists = [
        {int(key) for key in keys.split(",")}
        for keys in re.findall(r"IN \(([0-9, ]+)\)", statement)
    ]
    assert {p.pk for p in listed} in keys_lists
    # The keys stand for the facets: their conditions are not applied once more.
    assert "'verwaltung'" not in statement


def test_a_search_with_more_hits_than_the_keys_limit_pages_without_them(
    anonymous_client, monkeypatch
):
    listed = ProjectFactory.create_batch(3, title="Zisternenwächter", themes=[theme("verwaltung")])
    monkeypatch.setattr(ProjectFilterSet, "keys_limit", 2)
    with CaptureQueriesContext(connection) as queries:
        response = anonymous_client.get(LIST_URL, {"q": "Zisternenwächter"})
    assert {project.pk for project in response.context["object_list"]} == {p.pk for p in listed}
    assert response.context["paginator"].count == 3
    assert not re.search(r"IN \([0-9, ]+\)", page_statement(queries))


def test_detail_shows_municipality_themes_costs_and_transferability(anonymous_client):
    project = ProjectFactory(
        title="Digitale Bauakte",
        themes=[theme("verwaltung")],
        investment_costs="12000.50",
        licence="EUPL-1.2",
        repository_url="https://code.example.org/bauakte",
        prerequisites="Ein Dokumentenmanagementsystem",
        funding_note="Eigenmittel",
    )
    response = anonymous_client.get(project.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert project.lead_municipality.name in html
    assert "Verwaltung" in html
    assert "12.000,50 €" in html
    assert "EUPL 1.2" in html and "Open Source" in html
    assert "https://code.example.org/bauakte" in html
    assert "Ein Dokumentenmanagementsystem" in html
    assert "Eigenmittel" in html
    assert "data-latitude" in html


def test_detail_query_count_is_bounded(anonymous_client, django_assert_num_queries):
    municipality = MunicipalityFactory(population=200_000)
    project = ProjectFactory(lead_municipality=municipality, themes=[theme("bildung")])
    for _number in range(10):
        other = ProjectFactory(lead_municipality=municipality, themes=[theme("bildung")])
        other.participating_municipalities.add(MunicipalityFactory())
    project.participating_municipalities.add(*MunicipalityFactory.create_batch(5))
    # 1 project with municipality and state, prefetches of themes, participating and
    # adopting municipalities and funding programmes, 1 query for the (at most four) similar
    # projects.
    with django_assert_num_queries(6):
        response = anonymous_client.get(project.get_absolute_url())
    assert len(response.context["similar_projects"]) == 4


def test_detail_lists_similar_projects_of_the_same_size_class(anonymous_client):
    big = MunicipalityFactory(population=300_000)
    small = MunicipalityFactory(population=3_000)
    project = ProjectFactory(lead_municipality=big, themes=[theme("mobilitaet")])
    ProjectFactory(
        title="Gleich groß",
        lead_municipality=MunicipalityFactory(population=150_000),
        themes=[theme("mobilitaet")],
    )
    ProjectFactory(title="Zu klein", lead_municipality=small, themes=[theme("mobilitaet")])
    ProjectFactory(title="Anderes Thema", lead_municipality=big, themes=[theme("bildung")])
    response = anonymous_client.get(project.get_absolute_url())
    assert [p.title for p in response.context["similar_projects"]] == ["Gleich groß"]


def test_similar_projects_share_the_most_themes_then_are_the_newest(anonymous_client):
    from datetime import timedelta

    from django.utils import timezone

    town = MunicipalityFactory(population=50_000)
    both = [theme("mobilitaet"), theme("bildung")]
    project = ProjectFactory(lead_municipality=town, themes=both)
    now = timezone.now()

    def similar(title, themes, days_ago):
        ProjectFactory(
            title=title,
            lead_municipality=MunicipalityFactory(population=40_000),
            themes=themes,
            published_at=now - timedelta(days=days_ago),
        )

    similar("Beide alt", both, 30)
    similar("Beide neu", both, 20)
    for days_ago in (1, 2, 3):
        similar(f"Eines vor {days_ago} Tagen", [theme("bildung")], days_ago)
    response = anonymous_client.get(project.get_absolute_url())
    titles = [p.title for p in response.context["similar_projects"]]
    assert titles == ["Beide neu", "Beide alt", "Eines vor 1 Tagen", "Eines vor 2 Tagen"]


def test_detail_shows_a_contact_name_only_with_consent(anonymous_client):
    project = ProjectFactory(
        contact_office="Stabsstelle Digitales", contact_email="digital@example.org"
    )
    Project.objects.filter(pk=project.pk).update(contact_name="Erika Mustermann")
    html = anonymous_client.get(project.get_absolute_url()).content.decode()
    assert "Stabsstelle Digitales" in html
    assert "Erika Mustermann" not in html


XSS_PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[klick](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_in_the_description_is_neutralised(anonymous_client, payload):
    project = ProjectFactory(description=f"Text {payload} Ende", results=payload)
    html = anonymous_client.get(project.get_absolute_url()).content.decode().lower()
    for marker in ("<script>alert", "onerror=", "javascript:", "<svg", "<iframe", "onload="):
        assert marker not in html


def test_export_csv_round_trips_keys_of_the_filtered_list(anonymous_client):
    municipality = MunicipalityFactory()
    ProjectFactory(
        title="Export mich",
        slug="export-mich",
        lead_municipality=municipality,
        themes=[theme("bildung"), theme("verwaltung")],
    )
    ProjectFactory(title="Nicht im Filter", themes=[theme("mobilitaet")])
    response = anonymous_client.get("/praxisbeispiele/export.csv", {"theme": "bildung"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert response["Content-Type"].startswith("text/csv")
    assert [row["slug"] for row in rows] == ["export-mich"]
    assert rows[0]["lead_municipality"] == municipality.ags
    assert sorted(rows[0]["themes"].split(";")) == ["bildung", "verwaltung"]


def test_export_csv_keeps_a_formula_in_a_title_as_text(anonymous_client):
    ProjectFactory(title='=HYPERLINK("https://example.org","Klick")', slug="formel")
    response = anonymous_client.get("/praxisbeispiele/export.csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(content)))
    assert row["title"] == '\'=HYPERLINK("https://example.org","Klick")'


def test_export_json_has_keys_not_display_names(anonymous_client):
    project = ProjectFactory(themes=[theme("bildung")], phase="completed")
    response = anonymous_client.get("/praxisbeispiele/export.json")
    data = json.loads(b"".join(response.streaming_content))
    assert data == [data[0]] and data[0]["id"] == project.pk
    assert data[0]["themes"] == ["bildung"]
    assert data[0]["phase"] == "completed"
    assert data[0]["lead_municipality"] == project.lead_municipality.ags


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_query_count_is_constant(anonymous_client, django_assert_num_queries, rows, fmt):
    ProjectFactory.create_batch(rows, themes=[theme("bildung")])
    # 1 projects with their lead (municipality, Gemeindeverband or district), then one
    # prefetch each of themes,
    # participating municipalities, adopting municipalities and funding programmes.
    with django_assert_num_queries(5):
        response = anonymous_client.get(f"/praxisbeispiele/export.{fmt}")
        content = b"".join(response.streaming_content)
    assert content.count(b"projekt-") == rows


def test_list_and_form_speak_english_when_chosen(anonymous_client):
    anonymous_client.cookies["django_language"] = "en"
    ProjectFactory(phase="completed")
    html = anonymous_client.get(LIST_URL).content.decode()
    assert "<h1>Best practices</h1>" in html
    assert "completed" in html
    form = anonymous_client.get("/praxisbeispiele/vorschlagen/").content.decode()
    assert "Propose a best practice" in form


@pytest.fixture
def district_led():
    """A project led by the district Dithmarschen (Schleswig-Holstein) itself, one led by a
    Gemeindeverband there and one by a municipality in NRW."""
    district = DistrictFactory(key="01051", name="Dithmarschen")
    amt = AssociationFactory(district=district, key="5175", name="Amt Mitteldithmarschen")
    ProjectFactory(
        title="Kreisprojekt", slug="kreisprojekt", lead_municipality=None, lead_district=district
    )
    ProjectFactory(title="Amtsprojekt", lead_municipality=None, lead_association=amt)
    ProjectFactory(title="Stadtprojekt", lead_municipality=MunicipalityFactory())
    return district, amt


def test_the_state_facet_counts_and_filters_projects_led_by_a_region(
    anonymous_client, district_led
):
    response = anonymous_client.get(LIST_URL, {"state": "01"})
    assert sorted(p.title for p in response.context["object_list"]) == [
        "Amtsprojekt",
        "Kreisprojekt",
    ]
    state_facet = next(f for f in response.context["facets"] if f["name"] == "state")
    counts = {option["value"]: option["count"] for option in state_facet["options"]}
    assert counts["01"] == 2 and counts["05"] == 1
    html = response.content.decode()
    assert "Dithmarschen, Schleswig-Holstein" in html
    api = anonymous_client.get("/api/v1/projects/", {"state": "01"}).json()
    assert sorted(row["title"] for row in api["results"]) == ["Amtsprojekt", "Kreisprojekt"]


def test_the_page_of_a_project_led_by_a_district_names_it_and_its_dissolution(
    anonymous_client, district_led
):
    district, _amt = district_led
    district.dissolved_on = "2026-12-31"
    district.save()
    html = anonymous_client.get("/praxisbeispiele/kreisprojekt/").content.decode()
    assert "Federführender Kreis" in html
    assert f'<a href="{district.get_absolute_url()}">Dithmarschen</a>' in html
    assert "aufgelöst zum 31.12.2026" in html
    assert 'data-district="01051"' in html and "data-latitude" not in html


def test_a_project_led_by_a_region_has_no_point_on_the_map(anonymous_client, district_led):
    features = anonymous_client.get("/api/v1/projects/geojson/").json()["features"]
    assert [feature["properties"]["name"] for feature in features] == ["Stadtprojekt"]


def test_the_export_has_the_lead_columns_of_every_kind(anonymous_client, district_led):
    response = anonymous_client.get("/praxisbeispiele/export.csv", {"ordering": "title"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(content))}
    leads = ("lead_municipality", "lead_association", "lead_district")
    assert [rows["Kreisprojekt"][name] for name in leads] == ["", "", "01051"]
    assert [rows["Amtsprojekt"][name] for name in leads] == ["", "010515175", ""]
    assert rows["Stadtprojekt"]["lead_municipality"] != ""
    data = json.loads(
        b"".join(anonymous_client.get("/praxisbeispiele/export.json").streaming_content)
    )
    by_title = {row["title"]: row for row in data}
    assert by_title["Amtsprojekt"]["lead_association"] == "010515175"
    assert by_title["Kreisprojekt"]["lead_district"] == "01051"
