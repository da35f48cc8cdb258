"""Security headers on every response, and the production values of the cookie settings."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from portal.middleware import origin_of

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.mark.parametrize(
    "path",
    [
        reverse("portal:home"),
        reverse("portal:search") + "?q=Glasfaser",
        reverse("portal:privacy"),
        "/gibt-es-nicht/",
        reverse("admin:login"),
        reverse("api:docs"),
        reverse("api:docs_console"),
        reverse("api:theme-list") + "?format=json",
    ],
)
def test_every_response_has_a_strict_content_security_policy(anonymous_client, path):
    policy = directives(anonymous_client.get(path))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"][:2] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_policy_allows_the_configured_tile_server_for_images_only(anonymous_client, settings):
    settings.MAP_TILE_URL = "https://karten.example.org:8443/tiles/{z}/{x}/{y}.png"
    policy = directives(anonymous_client.get(reverse("portal:home")))
    assert policy["img-src"] == ["'self'", "data:", "https://karten.example.org:8443"]
    assert "https://karten.example.org:8443" not in policy["script-src"] + policy["connect-src"]


@pytest.mark.parametrize(
    ("template", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("/static/tiles/{z}/{x}/{y}.png", None),
        ("", None),
    ],
)
def test_tile_origin_is_derived_from_the_url_template(template, origin):
    assert origin_of(template) == origin


def test_the_apis_html_pages_keep_the_strict_policy(anonymous_client):
    page = anonymous_client.get(reverse("api:theme-list"), HTTP_ACCEPT="text/html")
    assert page["Content-Type"].startswith("text/html")
    for response in (
        page,
        anonymous_client.get(reverse("api:docs")),
        anonymous_client.get(reverse("api:docs_console")),
    ):
        assert directives(response)["style-src"] == ["'self'"]
        assert directives(response)["script-src"] == ["'self'"]


def test_pages_carry_the_other_security_headers(anonymous_client):
    response = anonymous_client.get(reverse("portal:home"))
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_https_responses_carry_hsts_in_production(anonymous_client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = anonymous_client.get(reverse("portal:home"), secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "production-like-" + "x" * 50,
    "ALLOWED_HOSTS": "portal.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://portal.example.org",
    "CACHE_URL": "redis://cache:6379/0",
}


def production_python(code: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "SESSION_", "CSRF_", "EDITOR_", "AXES_"))
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**environment, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cookies_are_secure_and_http_only_in_production():
    result = production_python(
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, "
        "s.LANGUAGE_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"] * 6 + ["31536000"]


def test_deployment_checks_pass_with_production_settings():
    result = production_python(
        "import sys, django; from django.core.management import call_command; django.setup(); "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_deployment_checks_warn_of_a_cache_of_one_process():
    result = production_python(
        "import os; os.environ['CACHE_URL'] = 'locmem://portal'; "
        "import django; from django.core.management import call_command; django.setup(); "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    assert result.returncode != 0
    assert "portal.W001" in result.stdout + result.stderr
