"""Privacy across every page type: an anonymous visitor's browser talks only to the portal
(until they opt in to map tiles, and then only to the tile server) and keeps no cookies but
the session, the CSRF token and the map consent."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from bestpractices.models import Project
from cities.models import DigitalProfile
from events.models import Event
from tests.browser.conftest import foreign_requests
from tests.pages import every_page_type, published

TILE_HOST = "https://tiles.example.invalid"
ALLOWED_COOKIES = {"sessionid", "csrftoken", "map_consent"}


@pytest.fixture
def demo(page, settings):
    """The demo content, and a tile server that answers locally (requests stay recorded)."""
    call_command("load_demo", stdout=StringIO())
    settings.MAP_TILE_URL = TILE_HOST + "/{z}/{x}/{y}.png"
    page.route(TILE_HOST + "/**", lambda route: route.fulfill(status=204))
    return page


def test_every_page_type_contacts_only_the_portal_and_sets_only_necessary_cookies(
    demo, live_server
):
    page = demo
    for path in every_page_type():
        response = page.goto(path)
        assert response.status in {200, 404}, path
        page.wait_for_load_state("networkidle")
        assert foreign_requests(page, live_server) == [], path
        names = {cookie["name"] for cookie in page.context.cookies()}
        assert names <= ALLOWED_COOKIES, (path, names)
    # Only the pages with a form that posts (proposal, the API console) set the CSRF cookie.
    assert {cookie["name"] for cookie in page.context.cookies()} == {"csrftoken"}


def test_map_pages_contact_the_tile_server_only_after_opting_in(demo, live_server):
    page = demo
    map_pages = [
        reverse("cities:municipality_list"),
        published(DigitalProfile).municipality.get_absolute_url(),
        published(Event).get_absolute_url(),
        published(Project).get_absolute_url(),
    ]
    for path in map_pages:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert foreign_requests(page, live_server) == [], path

    page.get_by_role("button", name="Kartenhintergrund laden").first.click()
    page.wait_for_load_state("networkidle")
    tiles = foreign_requests(page, live_server)
    assert tiles and all(url.startswith(TILE_HOST) for url in tiles)
    assert {cookie["name"] for cookie in page.context.cookies()} <= ALLOWED_COOKIES
    assert "map_consent" in {cookie["name"] for cookie in page.context.cookies()}

    # Opted in, the other map pages load tiles too, still from that host alone.
    for path in map_pages:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert all(url.startswith(TILE_HOST) for url in foreign_requests(page, live_server))
