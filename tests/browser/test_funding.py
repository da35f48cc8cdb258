"""The funding pages in a real browser: axe (WCAG 2.1 A/AA) on each of them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from funding.choices import FundingLevel
from portal.models import FederalState
from tests.browser.conftest import assert_accessible, foreign_requests
from tests.cities.factories import MunicipalityFactory
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory
from tests.portal.factories import theme


@pytest.fixture
def catalogue():
    now = timezone.now()
    soon = FundingCallFactory(
        title="Erste Runde",
        deadline=now + timedelta(days=5),
        programme__title="Smarte Dörfer",
        programme__short_name="SD",
        programme__themes=[theme("mobilitaet")],
        programme__summary="Förderung digitaler Dorfprojekte.",
        programme__funded_activities="- Konzepte\n- Pilotprojekte",
        programme__last_verified_on=timezone.localdate() - timedelta(days=300),
    )
    FundingCallFactory(
        title="Laufend",
        deadline=None,
        rolling=True,
        programme__title="Digitale Modellregion",
        programme__level=FundingLevel.STATE,
        programme__states=[FederalState.objects.get(code="05")],
    )
    FundingCallFactory(
        title="Später",
        opens_at=now + timedelta(days=10),
        deadline=now + timedelta(days=90),
    )
    FundingProgrammeFactory(title="Ohne Aufruf")
    return soon.programme


def test_programme_list_is_accessible(page, catalogue, live_server):
    page.goto(reverse("funding:programme_list"))
    assert page.locator("h1").inner_text() == "Förderprogramme"
    assert page.get_by_role("link", name="Smarte Dörfer").is_visible()
    assert_accessible(page)
    assert foreign_requests(page, live_server) == []


def test_filtered_empty_list_is_accessible(page, catalogue):
    page.goto(reverse("funding:programme_list") + "?q=nichts+dergleichen&status=open")
    assert page.get_by_text("Keine Förderprogramme gefunden").is_visible()
    assert_accessible(page)


def test_programme_detail_is_accessible(page, catalogue):
    page.goto(catalogue.get_absolute_url())
    assert page.locator("h1").inner_text() == "Smarte Dörfer"
    assert page.get_by_text("vor mehr als sechs Monaten").is_visible()
    assert_accessible(page)


def test_deadline_list_is_accessible(page, catalogue):
    page.goto(reverse("funding:deadline_list"))
    assert page.locator("h1").inner_text() == "Anstehende Förderfristen"
    assert page.get_by_text("Erste Runde").is_visible()
    assert_accessible(page)


def test_matcher_empty_form_is_accessible(page, catalogue):
    page.goto(reverse("funding:matcher"))
    assert page.locator("h1").inner_text() == "Was passt zu meiner Kommune?"
    assert_accessible(page)


def test_matcher_with_results_is_accessible(page, catalogue):
    municipality = MunicipalityFactory(name="Gelsenkirchen")
    page.goto(reverse("funding:matcher"))
    page.get_by_label("Kommune", exact=True).fill(municipality.ags)
    page.get_by_label("Mobilität").check()
    page.get_by_role("button", name="Passende Programme zeigen").click()
    assert page.get_by_text("Passende Förderprogramme für Gelsenkirchen").is_visible()
    assert page.get_by_text("passt zu Ihrem Handlungsfeld Mobilität").is_visible()
    assert_accessible(page)


def test_matcher_with_a_form_error_is_accessible(page, catalogue):
    MunicipalityFactory(name="Neustadt")
    MunicipalityFactory(name="Neustadt")
    page.goto(reverse("funding:matcher") + "?municipality=Neustadt")
    assert page.get_by_text("mehrere Kommunen namens").is_visible()
    assert_accessible(page)


def test_matcher_suggests_municipalities_while_typing(page, catalogue):
    municipality = MunicipalityFactory(name="Gelsenkirchen")
    page.goto(reverse("funding:matcher"))
    page.get_by_label("Kommune", exact=True).press_sequentially("Gelsen")
    option = page.locator(
        f'#municipality-suggestions option[value="Gelsenkirchen ({municipality.ags})"]'
    )
    option.wait_for(state="attached")
