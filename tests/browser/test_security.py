"""The Content-Security-Policy in a real browser: no page of the portal, the admin or the API
docs trips it, and the admin login stays accessible."""

import re
import time

import pytest
from django.urls import reverse

from portal.models import Theme
from tests.browser.conftest import assert_accessible

# Every violation the page reports, collected before any of the page's own scripts run.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + event.sourceFile + ":" + event.lineNumber
  );
});
"""
PASSWORD = "ein-langes-passwort-123"


@pytest.fixture
def watched_page(page):
    """The page fixture, recording CSP violations and console errors."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_problems = []
    page.on(
        "console",
        lambda message: (
            page.console_problems.append(message.text)
            if message.type in {"error", "warning"}
            else None
        ),
    )
    return page


def assert_no_policy_violation(page):
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__cspViolations")
    console = [text for text in page.console_problems if "Content Security Policy" in text]
    assert violations == [], f"CSP violations on {page.url}: {violations}"
    assert console == [], f"CSP messages on {page.url}: {console}"


@pytest.mark.parametrize(
    "path",
    [
        reverse("portal:home"),
        reverse("portal:search") + "?q=Glasfaser",
        reverse("portal:imprint"),
        reverse("portal:privacy"),
        reverse("portal:accessibility"),
        reverse("portal:api_partners"),
        reverse("api:docs"),
        "/gibt-es-nicht/",
    ],
)
def test_public_pages_cause_no_policy_violation(watched_page, path):
    response = watched_page.goto(path)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert_no_policy_violation(watched_page)


def test_api_console_renders_without_policy_violation(watched_page):
    watched_page.goto(reverse("api:docs_console"))
    # Swagger UI builds the page from the schema with scripts and styles of its own.
    watched_page.locator(".swagger-ui .info .title").wait_for()
    watched_page.locator(".opblock").first.wait_for()
    assert_no_policy_violation(watched_page)


def test_the_apis_html_page_causes_no_policy_violation(watched_page):
    watched_page.goto(reverse("api:theme-list"))
    watched_page.locator(".api-page-body").wait_for()
    assert_no_policy_violation(watched_page)


def test_admin_login_is_accessible_and_causes_no_policy_violation(watched_page):
    watched_page.goto(reverse("admin:login"))
    assert_no_policy_violation(watched_page)
    assert_accessible(watched_page)


def test_admin_pages_work_without_policy_violation(watched_page, django_user_model):
    from allauth.account.models import EmailAddress

    chefin = django_user_model.objects.create_superuser("chefin", "chefin@example.org", PASSWORD)
    EmailAddress.objects.create(user=chefin, email=chefin.email, verified=True, primary=True)
    # The admin's login sends to the portal's sign-in (by e-mail address) and back.
    watched_page.goto(reverse("admin:login"))
    watched_page.get_by_label("E-Mail").fill("chefin@example.org")
    watched_page.get_by_label("Passwort").fill(PASSWORD)
    watched_page.get_by_role("button", name="Anmeldung").click()
    watched_page.get_by_role("heading", name="Inhalte pflegen").wait_for()
    assert_no_policy_violation(watched_page)

    # A change list with actions and filters, and a change form with its widgets.
    watched_page.goto(reverse("admin:auth_user_changelist"))
    watched_page.locator("#result_list").wait_for()
    watched_page.locator("#action-toggle").check()
    assert watched_page.locator(".action-counter").inner_text().startswith("1 von 1")
    assert_no_policy_violation(watched_page)
    watched_page.goto(reverse("admin:portal_apitoken_add"))
    watched_page.locator("#id_expires_at_0").wait_for()
    # DateTimeShortcuts adds its calendar link through the admin's static JavaScript.
    watched_page.locator(".datetimeshortcuts").first.wait_for()
    assert_no_policy_violation(watched_page)

    # The editorial history of an object, with its paginator, which has no top border.
    theme = Theme.objects.first()
    theme.save()
    watched_page.goto(reverse("admin:portal_theme_history", args=[theme.pk]))
    paginator = watched_page.locator("#content-main .paginator")
    paginator.wait_for()
    assert_no_policy_violation(watched_page)
    border = paginator.evaluate("element => getComputedStyle(element).borderTopStyle")
    assert border == "none"


@pytest.mark.urls("tests.browser.map_urls")
def test_map_with_tiles_causes_no_policy_violation(watched_page, settings):
    settings.MAP_TILE_URL = "https://tiles.example.invalid/{z}/{x}/{y}.png"
    watched_page.route("https://tiles.example.invalid/**", lambda route: route.fulfill(status=204))
    watched_page.goto("/karten-test/")
    watched_page.locator("[data-map-status]").filter(has_text="Orte auf der Karte: 2").wait_for()
    watched_page.get_by_role("button", name="Kartenhintergrund laden").click()
    watched_page.wait_for_load_state("networkidle")
    assert any("tiles.example.invalid" in url for url in watched_page.requested_urls)
    # Leaflet positions tiles and markers through element styles (allowed by the policy).
    assert watched_page.locator("path.leaflet-interactive").count() == 2
    assert_no_policy_violation(watched_page)


def totp_code(secret: str) -> str:
    """The app's code for now, taken early enough in its 30-second window to
    reach the server inside it (allauth accepts no neighbouring window)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = 30 - time.time() % 30
    if left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_editor_sets_up_two_factor_login_on_an_accessible_page(
    watched_page, django_user_model, settings
):
    from allauth.account.models import EmailAddress

    # Created here: earlier browser tests flush the editors' group that migrations create.
    editor = django_user_model.objects.create_user(
        "redaktion", "redaktion@example.org", PASSWORD, is_staff=True
    )
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    settings.EDITOR_2FA_REQUIRED = True
    # The admin's login sends to the portal's sign-in, which comes back to the admin.
    watched_page.goto(reverse("admin:login"))
    watched_page.wait_for_url(re.compile(r"/konto/anmelden/\?next="))
    watched_page.get_by_label("E-Mail").fill("redaktion@example.org")
    watched_page.get_by_label("Passwort").fill(PASSWORD)
    watched_page.get_by_role("button", name="Anmeldung").click()
    # Without an app the editor is sent to its activation, after giving the password again.
    watched_page.wait_for_url(re.compile(r"/konto/erneut-anmelden/"))
    assert_accessible(watched_page)
    watched_page.get_by_label("Passwort").fill(PASSWORD)
    watched_page.get_by_role("button", name="Bestätigen").click()
    watched_page.get_by_role("heading", name="Authenticator-App aktivieren").wait_for()
    assert_no_policy_violation(watched_page)
    assert_accessible(watched_page)

    secret = watched_page.locator("#authenticator_secret").input_value()
    watched_page.get_by_label("Authentifizierungscode").fill(totp_code(secret))
    watched_page.get_by_role("button", name="Aktivieren").click()
    watched_page.wait_for_url(re.compile(r"/konto/zwei-faktor/wiederherstellungscodes/$"))
    assert_no_policy_violation(watched_page)
    assert_accessible(watched_page)
    watched_page.goto(reverse("admin:index"))
    watched_page.get_by_role("heading", name="Inhalte pflegen").wait_for()


def test_editor_with_an_app_gives_its_code_on_an_accessible_page(
    watched_page, django_user_model, settings
):
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    editor = django_user_model.objects.create_user(
        "redaktion", "redaktion@example.org", PASSWORD, is_staff=True
    )
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    settings.EDITOR_2FA_REQUIRED = True
    watched_page.goto(reverse("admin:index"))
    watched_page.get_by_label("E-Mail").fill("redaktion@example.org")
    watched_page.get_by_label("Passwort").fill(PASSWORD)
    watched_page.get_by_role("button", name="Anmeldung").click()
    watched_page.wait_for_url(re.compile(r"/konto/zwei-faktor/anmelden/"))
    assert_accessible(watched_page)
    current = totp_code(secret)
    watched_page.get_by_label("Code").fill(f"{(int(current) + 1) % 1_000_000:06d}")
    watched_page.get_by_role("button", name="Anmeldung").click()
    watched_page.locator(".form-errors, .errorlist").first.wait_for()
    assert_accessible(watched_page)
    watched_page.get_by_label("Code").fill(totp_code(secret))
    watched_page.get_by_role("button", name="Anmeldung").click()
    watched_page.get_by_role("heading", name="Inhalte pflegen").wait_for()
    assert_no_policy_violation(watched_page)


ANONYMOUS_COOKIES = {"sessionid", "csrftoken", "django_language", "map_consent"}


def test_anonymous_visit_sets_only_necessary_cookies_and_contacts_no_other_host(page, live_server):
    from tests.browser.conftest import foreign_requests

    for path in (
        reverse("portal:home"),
        reverse("portal:search") + "?q=Glasfaser",
        reverse("portal:privacy"),
        reverse("portal:api_partners"),
        reverse("api:docs"),
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert page.context.cookies() == []
    # The API console (for "Try it out") and the admin login form need the CSRF cookie.
    for path in (reverse("api:docs_console"), reverse("admin:login")):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    names = {cookie["name"] for cookie in page.context.cookies()}
    assert names == {"csrftoken"}
    assert names <= ANONYMOUS_COOKIES
    assert foreign_requests(page, live_server) == []
