"""axe on the states the apps' own browser tests leave out (filtered lists, empty results,
invalid filters, the map with tiles, the admin login with an error), on the demo content,
and keyboard-only use of search → detail and of the proposal form."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from bestpractices.models import Project
from cities.models import DigitalProfile
from portal.choices import PublicationStatus
from tests.browser.conftest import assert_accessible
from tests.browser.test_members import signed_in_context
from tests.pages import PAGE_STATES, page_state_path, private_page_states

TILE_HOST = "https://tiles.example.invalid"


@pytest.fixture
def demo(page, settings):
    call_command("load_demo", stdout=StringIO())
    settings.MAP_TILE_URL = TILE_HOST + "/{z}/{x}/{y}.png"
    page.route(TILE_HOST + "/**", lambda route: route.fulfill(status=204))
    return page


def test_every_remaining_page_state_has_no_wcag_violation(demo):
    page = demo
    failures = []
    for label, path in PAGE_STATES:
        path = page_state_path(path)
        response = page.goto(path)
        if response.status != 200:
            failures.append(f"{label}: {path} answered {response.status}")
            continue
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(f"{label}: {error}")
    assert not failures, "\n".join(failures)


def test_every_page_behind_a_sign_in_or_a_secret_link_has_no_wcag_violation(
    demo, browser, live_server
):
    failures = []
    for label, path, user in private_page_states():
        if user is None:
            context = browser.new_context(locale="de-DE", base_url=live_server.url)
        else:
            context = signed_in_context(browser, live_server, user)
        page = context.new_page()
        response = page.goto(path)
        if response.status != 200:
            failures.append(f"{label}: {path} answered {response.status}")
        else:
            try:
                assert_accessible(page)
            except AssertionError as error:
                failures.append(f"{label}: {error}")
        context.close()
    assert not failures, "\n".join(failures)


def test_map_page_with_tiles_opted_in_has_no_wcag_violation(demo):
    page = demo
    page.goto(reverse("cities:municipality_list"))
    page.get_by_role("button", name="Kartenhintergrund laden").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".leaflet-tile").count() > 0
    assert_accessible(page)
    project = Project.objects.filter(status=PublicationStatus.PUBLISHED).first()
    page.goto(project.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert_accessible(page)


def test_admin_login_with_wrong_password_is_accessible(page):
    # The admin's login is the portal's sign-in.
    page.goto(reverse("admin:login"))
    page.get_by_label("E-Mail").fill("niemand@example.org")
    page.get_by_label("Passwort").fill("falsches-passwort-123")
    page.get_by_role("button", name="Anmeldung").click()
    page.locator(".form-errors").wait_for()
    assert_accessible(page)


def test_keyboard_only_search_leads_to_a_detail_page(demo):
    page = demo
    profile = DigitalProfile.objects.filter(status=PublicationStatus.PUBLISHED).first()
    target = profile.municipality.get_absolute_url()
    # The home page has its own large search box instead of the header's; start elsewhere.
    page.goto(reverse("events:event_list"))
    # Tab from the top of the page until the header search has the focus.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "header-search-input":
            break
    else:
        pytest.fail("the header search is not reachable with Tab")
    page.keyboard.type(profile.municipality.name)
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/**")
    # Tab through the results page until the focus is on the link to the detail page.
    for _ in range(80):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href')")
        if href == target:
            break
    else:
        pytest.fail(f"no tab stop links to {target}")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    assert page.get_by_role("heading", level=1).inner_text().startswith(profile.municipality.name)


def test_keyboard_only_proposal_is_filled_and_submitted(demo):
    page = demo
    page.goto(reverse("bestpractices:project_proposal"))
    values = {
        "id_title": "Digitale Sprechstunde im Bürgerbüro",
        "id_summary": "Bürgerinnen und Bürger sprechen per Video mit der Verwaltung.",
        "id_lead_municipality": "05513000",
        "id_submitter_name": "Erika Muster",
        "id_submitter_email": "erika@example.org",
    }
    filled = set()
    consent = False
    # Walk the whole form with Tab: type into the fields we know, tick the consent with
    # Space, and stop at the submit button, which Enter presses.
    for _ in range(200):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "({id: document.activeElement.id, type: document.activeElement.type,"
            " tag: document.activeElement.tagName, name: document.activeElement.name})"
        )
        if active["id"] in values and active["id"] not in filled:
            page.keyboard.type(values[active["id"]])
            filled.add(active["id"])
        elif active["name"] == "privacy_consent" and not consent:
            page.keyboard.press("Space")
            consent = True
        elif active["type"] == "submit" and filled == set(values) and consent:
            break
    else:
        pytest.fail(f"submit not reached with filled={filled} consent={consent}")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vorschlagen/danke/")
    proposal = Project.objects.get(title=values["id_title"])
    assert proposal.status == PublicationStatus.REVIEW
    assert proposal.lead_municipality.ags == "05513000"
