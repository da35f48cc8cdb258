"""The shared map component: the portal's own base of state and district outlines, markers
from GeoJSON (as many as the register has), and no tile server before consent."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, foreign_requests
from tests.browser.map_urls import REGISTER_SIZE

TILE_HOST = "https://tiles.example.invalid"


@pytest.fixture
def map_page(page, settings):
    settings.MAP_TILE_URL = TILE_HOST + "/{z}/{x}/{y}.png"
    # Answer tile requests locally; the request is still recorded by the page fixture.
    page.route(TILE_HOST + "/**", lambda route: route.fulfill(status=204))
    page.goto("/karten-test/")
    page.locator("[data-map-status]").filter(has_text="Orte auf der Karte: 2").wait_for()
    return page


@pytest.mark.urls("tests.browser.map_urls")
def test_map_shows_markers_without_contacting_a_tile_server(map_page, live_server):
    map_page.wait_for_load_state("networkidle")
    assert map_page.locator("path.leaflet-interactive").count() == 2
    assert foreign_requests(map_page, live_server) == []
    assert_accessible(map_page)


@pytest.mark.urls("tests.browser.map_urls")
def test_marker_colours_follow_the_legend_and_names_are_escaped(map_page):
    fills = map_page.locator("path.leaflet-interactive").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill'))"
    )
    # Drawn in reverse legend order: the first category lies on top.
    assert fills == ["#1d6b2f", "#0a4a80"]
    map_page.locator('path.leaflet-interactive[fill="#1d6b2f"]').dispatch_event("click")
    popup = map_page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "<b>Ulm</b>" in popup.inner_text()


@pytest.mark.urls("tests.browser.map_urls")
def test_tiles_load_only_after_consent_and_stop_after_withdrawal(map_page, live_server):
    button = map_page.get_by_role("button", name="Kartenhintergrund laden")
    button.press("Enter")
    map_page.wait_for_load_state("networkidle")
    tiles = foreign_requests(map_page, live_server)
    assert tiles and all(url.startswith(TILE_HOST) for url in tiles)
    assert {c["name"]: c["value"] for c in map_page.context.cookies()}["map_consent"] == "1"
    # The tiles show through: the states' own fill gives way, their borders stay.
    states = map_page.locator("path.portal-map__state")
    assert set(states.evaluate_all("paths => paths.map(p => p.getAttribute('fill-opacity'))")) == {
        "0"
    }

    map_page.reload()
    map_page.wait_for_load_state("networkidle")
    withdraw = map_page.get_by_role("button", name="Kartenhintergrund nicht mehr laden")
    assert withdraw.get_attribute("aria-pressed") == "true"
    withdraw.click()
    assert "map_consent" not in {c["name"] for c in map_page.context.cookies()}
    assert map_page.locator(".leaflet-tile").count() == 0


@pytest.mark.urls("tests.browser.map_urls")
def test_map_without_consent_draws_states_and_districts_behind_the_markers(map_page, live_server):
    # The 16 states (areas, and their borders above the districts) load with every map.
    assert map_page.locator("path.portal-map__state").count() == 16
    assert map_page.locator("path.portal-map__border").count() == 16
    fills = map_page.locator("path.portal-map__state").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill-opacity'))"
    )
    assert set(fills) == {"1"}
    # A list map zoomed out shows no district lines; zoomed in, it fetches and draws them.
    assert map_page.locator("path.portal-map__district").count() == 0
    for _ in range(3):
        map_page.get_by_role("button", name="Hineinzoomen").click()
        # Leaflet ignores a zoom while the last one is still animating.
        map_page.wait_for_timeout(400)
    map_page.locator("path.portal-map__district").first.wait_for(state="attached")
    assert map_page.locator("path.portal-map__district").count() == 400
    assert foreign_requests(map_page, live_server) == []


@pytest.mark.urls("tests.browser.map_urls")
def test_place_map_without_consent_outlines_the_district_of_the_place(page, live_server):
    page.goto("/karten-test/ort/")
    place = page.locator("path.portal-map__place")
    place.wait_for()
    assert place.count() == 1
    assert place.get_attribute("stroke") == "#8a4500"
    assert page.locator("path.portal-map__district").count() == 400
    assert page.locator("path.portal-map__state").count() == 16
    # The marker lies inside the outlined district, and the map is zoomed to it.
    marker = page.locator(".leaflet-overlay-pane path.leaflet-interactive").bounding_box()
    outline = place.bounding_box()
    centre = (marker["x"] + marker["width"] / 2, marker["y"] + marker["height"] / 2)
    assert outline["x"] < centre[0] < outline["x"] + outline["width"]
    assert outline["y"] < centre[1] < outline["y"] + outline["height"]
    assert outline["height"] > 100
    assert page.get_by_text("Kartengrundlage: Regionalatlas Deutschland").count() == 1
    page.wait_for_load_state("networkidle")
    assert foreign_requests(page, live_server) == []
    assert_accessible(page)


@pytest.mark.urls("tests.browser.map_urls")
def test_list_map_draws_the_whole_register_on_one_canvas(page, live_server):
    page.goto("/karten-test/?register=1")
    status = page.locator("[data-map-status]")
    status.filter(has_text=f"Orte auf der Karte: {REGISTER_SIZE}").wait_for(timeout=30_000)
    figure = page.locator("[data-portal-map]")
    assert figure.get_attribute("data-feature-count") == str(REGISTER_SIZE)
    # One canvas instead of 10,751 SVG elements keeps the page responsive.
    assert figure.get_attribute("data-renderer") == "canvas"
    assert page.locator(".leaflet-overlay-pane canvas").count() == 1
    assert page.locator("path.leaflet-interactive").count() == 0
    # Still usable: a click on a point (the grid of points is about 5 px apart) names it.
    box = page.locator(".portal-map__canvas").bounding_box()
    popup = page.locator(".leaflet-popup-content")
    for offset in range(0, 12, 2):
        page.mouse.click(box["x"] + box["width"] / 2 + offset, box["y"] + box["height"] / 2)
        if popup.count():
            break
    assert popup.inner_text().startswith("Gemeinde ")
    assert foreign_requests(page, live_server) == []
    # The popup fades in: while it is translucent, axe measures a blend of its link's
    # colour with the map behind it and reports a contrast the finished popup has not.
    # (Playwright's own assertion: a string for wait_for_function is eval, which the CSP forbids.)
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    assert_accessible(page)
