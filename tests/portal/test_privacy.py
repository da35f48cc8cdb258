"""Anonymous visitors get no cookies but the technically necessary ones (session, CSRF) and
the choices they make themselves (language, map consent, which the browser sets)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ALLOWED = {"sessionid", "csrftoken", "django_language", "map_consent"}

PAGES = [
    reverse("portal:home"),
    reverse("portal:search") + "?q=Glasfaser",
    reverse("portal:imprint"),
    reverse("portal:privacy"),
    reverse("portal:accessibility"),
    reverse("portal:api_partners"),
    "/gibt-es-nicht/",
    reverse("sitemap"),
    reverse("robots_txt"),
    reverse("api:docs"),
    reverse("api:docs_console"),
    reverse("api:theme-list"),
    reverse("admin:login"),
]


def test_public_pages_set_no_cookie_at_all():
    client = Client()
    for path in PAGES[:-1]:
        response = client.get(path)
        assert response.status_code in {200, 404}, path
        assert response.cookies == {}, f"{path} set {sorted(response.cookies)}"


def test_sign_in_and_a_failed_sign_in_set_only_the_csrf_cookie():
    client = Client(enforce_csrf_checks=True)
    # The admin's login sends to the portal's sign-in (for editors too).
    assert client.get(reverse("admin:login")).url.startswith(reverse("account_login"))
    client.get(reverse("account_login"))
    client.post(
        reverse("account_login"),
        {
            "login": "niemand@example.org",
            "password": "falsches-passwort",
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert set(client.cookies) == {"csrftoken"}
    assert client.cookies["csrftoken"]["httponly"]


def test_language_choice_sets_only_the_language_cookie():
    response = Client().get(reverse("portal:switch_language", args=["en"]))
    assert set(response.cookies) == {"django_language"}
    assert set(response.cookies) <= ALLOWED


def test_privacy_page_lists_the_login_throttle_data():
    html = Client().get(reverse("portal:privacy")).content.decode()
    assert "Fehlgeschlagene Anmeldeversuche" in html
    for cookie in ALLOWED:
        assert f"<code>{cookie}</code>" in html


def test_privacy_page_lists_the_change_history():
    html = Client().get(reverse("portal:privacy")).content.decode()
    assert "Änderungsverlauf der Inhalte" in html
    assert "API-Partners" in html
