"""The shared map component: markers from GeoJSON, and no tile server before consent."""

import pytest

from tests.browser.conftest import assert_accessible, foreign_requests

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
    assert sorted(fills) == ["#0a4a80", "#1d6b2f"]
    map_page.locator("path.leaflet-interactive").last.dispatch_event("click")
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

    map_page.reload()
    map_page.wait_for_load_state("networkidle")
    withdraw = map_page.get_by_role("button", name="Kartenhintergrund nicht mehr laden")
    assert withdraw.get_attribute("aria-pressed") == "true"
    withdraw.click()
    assert "map_consent" not in {c["name"] for c in map_page.context.cookies()}
    assert map_page.locator(".leaflet-tile").count() == 0
