import pytest
from django.urls import reverse

from tests.browser.conftest import assert_accessible, foreign_requests
from tests.browser.test_security import RECORD_VIOLATIONS

PAGES = [
    ("portal:home", "Digitale Städte und Regionen"),
    ("portal:imprint", "Impressum"),
    ("portal:privacy", "Datenschutzerklärung"),
    ("portal:accessibility", "Erklärung zur Barrierefreiheit"),
    ("portal:search", "Suche"),
    ("portal:api_partners", "API für Partner"),
    ("api:docs", "API-Referenz"),
]


@pytest.mark.parametrize(("url_name", "heading"), PAGES)
def test_page_has_no_wcag_violations(page, url_name, heading):
    page.goto(reverse(url_name))
    assert page.locator("h1").inner_text() == heading
    assert page.locator("html").get_attribute("lang") == "de"
    assert_accessible(page)


def test_search_result_page_and_not_found_page_are_accessible(page):
    page.goto(reverse("portal:search") + "?q=Glasfaser")
    assert_accessible(page)
    response = page.goto("/gibt-es-nicht/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Seite nicht gefunden"
    assert_accessible(page)


def test_home_page_requests_nothing_from_other_hosts(page, live_server):
    page.goto(reverse("portal:home"))
    page.wait_for_load_state("networkidle")
    assert page.requested_urls, "the page recorded no requests at all"
    assert any("/static/portal/css/portal.css" in url for url in page.requested_urls)
    assert foreign_requests(page, live_server) == []


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(page):
    page.goto(reverse("portal:home"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_translates_the_interface(page):
    page.goto(reverse("portal:imprint"))
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Legal notice"
    assert page.url.endswith(reverse("portal:imprint"))
    assert_accessible(page)
    page.get_by_role("link", name="Deutsch").click()
    assert page.locator("h1").inner_text() == "Impressum"


def test_api_reference_is_keyboard_navigable_and_loads_no_script(page, live_server):
    page.goto("/api/v1/docs/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.requested_urls if url.endswith(".js")]
    assert foreign_requests(page, live_server) == []
    # The table of contents leads to each operation by an in-page link.
    toc = page.get_by_role("navigation", name="Inhalt")
    toc.get_by_role("link", name="POST /api/v1/projects/").focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#operation-projects_create")
    assert page.locator("#operation-projects_create h3").is_visible()


def test_api_reference_in_english_is_accessible(page):
    page.goto(reverse("api:docs"))
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "API reference"
    assert_accessible(page)


def test_api_console_renders_swagger_ui_from_the_portal_alone(page, live_server):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(reverse("api:docs_console"))
    page.wait_for_selector(".swagger-ui .information-container")
    assert "Digitale Städte und Regionen" in page.locator(".swagger-ui .title").inner_text()
    page.locator(".swagger-ui .opblock").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == []
    assert foreign_requests(page, live_server) == []
