"""Browser tests: Playwright drives the system's Chromium against pytest-django's live server.

Chromium is looked up in CHROMIUM_PATH, then on PATH. Without it the tests are skipped,
unless REQUIRE_ALL=1 (as in CI), where a missing browser fails the run.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import REQUIRE_ALL

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless this is set. The live server runs in its own thread regardless.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.path.exists(configured) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found (set CHROMIUM_PATH or install the chromium package)"
        if REQUIRE_ALL:
            pytest.fail(message + " and REQUIRE_ALL=1 is set", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def seeded_db(django_db_serialized_rollback, transactional_db):
    """The live server needs committed data, so these tests flush the database after each
    test, which also removes what the migrations seed (states, themes, applicant types, the
    editors' group). Serialized rollback puts it back. Every browser test uses it: mixing
    flushes with and without it breaks the restore of content types."""


@pytest.fixture
def page(browser, live_server, seeded_db):
    """A fresh page (own context, German locale) that records every request it sends."""
    context = browser.new_context(locale="de-DE", base_url=live_server.url)
    tab = context.new_page()
    tab.requested_urls = []
    tab.on("request", lambda request: tab.requested_urls.append(request.url))
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def foreign_requests(page, live_server) -> list[str]:
    """Every URL the page requested from a host other than the portal's."""
    own = urlsplit(live_server.url).netloc
    return [
        url
        for url in page.requested_urls
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).netloc != own
    ]


def assert_accessible(page) -> None:
    """Run axe-core with the WCAG 2.1 A/AA rules and fail with a readable list of violations."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    report = "\n".join(
        f"- {violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:5]}"
        for violation in violations
    )
    assert not violations, f"axe found WCAG 2.1 A/AA violations on {page.url}:\n{report}"
