"""The XSS corpus in a real browser: pages that carry every payload run none of them (no
``window.__xss``, no dialog) and trip no Content-Security-Policy violation."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.bestpractices.factories import ProjectFactory
from tests.browser.test_security import RECORD_VIOLATIONS
from tests.cities.factories import DigitalProfileFactory, MunicipalityFactory
from tests.events.factories import EventFactory, ExpertCircleFactory
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory
from tests.portal.factories import theme
from tests.security.html_safety import load_payloads
from tests.security.test_xss import accepted, text_fields

PAYLOADS = load_payloads()
ALL_PAYLOADS = "\n\n".join(PAYLOADS)


def fill_all(instance, index: int) -> None:
    """Every payload into the long text fields, payload ``index`` into the short ones."""
    values = {}
    for field in text_fields(type(instance)):
        if field.max_length:
            value = PAYLOADS[index % len(PAYLOADS)][: field.max_length]
        else:
            value = ALL_PAYLOADS
        if accepted(field, value, instance):
            values[field.name] = value
    type(instance).objects.filter(pk=instance.pk).update(**values)


@pytest.fixture
def xss_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.console_problems = []
    page.on(
        "console",
        lambda message: (
            page.console_problems.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


@pytest.fixture
def poisoned(xss_page):
    """Five objects of each editorial model, all their free text made of payloads."""
    municipality = MunicipalityFactory(name="Ulm", ags="08421000")
    objects = {"profile": [], "circle": [], "event": [], "programme": [], "project": []}
    for index in range(5):
        place = municipality if index == 0 else MunicipalityFactory()
        profile = DigitalProfileFactory(municipality=place)
        circle = ExpertCircleFactory()
        event = EventFactory(expert_circle=circle, venue_municipality=place)
        programme = FundingProgrammeFactory()
        call = FundingCallFactory(programme=programme)
        project = ProjectFactory(lead_municipality=place, themes=[theme("mobilitaet")])
        for instance in (profile, circle, event, programme, call, project):
            fill_all(instance, index * 7)
        objects["profile"].append(profile)
        objects["circle"].append(circle)
        objects["event"].append(event)
        objects["programme"].append(programme)
        objects["project"].append(project)
    return objects


def assert_nothing_ran(page) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__xss") == "undefined", page.url
    assert page.dialogs == [], f"dialogs on {page.url}: {page.dialogs}"
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], f"CSP violations on {page.url}: {violations}"
    assert page.console_problems == [], page.console_problems


def visit(page, url) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert_nothing_ran(page)


def test_detail_pages_with_every_payload_run_no_script(xss_page, poisoned):
    for kind, instances in poisoned.items():
        instance = instances[0]
        url = instance.municipality.get_absolute_url() if kind == "profile" else None
        visit(xss_page, url or instance.get_absolute_url())
        # Focus and hover every element, so that handlers that need an event would fire.
        xss_page.keyboard.press("Tab")
        xss_page.mouse.move(200, 300)
        assert_nothing_ran(xss_page)


def test_list_and_search_pages_with_every_payload_run_no_script(xss_page, poisoned):
    for name in [
        "portal:home",
        "cities:municipality_list",
        "bestpractices:project_list",
        "events:event_list",
        "events:circle_list",
        "funding:programme_list",
        "funding:deadline_list",
    ]:
        visit(xss_page, reverse(name))
    visit(xss_page, reverse("portal:search") + "?q=Ulm")


@pytest.mark.parametrize(
    "name",
    [
        "portal:search",
        "cities:municipality_list",
        "cities:municipality_compare",
        "bestpractices:project_list",
        "events:event_list",
        "events:event_month_current",
        "events:circle_list",
        "funding:programme_list",
        "funding:deadline_list",
        "funding:matcher",
    ],
)
def test_query_strings_with_every_payload_run_no_script(xss_page, poisoned, name):
    from tests.security.test_xss import _GetFormFields

    visit(xss_page, reverse(name))
    parser = _GetFormFields()
    parser.feed(xss_page.content())
    names = (parser.names | {"q"}) - {"page"}
    # Eight payloads per request, joined into every parameter's value, keep the run short:
    # every parameter carries every payload over the run.
    for start in range(0, len(PAYLOADS), 8):
        value = " ".join(PAYLOADS[start : start + 8])
        visit(xss_page, f"{reverse(name)}?{urlencode(dict.fromkeys(sorted(names), value))}")


def test_search_page_with_each_payload_alone_runs_no_script(xss_page, poisoned):
    for payload in PAYLOADS:
        visit(xss_page, f"{reverse('portal:search')}?{urlencode({'q': payload})}")


def test_header_search_with_typed_payloads_runs_no_script(xss_page, poisoned):
    xss_page.goto(reverse("portal:home"))
    for payload in PAYLOADS[:20]:
        box = xss_page.get_by_role("searchbox").first
        box.fill(payload)
        box.press("Enter")
        xss_page.wait_for_load_state()
        assert_nothing_ran(xss_page)


def test_proposal_form_with_every_payload_runs_no_script(xss_page, poisoned):
    xss_page.goto(reverse("bestpractices:project_proposal"))
    form = xss_page.locator("form", has=xss_page.locator("textarea"))
    for field in form.locator("input[type=text], textarea").all():
        if field.is_visible():
            field.fill(PAYLOADS[3] if field.evaluate("e => e.tagName") == "INPUT" else ALL_PAYLOADS)
    form.locator("[type=submit]").last.click()
    xss_page.wait_for_load_state()
    assert_nothing_ran(xss_page)


def test_the_watch_notices_a_script_that_ran_or_a_dialog(xss_page):
    visit(xss_page, reverse("portal:imprint"))
    xss_page.evaluate("window.__xss = 1")
    with pytest.raises(AssertionError):
        assert_nothing_ran(xss_page)
    xss_page.evaluate("delete window.__xss; setTimeout(() => alert(1), 0)")
    xss_page.wait_for_timeout(200)
    with pytest.raises(AssertionError):
        assert_nothing_ran(xss_page)
