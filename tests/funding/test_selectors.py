"""The matcher's rules: state, applicant type, population limits, themes, and the reasons."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cities.choices import SizeClass
from funding.choices import FundingLevel
from funding.models import Applicant
from funding.selectors import MatchCriteria, match_reasons, programmes_matching
from portal.models import FederalState
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()


def state(code):
    return FederalState.objects.get(code=code)


def applicant(slug):
    return Applicant.objects.get(slug=slug)


def open_programme(**kwargs):
    return FundingCallFactory(**{f"programme__{k}": v for k, v in kwargs.items()}).programme


def matching(**criteria):
    return list(programmes_matching(user=ANONYMOUS, criteria=MatchCriteria(**criteria)))


def test_state_programme_is_excluded_for_other_states():
    nrw_programme = open_programme(level=FundingLevel.STATE, states=[state("05")])
    federal = open_programme()
    assert set(matching(state=state("05"))) == {nrw_programme, federal}
    assert matching(state=state("09")) == [federal]


def test_applicant_type_is_respected():
    for_municipalities = open_programme(applicants=["kommune"])
    for_businesses = open_programme(applicants=["unternehmen"])
    assert matching(state=state("05"), applicant=applicant("kommune")) == [for_municipalities]
    assert matching(state=state("05"), applicant=applicant("unternehmen")) == [for_businesses]


def test_population_limits_are_respected_for_a_municipality_and_a_size_class():
    small_towns = open_programme(population_max=20_000)
    large_cities = open_programme(population_min=100_000)
    unlimited = open_programme()
    assert set(matching(population=12_000)) == {small_towns, unlimited}
    assert set(matching(population=250_000)) == {large_cities, unlimited}
    assert set(matching(size_class=SizeClass.LANDGEMEINDE)) == {small_towns, unlimited}
    assert set(matching(size_class=SizeClass.GROSSSTADT)) == {large_cities, unlimited}


def test_themes_match_any_chosen_theme():
    mobility = open_programme(themes=[theme("mobilitaet")])
    open_programme(themes=[theme("bildung")])
    assert matching(themes=(theme("mobilitaet"), theme("gesundheit"))) == [mobility]


def test_only_open_and_upcoming_programmes_match():
    now = timezone.now()
    announced = FundingCallFactory(
        opens_at=now + timedelta(days=5), deadline=now + timedelta(days=50)
    ).programme
    rolling = FundingCallFactory(deadline=None, rolling=True).programme
    FundingCallFactory(opens_at=now - timedelta(days=50), deadline=now - timedelta(minutes=1))
    FundingProgrammeFactory()  # no call at all
    assert set(matching()) == {announced, rolling}


def test_reasons_name_state_applicant_theme_and_population():
    programme = open_programme(
        level=FundingLevel.STATE,
        states=[state("05")],
        themes=[theme("mobilitaet")],
        population_max=50_000,
    )
    criteria = MatchCriteria(
        state=state("05"),
        population=30_000,
        applicant=applicant("kommune"),
        themes=(theme("mobilitaet"),),
    )
    [found] = programmes_matching(user=ANONYMOUS, criteria=criteria)
    assert found == programme
    assert match_reasons(found, criteria) == [
        "gilt in Nordrhein-Westfalen",
        "Kommunen sind antragsberechtigt",
        "passt zu Ihrem Handlungsfeld Mobilität",
        "Einwohnergrenze erfüllt",
    ]
