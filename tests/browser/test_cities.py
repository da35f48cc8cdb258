"""The municipality pages in a real browser: list with map and filters, and axe on every
page of the register."""

from collections import Counter

import pytest
from django.urls import reverse

from cities.choices import StrategyStatus
from portal.choices import PublicationStatus
from tests.browser.conftest import assert_accessible, foreign_requests
from tests.cities.factories import DigitalProfileFactory, DistrictFactory, MunicipalityFactory

ADOPTED_COLOUR = "#0a4a80"  # first legend entry: strategy adopted
NO_PROFILE_COLOUR = "#6b7785"  # fifth legend entry: no profile, a neutral grey


@pytest.fixture
def register(page):
    gelsenkirchen = MunicipalityFactory(
        name="Gelsenkirchen",
        district=DistrictFactory(key="05513"),
        ags="05513000",
        ars="055130000000",
        kind="kreisfreie_stadt",
        population=260_654,
        latitude=51.5177,
        longitude=7.0857,
    )
    ulm = MunicipalityFactory(
        name="Ulm",
        district=DistrictFactory(key="08421"),
        ags="08421000",
        ars="084210000000",
        kind="kreisfreie_stadt",
        population=126_329,
        latitude=48.4011,
        longitude=9.9876,
    )
    bochum = MunicipalityFactory(
        name="Bochum",
        district=DistrictFactory(key="05911"),
        ags="05911000",
        ars="059110000000",
        latitude=51.4818,
        longitude=7.2162,
    )
    DigitalProfileFactory(
        municipality=gelsenkirchen,
        strategy_status=StrategyStatus.ADOPTED,
        strategy_adopted_on="2020-06-25",
        has_organisational_unit=True,
        organisational_unit_name="Stabsstelle Vernetzte Stadt",
        has_partner_network=True,
        partners="GELSEN-NET",
        awards_and_networks="Digital Cities Challenge",
    )
    DigitalProfileFactory(
        municipality=bochum, status=PublicationStatus.DRAFT, strategy_status=StrategyStatus.ADOPTED
    )
    return {"gelsenkirchen": gelsenkirchen, "ulm": ulm, "bochum": bochum}


def wait_for_markers(page, count):
    page.locator("[data-map-status]").filter(has_text=f"Orte auf der Karte: {count}").wait_for()
    return page.locator("path.leaflet-interactive")


def marker_fills(page):
    return sorted(
        page.locator("path.leaflet-interactive").evaluate_all(
            "paths => paths.map(p => p.getAttribute('fill'))"
        )
    )


def test_list_map_shows_the_filtered_set_coloured_by_visible_status(page, register, live_server):
    page.goto(reverse("cities:municipality_list"))
    assert wait_for_markers(page, 3).count() == 3
    # Gelsenkirchen's published profile is adopted; Bochum's draft must look like no profile.
    assert marker_fills(page) == sorted([ADOPTED_COLOUR, NO_PROFILE_COLOUR, NO_PROFILE_COLOUR])
    assert page.locator("tbody tr").count() == 3

    page.get_by_label("Land").select_option("08")
    page.get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url("**/kommunen/?*state=08*")
    assert wait_for_markers(page, 1).count() == 1
    assert page.locator("tbody tr").count() == 1
    assert page.locator("tbody th").inner_text() == "Ulm"

    page.get_by_label("Digitalstrategie").select_option("adopted")
    page.get_by_label("Land").select_option("")
    page.get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url("**strategy_status=adopted*")
    assert wait_for_markers(page, 1).count() == 1
    assert marker_fills(page) == [ADOPTED_COLOUR]
    assert foreign_requests(page, live_server) == []


def test_list_page_is_accessible(page, register):
    page.goto(reverse("cities:municipality_list"))
    wait_for_markers(page, 3)
    assert page.locator("h1").inner_text() == "Kommunen"
    assert_accessible(page)


def test_detail_map_without_consent_shows_the_municipality_within_its_district(
    page, register, live_server
):
    page.goto(register["gelsenkirchen"].get_absolute_url())
    page.locator("path.portal-map__place").wait_for()
    assert page.locator("path.portal-map__place").count() == 1
    assert page.locator("path.portal-map__state").count() == 16
    assert page.locator("path.portal-map__district").count() == 400
    page.wait_for_load_state("networkidle")
    assert foreign_requests(page, live_server) == []
    assert_accessible(page)


def test_detail_page_is_accessible(page, register):
    page.goto(register["gelsenkirchen"].get_absolute_url())
    assert page.locator("h1").inner_text() == "Gelsenkirchen"
    page.locator(".leaflet-interactive").first.wait_for()
    assert page.get_by_text("Stabsstelle Vernetzte Stadt").count() == 1
    assert_accessible(page)


def test_comparison_page_is_accessible(page, register):
    page.goto(reverse("cities:municipality_compare") + "?ags=05513000&ags=08421000&ags=05911000")
    assert page.locator("table.cities-compare th[scope=col]").count() == 3
    assert_accessible(page)
    page.goto(reverse("cities:municipality_compare") + "?ags=05513000")
    assert page.get_by_role("alert").count() == 1
    assert_accessible(page)


def test_atlas_page_is_accessible(page, register):
    page.goto(reverse("cities:atlas"))
    assert page.locator("h1").inner_text() == "Atlas der Digitalprofile"
    assert page.locator("section.cities-chart table").count() == 6
    assert_accessible(page)


def test_atlas_district_map_colours_each_district_by_its_share_of_published_profiles(
    page, register, live_server
):
    page.goto(reverse("cities:atlas"))
    districts = page.locator("path.portal-map__district")
    districts.first.wait_for()
    fills = districts.evaluate_all("paths => paths.map(p => p.getAttribute('fill'))")
    # Gelsenkirchen's published profile: 1 of 1 (the darkest band). Ulm has none, and
    # Bochum's draft counts as none. The other 397 districts have no municipality here.
    assert Counter(fills) == {"#08306b": 1, "#f7fbff": 2, "#d4d8dd": 397}
    darkest = page.locator('path.portal-map__district[fill="#08306b"]')
    darkest.hover(force=True)
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    district = register["gelsenkirchen"].district.name
    assert tooltip.inner_text() == f"{district}: 1 von 1 Kommune mit Digitalprofil (100 %)"
    # The legend says what each colour means; the table holds the same figures.
    legend = page.locator(".portal-map__legend li")
    assert legend.all_inner_texts()[-1] == "50 % und mehr"
    page.get_by_text("Tabelle: Digitalprofile in 3 Kreisen").click()
    table = page.get_by_role("table", name="Daten: Digitalprofile nach Kreisen")
    assert table.get_by_role("row").count() == 4
    page.wait_for_load_state("networkidle")
    assert foreign_requests(page, live_server) == []
    assert_accessible(page)


def test_admin_coordinate_picker_fills_both_fields_without_other_hosts(
    page, register, live_server, django_user_model
):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from portal.roles import EDITOR_GROUP, sync_editor_permissions

    Group.objects.get_or_create(name=EDITOR_GROUP)
    sync_editor_permissions()
    editor = django_user_model.objects.create_user(
        username="redaktion",
        email="redaktion@example.org",
        password="ein-langes-passwort-123",
        is_staff=True,
    )
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    # The admin's login sends to the portal's sign-in (by e-mail address) and back.
    page.goto("/admin/login/")
    page.get_by_label("E-Mail").fill("redaktion@example.org")
    page.get_by_label("Passwort").fill("ein-langes-passwort-123")
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_url("**/admin/")
    ulm = register["ulm"]
    page.goto(reverse("admin:cities_municipality_change", args=[ulm.pk]))
    canvas = page.locator(".coordinate-picker__map")
    marker = canvas.locator(".leaflet-marker-icon")
    marker.wait_for()
    box = canvas.bounding_box()
    canvas.click(position={"x": box["width"] / 3, "y": box["height"] / 3})
    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    assert (latitude, longitude) != (48.4011, 9.9876)
    assert 47 < latitude < 56 and 5 < longitude < 16
    page.locator("#id_latitude").fill("51.5")
    page.locator("#id_longitude").fill("7.1")
    page.wait_for_load_state("networkidle")
    assert foreign_requests(page, live_server) == []
