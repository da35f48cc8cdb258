import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cities.choices import StrategyStatus
from portal.choices import PublicationStatus
from portal.related import RelatedItem, RelatedSection
from tests.cities.factories import DigitalProfileFactory, DistrictFactory, MunicipalityFactory
from tests.portal.factories import theme
from tests.security.html_safety import audit

pytestmark = pytest.mark.django_db

LIST_URL = reverse("cities:municipality_list")


def make_municipalities(count: int):
    municipalities = MunicipalityFactory.create_batch(count)
    for municipality in municipalities[::2]:
        DigitalProfileFactory(municipality=municipality, focus_themes=[theme("verwaltung")])
    return municipalities


@pytest.mark.parametrize("rows", [1, 20])
def test_list_page_runs_a_fixed_number_of_queries(
    rows, anonymous_client, django_assert_num_queries
):
    make_municipalities(rows)
    # 1 count for the paginator, 1 page of municipalities with state and visible strategy
    # status (one LEFT JOIN), 1 federal states and 1 themes for the filter form.
    with django_assert_num_queries(4):
        response = anonymous_client.get(LIST_URL)
    assert response.status_code == 200
    assert len(response.context["municipality_list"]) == rows


def test_list_page_shows_filters_map_and_legend(anonymous_client):
    MunicipalityFactory(name="Gelsenkirchen")
    html = anonymous_client.get(LIST_URL, {"state": "05", "page": "1"}).content.decode()
    assert "<legend>Kommunen filtern</legend>" in html
    assert 'data-geojson-url="/api/v1/municipalities/geojson/?state=05"' in html
    assert 'data-category="adopted"' in html and 'data-category="no_profile"' in html
    assert "Gelsenkirchen" in html


def test_list_page_hides_status_of_unpublished_profile(anonymous_client, editor_client):
    profile = DigitalProfileFactory(
        status=PublicationStatus.DRAFT, strategy_status=StrategyStatus.ADOPTED
    )
    public = anonymous_client.get(LIST_URL).content.decode()
    assert "Strategie beschlossen</td>" not in public
    assert "Kein Digitalprofil</td>" in public
    assert profile.municipality.name in public
    assert "Strategie beschlossen</td>" in editor_client.get(LIST_URL).content.decode()


def test_list_page_reports_invalid_filter_values_and_keeps_them_off_the_map(anonymous_client):
    response = anonymous_client.get(LIST_URL, {"size_class": "riesig", "state": "05"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert response.context["geojson_url"] == "/api/v1/municipalities/geojson/?state=05"


def test_list_page_paginates(anonymous_client):
    MunicipalityFactory.create_batch(21)
    response = anonymous_client.get(LIST_URL, {"page": 2})
    assert len(response.context["municipality_list"]) == 1


def test_detail_shows_register_data_and_published_profile(anonymous_client):
    profile = DigitalProfileFactory(
        has_organisational_unit=True,
        organisational_unit_name="Stabsstelle Vernetzte Stadt",
        has_partner_network=True,
        partners="GELSEN-NET",
        awards_and_networks="Digital Cities Challenge",
        focus_themes=[theme("mobilitaet")],
    )
    municipality = profile.municipality
    response = anonymous_client.get(municipality.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert municipality.ags in html and municipality.ars in html
    assert "Stabsstelle Vernetzte Stadt" in html
    assert "GELSEN-NET" in html and "Digital Cities Challenge" in html
    assert "Mobilität" in html
    assert "Ressortübergreifende Organisationseinheit;" in html  # Atlas criteria met
    assert "data-portal-map" in html


def test_detail_map_outlines_the_municipality_s_district_with_the_shipped_outlines(
    anonymous_client,
):
    municipality = MunicipalityFactory(district=DistrictFactory(key="05562"), ags="05562004")
    html = anonymous_client.get(municipality.get_absolute_url()).content.decode()
    assert 'data-district="05562"' in html
    assert 'data-states-url="/static/portal/geo/states.geojson"' in html
    assert 'data-districts-url="/static/portal/geo/districts.geojson"' in html
    assert "Kartengrundlage: Regionalatlas Deutschland" in html


def test_detail_hides_unpublished_profile_from_the_public_but_not_from_editors(
    anonymous_client, user_client, editor_client
):
    profile = DigitalProfileFactory(
        status=PublicationStatus.REVIEW,
        organisational_unit_name="Geheime Stabsstelle",
        has_organisational_unit=True,
    )
    url = profile.municipality.get_absolute_url()
    for client in (anonymous_client, user_client):
        html = client.get(url).content.decode()
        assert "Geheime Stabsstelle" not in html
        assert "noch kein veröffentlichtes Digitalprofil" in html
    assert "Geheime Stabsstelle" in editor_client.get(url).content.decode()


def test_detail_of_unknown_ags_is_404(anonymous_client):
    assert anonymous_client.get("/kommunen/99999999/").status_code == 404


def test_detail_renders_related_sections_of_other_apps(anonymous_client, monkeypatch):
    municipality = MunicipalityFactory()
    seen = {}

    def fake_related(obj, *, user):
        seen["obj"], seen["user"] = obj, user
        return [
            RelatedSection(
                key="projects",
                title="Praxisbeispiele",
                items=[RelatedItem(title="Open Innovation Lab", url="/praxisbeispiele/lab/")],
            )
        ]

    monkeypatch.setattr("cities.views.related_sections", fake_related)
    html = anonymous_client.get(municipality.get_absolute_url()).content.decode()
    assert seen["obj"] == municipality and not seen["user"].is_authenticated
    assert 'href="/praxisbeispiele/lab/"' in html and "Open Innovation Lab" in html


COMPARE_URL = reverse("cities:municipality_compare")


def test_compare_puts_two_to_four_municipalities_side_by_side(anonymous_client):
    first = DigitalProfileFactory(strategy_status=StrategyStatus.ADOPTED).municipality
    second = MunicipalityFactory(district=DistrictFactory(key="08421"))
    response = anonymous_client.get(COMPARE_URL, {"ags": [first.ags, second.ags]})
    html = response.content.decode()
    assert response.status_code == 200
    assert [c["municipality"] for c in response.context["columns"]] == [first, second]
    assert "<caption>Vergleich der Kommunen</caption>" in html
    assert html.count('<th scope="col">') == 2
    assert "Strategie beschlossen" in html and "kein Digitalprofil" in html


def test_compare_accepts_keys_in_one_field(anonymous_client):
    first, second, third = MunicipalityFactory.create_batch(3)
    response = anonymous_client.get(COMPARE_URL, {"ags": f"{first.ags} {second.ags},{third.ags}"})
    assert len(response.context["columns"]) == 3


def test_compare_needs_at_least_two(anonymous_client):
    municipality = MunicipalityFactory()
    response = anonymous_client.get(COMPARE_URL, {"ags": [municipality.ags, municipality.ags]})
    assert response.context["columns"] == []
    assert "mindestens 2 Kommunen" in response.content.decode()


def test_compare_refuses_more_than_four(anonymous_client):
    keys = [m.ags for m in MunicipalityFactory.create_batch(5)]
    response = anonymous_client.get(COMPARE_URL, {"ags": keys})
    assert response.context["columns"] == []
    assert "höchstens 4 Kommunen" in response.content.decode()


def test_compare_names_unknown_keys(anonymous_client):
    municipality = MunicipalityFactory()
    response = anonymous_client.get(COMPARE_URL, {"ags": [municipality.ags, "09999999"]})
    assert response.context["columns"] == []
    assert "Unbekannter Gemeindeschlüssel (AGS): 09999999." in response.content.decode()


def test_compare_without_keys_explains_what_to_do(anonymous_client):
    response = anonymous_client.get(COMPARE_URL)
    assert response.status_code == 200
    assert "Geben Sie die Gemeindeschlüssel" in response.content.decode()


def test_compare_hides_unpublished_profiles(anonymous_client):
    hidden = DigitalProfileFactory(
        status=PublicationStatus.DRAFT, strategy_status=StrategyStatus.ADOPTED
    ).municipality
    other = MunicipalityFactory()
    html = anonymous_client.get(COMPARE_URL, {"ags": [hidden.ags, other.ags]}).content.decode()
    assert "Strategie beschlossen" not in html


def test_compare_runs_a_fixed_number_of_queries(anonymous_client, django_assert_num_queries):
    keys = [p.municipality.ags for p in DigitalProfileFactory.create_batch(4)]
    # Municipalities with state and district, their visible profiles, and the two theme
    # relations of those profiles.
    with django_assert_num_queries(4):
        anonymous_client.get(COMPARE_URL, {"ags": keys})


def test_atlas_page_shows_charts_with_data_tables_from_published_profiles(anonymous_client):
    DigitalProfileFactory(
        strategy_status=StrategyStatus.ADOPTED, focus_themes=[theme("verwaltung")]
    )
    DigitalProfileFactory(strategy_status=StrategyStatus.IN_DEVELOPMENT)
    DigitalProfileFactory(status=PublicationStatus.DRAFT, strategy_status=StrategyStatus.NONE)
    response = anonymous_client.get(reverse("cities:atlas"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<table") == 6
    assert '<th scope="row">Strategie beschlossen</th><td class="cities-number">1</td>' in html
    assert '<th scope="row">Keine Strategie</th><td class="cities-number">0</td>' in html
    verwaltung = '<th scope="row">Verwaltung</th><td class="cities-number">1</td>'
    assert verwaltung + '<td class="cities-number">50 %</td>' in html
    assert "cities-bar--50" in html
    assert "style=" not in html


def atlas_coverage(html: str) -> dict:
    block = re.search(
        r'<script id="district-coverage" type="application/json">(.*?)</script>', html
    )
    return json.loads(block.group(1))


def test_atlas_page_maps_the_share_of_published_profiles_per_district(
    anonymous_client, editor_client
):
    district = DistrictFactory(key="05513", name="Gelsenkirchen")
    DigitalProfileFactory(municipality=MunicipalityFactory(district=district))
    MunicipalityFactory.create_batch(2, district=district)
    DigitalProfileFactory(
        municipality=MunicipalityFactory(district=DistrictFactory(key="05911", name="Bochum")),
        status=PublicationStatus.DRAFT,
    )
    for client in (anonymous_client, editor_client):
        html = client.get(reverse("cities:atlas")).content.decode()
        # The map: the shipped outlines, coloured from the figures in the JSON data block.
        assert 'data-choropleth="district-coverage"' in html
        assert atlas_coverage(html) == {
            "05513": {
                "band": 3,
                "text": "Gelsenkirchen: 1 von 3 Kommunen mit Digitalprofil (33,3 %)",
            },
            # A draft is no profile, for editors too: the Atlas counts published ones.
            "05911": {"band": 0, "text": "Bochum: 0 von 1 Kommune mit Digitalprofil (0 %)"},
        }
        # The legend says in words what each colour means, and the table has every figure.
        assert "portal-map__band--4" in html and "50 % und mehr" in html
        assert "Kartengrundlage: Regionalatlas Deutschland" in html
        assert (
            '<tr><th scope="row">Gelsenkirchen</th><td>05513</td><td class="cities-number">3</td>'
            '<td class="cities-number">1</td><td class="cities-number">33,3 %</td></tr>'
        ) in html


def test_atlas_district_names_stay_data_in_the_map_s_json_block(anonymous_client):
    name = "</script><script>alert(1)</script>"
    district = DistrictFactory(key="05513", name=name)
    DigitalProfileFactory(municipality=MunicipalityFactory(district=district))
    html = anonymous_client.get(reverse("cities:atlas")).content.decode()
    assert audit(html).problems == []
    assert atlas_coverage(html)["05513"]["text"].startswith(name + ": 1 von 1")


def test_atlas_page_runs_the_same_queries_for_1_and_20_districts(anonymous_client):
    counts = []
    for first, rows in ((0, 1), (1, 20)):
        for number in range(first, rows):
            district = DistrictFactory(key=f"05{number + 100:03d}")
            DigitalProfileFactory(municipality=MunicipalityFactory(district=district))
        with CaptureQueriesContext(connection) as queries:
            response = anonymous_client.get(reverse("cities:atlas"))
        assert len(response.context["coverage"]) == rows
        counts.append(len(queries))
    # The statistics' five (status, themes, states, size classes, the 16 states), the
    # districts' coverage, the network's relations per kind (none, so nothing more) and the
    # Digital-Check's current version and scores (none, so no states' names).
    assert counts == [9, 9]


def test_atlas_page_without_profiles_says_so(anonymous_client):
    html = anonymous_client.get(reverse("cities:atlas")).content.decode()
    assert "noch kein Digitalprofil veröffentlicht" in html


def test_main_navigation_shows_the_municipalities(anonymous_client):
    html = anonymous_client.get("/").content.decode()
    assert f'href="{LIST_URL}"' in html


def test_detail_page_runs_a_fixed_number_of_queries(anonymous_client):
    themes = [
        theme(slug)
        for slug in (
            "verwaltung",
            "mobilitaet",
            "energie-umwelt",
            "gesundheit",
            "bildung",
            "handel",
            "gesellschaft",
            "sicherheit",
        )
    ]
    counts = []
    for theme_count in (1, 8):
        profile = DigitalProfileFactory(
            focus_themes=themes[:theme_count], lighthouse_themes=themes[:theme_count]
        )
        with CaptureQueriesContext(connection) as queries:
            response = anonymous_client.get(profile.municipality.get_absolute_url())
        assert response.status_code == 200
        counts.append(len(queries))
    # Municipality with state and district, its visible profile and its two theme lists (4),
    # plus the fixed queries of the other apps' related sections (events, circles, funding).
    assert counts[0] == counts[1] <= 10


def test_detail_without_coordinates_has_no_map(anonymous_client):
    municipality = MunicipalityFactory(latitude=None, longitude=None)
    html = anonymous_client.get(municipality.get_absolute_url()).content.decode()
    assert "data-portal-map" not in html and "leaflet.js" not in html


@pytest.mark.parametrize("path", ["/kommunen/", "/praxisbeispiele/"])
def test_the_map_asks_the_api_only_for_the_filters_that_have_a_value(anonymous_client, path):
    """A filter form sends every field, empty ones too; the API refuses a parameter without
    a value, so the map's address leaves them out (and the page number)."""
    query = {"q": "", "state": "08", "kind": "", "page": "1"}
    url = anonymous_client.get(path, query).context["geojson_url"]
    assert url.endswith("geojson/?state=08")
    assert anonymous_client.get(url).status_code == 200
