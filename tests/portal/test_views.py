import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_german_and_shows_the_four_areas(anonymous_client):
    response = anonymous_client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert html.count("<h1") == 1
    for title in ("Kommunen", "Praxisbeispiele", "Termine", "Förderprogramme"):
        assert title in html
    assert 'action="/suche/"' in html
    assert "Zum Inhalt springen" in html


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("portal:imprint", "Impressum"),
        ("portal:privacy", "Datenschutzerklärung"),
        ("portal:accessibility", "Erklärung zur Barrierefreiheit"),
    ],
)
def test_legal_pages(anonymous_client, url_name, heading):
    response = anonymous_client.get(reverse(url_name))
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_privacy_page_lists_every_cookie(anonymous_client):
    html = anonymous_client.get(reverse("portal:privacy")).content.decode()
    for cookie in ("django_language", "csrftoken", "sessionid", "map_consent"):
        assert cookie in html


def test_search_without_query_explains_what_to_do(anonymous_client):
    response = anonymous_client.get(reverse("portal:search"))
    assert response.status_code == 200
    assert response.context["query"] == ""
    assert "Geben Sie einen Suchbegriff ein" in response.content.decode()


def test_search_query_is_trimmed_and_capped(anonymous_client):
    response = anonymous_client.get(reverse("portal:search"), {"q": "  Open   Data " + "x" * 500})
    assert response.context["query"].startswith("Open Data x")
    assert len(response.context["query"]) == 200


def test_unknown_page_gets_the_german_404_page(anonymous_client):
    response = anonymous_client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_server_error_page_renders_standalone(rf):
    from portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Fehler auf dem Server" in response.content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(anonymous_client):
    response = anonymous_client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_the_static_pages(anonymous_client):
    response = anonymous_client.get("/sitemap.xml")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<loc>http://testserver/</loc>" in body
    assert "<loc>http://testserver/impressum/</loc>" in body


def test_language_switch_sets_cookie_and_returns_to_the_page(anonymous_client):
    response = anonymous_client.get(
        reverse("portal:switch_language", args=["en"]), {"next": "/impressum/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/impressum/"
    assert response.cookies["django_language"].value == "en"
    page = anonymous_client.get("/impressum/")
    assert '<html lang="en">' in page.content.decode()
    assert "<h1>Legal notice</h1>" in page.content.decode()


def test_language_switch_refuses_foreign_redirects_and_unknown_languages(anonymous_client):
    url = reverse("portal:switch_language", args=["en"])
    response = anonymous_client.get(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("portal:home")
    assert anonymous_client.get(reverse("portal:switch_language", args=["xx"])).status_code == 404


def test_browser_language_alone_does_not_switch_to_english(anonymous_client):
    response = anonymous_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="de">' in response.content.decode()


def test_anonymous_visitor_gets_no_cookie_on_public_pages(anonymous_client):
    for url in ("/", "/impressum/", "/datenschutz/", "/suche/?q=test"):
        assert anonymous_client.get(url).cookies == {}, url


@pytest.mark.django_db
def test_partner_api_page_explains_tokens_and_is_linked_from_the_footer(client):
    home = client.get("/")
    assert 'href="/api-fuer-partner/"' in home.content.decode()
    page = client.get("/api-fuer-partner/").content.decode()
    assert "Authorization: Bearer dsr_" in page
    assert "modified_since" in page
    assert 'href="/api/v1/docs/"' in page
