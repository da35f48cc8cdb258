"""Best practices in a real browser: the proposal flow and axe on every page."""

import pytest

from bestpractices.models import Project
from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.browser.conftest import assert_accessible
from tests.cities.factories import MunicipalityFactory
from tests.portal.factories import theme


@pytest.fixture
def projects(seeded_db):
    municipality = MunicipalityFactory(name="Musterstadt", population=150_000)
    first = ProjectFactory(
        title="Chatbot für das Bürgerbüro",
        slug="chatbot-buergerbuero",
        summary="Ein Chatbot beantwortet Fragen rund um die Uhr.",
        description="## Ablauf\n\nDer **Chatbot** ging 2023 online.",
        lead_municipality=municipality,
        themes=[theme("verwaltung")],
        is_lighthouse=True,
        licence="EUPL-1.2",
        investment_costs="50000",
    )
    ProjectFactory(
        title="Radverkehrszählung",
        summary="Sensoren zählen den Radverkehr.",
        lead_municipality=MunicipalityFactory(population=140_000),
        themes=[theme("mobilitaet"), theme("verwaltung")],
    )
    return first


def test_list_with_facets_is_accessible(page, projects):
    page.goto("/praxisbeispiele/")
    assert page.locator("h1").inner_text() == "Praxisbeispiele"
    assert page.get_by_label("Verwaltung (2)").is_visible()
    assert_accessible(page)


def test_list_with_a_query_and_a_facet_is_accessible(page, projects):
    page.goto("/praxisbeispiele/")
    filters = page.locator("form.project-filters")
    filters.get_by_label("Suchbegriff").fill("Chatbot")
    filters.get_by_role("button", name="Suchen").click()
    assert page.get_by_role("link", name="Chatbot für das Bürgerbüro").is_visible()
    assert page.get_by_role("link", name="Radverkehrszählung").count() == 0
    page.get_by_label("Leuchtturmprojekt", exact=False).first.check()
    page.get_by_role("button", name="Filter anwenden").click()
    assert "lighthouse=true" in page.url and "q=Chatbot" in page.url
    assert_accessible(page)


def test_empty_result_is_accessible(page, projects):
    page.goto("/praxisbeispiele/?q=Unterwasserstadt")
    assert page.get_by_text("Keine Praxisbeispiele gefunden.").is_visible()
    assert_accessible(page)


def test_detail_is_accessible(page, projects):
    page.goto(projects.get_absolute_url())
    assert page.locator("h1").inner_text() == "Chatbot für das Bürgerbüro"
    assert page.get_by_role("heading", name="Übertragbarkeit").is_visible()
    assert_accessible(page)


def test_search_page_with_project_hits_is_accessible(page, projects):
    page.goto("/suche/?q=Chatbot")
    assert page.get_by_role("link", name="Chatbot für das Bürgerbüro").is_visible()
    assert_accessible(page)


def test_proposal_form_and_its_error_state_are_accessible(page, transactional_db):
    page.goto("/praxisbeispiele/vorschlagen/")
    assert page.locator("h1").inner_text() == "Praxisbeispiel vorschlagen"
    assert_accessible(page)
    page.get_by_role("button", name="Vorschlag einreichen").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_text("Bitte prüfen Sie Ihre Angaben").is_visible()
    assert_accessible(page)


def test_proposal_flow_end_to_end(page, transactional_db):
    MunicipalityFactory(name="Beispielstadt", ags="05999002", ars="059990000002")
    page.goto("/praxisbeispiele/vorschlagen/")
    page.get_by_label("Titel").fill("Digitales Fundbüro")
    page.get_by_label("Kurzbeschreibung").fill("Fundsachen online melden und finden.")
    page.get_by_label("Federführende Kommune").fill("Beispielstadt")
    page.get_by_label("Verwaltung").check()
    page.get_by_label("Ihr Name").fill("Maria Beispiel")
    page.get_by_label("Ihre E-Mail-Adresse").fill("maria@beispielstadt.example")
    page.get_by_label("Ich bin einverstanden", exact=False).check()
    page.get_by_role("button", name="Vorschlag einreichen").click()
    page.wait_for_url("**/praxisbeispiele/vorschlagen/danke/")
    assert page.locator("h1").inner_text() == "Vielen Dank für Ihren Vorschlag"
    assert_accessible(page)
    project = Project.objects.get(title="Digitales Fundbüro")
    assert project.status == PublicationStatus.REVIEW
    response = page.goto(project.get_absolute_url())
    assert response.status == 404
    page.goto("/praxisbeispiele/")
    assert page.get_by_text("Digitales Fundbüro").count() == 0
