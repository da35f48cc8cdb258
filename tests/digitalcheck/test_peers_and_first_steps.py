"""The comparison with peers appears from five other bodies on; the first steps for a gap
come from the portal's content, each with its reason."""

import pytest
from django.urls import reverse

from cities.choices import SizeClass
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import DistrictFactory, MunicipalityFactory
from tests.digitalcheck.factories import all_at, published_questionnaire, submitted_check
from tests.members.factories import verified_member
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


def small_towns(count: int, district) -> list:
    return [MunicipalityFactory(district=district, population=8_000 + n) for n in range(count)]


def own_result_page(client, town, check):
    client.force_login(verified_member({"municipality": town}))
    return client.get(check.get_absolute_url())


@pytest.mark.parametrize(("peers", "shown"), [(4, False), (5, True)])
def test_peers_are_compared_from_five_bodies_on(client, peers, shown):
    published_questionnaire()
    district = DistrictFactory()
    for level, town in zip([0, 1, 2, 3, 4], small_towns(peers, district), strict=False):
        submitted_check({"municipality": town}, all_at(level))
    own_town = MunicipalityFactory(district=district, population=9_500)
    check = submitted_check({"municipality": own_town}, all_at(2))
    response = own_result_page(client, own_town, check)
    groups = response.context["peer_groups"]
    assert [group.count for group in groups] == [peers, peers]
    assert [group.shown for group in groups] == [shown, shown]
    page = response.content.decode()
    if shown:
        # Levels 0–4 in every question: 0, 25, 50, 75, 100 → median 50, quartiles 25 and 75.
        overall = groups[0].overall
        assert (overall.lower, overall.median, overall.upper) == (25, 50, 75)
        assert "Gesamtwert im Median 50, die mittlere Hälfte zwischen 25 und 75." in page
        assert "Median (Quartile)" in page
        assert "Noch kein Vergleich" not in page
    else:
        assert groups[0].overall is None and groups[0].by_key == {}
        assert "Noch kein Vergleich: bisher haben 4 vergleichbare Stellen" in page
        assert "Median (Quartile)" not in page


def test_peers_count_each_body_once_with_its_latest_check_and_never_the_body_itself(client):
    published_questionnaire()
    district = DistrictFactory()
    towns = small_towns(5, district)
    for town in towns:
        submitted_check({"municipality": town}, all_at(0), year=2025)
    for town in towns[:4]:
        submitted_check({"municipality": town}, all_at(4), year=2026)
    own_town = towns[4]
    check = submitted_check({"municipality": own_town}, all_at(1), year=2026)
    groups = own_result_page(client, own_town, check).context["peer_groups"]
    # Four others (their 2026 checks); the body's own 2025 and 2026 checks do not count.
    assert groups[0].count == 4


def test_the_result_shows_the_change_since_the_previous_check(client):
    published_questionnaire()
    town = MunicipalityFactory()
    submitted_check({"municipality": town}, all_at(1), year=2025)
    check = submitted_check({"municipality": town}, all_at(3), year=2026)
    response = own_result_page(client, town, check)
    assert response.context["score_change"] == 50
    assert "Veränderung seit dem vorigen Check: 50 Punkte (vorher 25)." in response.content.decode()


def test_a_body_weak_in_datenplattform_gets_data_platform_projects_of_its_size_first(client):
    published_questionnaire()
    platform = theme("datenplattform")
    city = MunicipalityFactory(population=250_000)
    small_town = MunicipalityFactory(population=9_000)
    big = ProjectFactory(
        title="Datenplattform einer Großstadt", lead_municipality=city, themes=[platform]
    )
    alike = ProjectFactory(
        title="Datenplattform einer Kleinstadt",
        lead_municipality=small_town,
        themes=[platform],
        prerequisites="Ein offenes Datenportal.",
    )
    ProjectFactory(title="Radwege", lead_municipality=small_town, themes=[theme("mobilitaet")])
    ProjectFactory(
        title="Entwurf einer Plattform",
        lead_municipality=small_town,
        themes=[platform],
        status="draft",
    )
    own_town = MunicipalityFactory(population=12_000)
    levels = all_at(4) | {"datenplattform-plattform": 0}
    check = submitted_check({"municipality": own_town}, levels)
    response = own_result_page(client, own_town, check)
    (steps,) = response.context["first_steps"]
    assert steps.result.key == "datenplattform"
    assert [item.title for item in steps.projects] == [alike.title, big.title]
    assert steps.projects[0].reasons == [
        "Handlungsfeld Datenplattform",
        f"federführend eine Stelle der Größenklasse „{SizeClass.KLEINSTADT.label}“ wie Ihre",
        "mit Angaben zur Übertragung (Voraussetzungen, Aufwand)",
    ]
    page = response.content.decode()
    assert "Erste Schritte" in page
    assert "Warum: Handlungsfeld Datenplattform; federführend eine Stelle" in page
    assert "Entwurf einer Plattform" not in page


def test_bodies_strong_in_a_gap_are_suggested_only_where_they_agreed(client):
    published_questionnaire()
    willing = MunicipalityFactory(name="Hilfsbereit", population=10_000)
    shy = MunicipalityFactory(name="Zurückhaltend", population=10_000)
    submitted_check({"municipality": willing}, all_at(4), open_to_contact=True)
    submitted_check({"municipality": shy}, all_at(4), open_to_contact=False)
    own_town = MunicipalityFactory(population=11_000)
    check = submitted_check({"municipality": own_town}, all_at(4) | {"datenplattform-plattform": 0})
    (steps,) = own_result_page(client, own_town, check).context["first_steps"]
    assert [item.title for item in steps.bodies] == ["Hilfsbereit"]
    assert steps.bodies[0].url == reverse(
        "members:contact_body", kwargs={"kind": "kommune", "key": willing.ags}
    )
    assert "gleiche Größenklasse wie Ihre Stelle" in steps.bodies[0].reasons
