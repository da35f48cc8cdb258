"""The site-wide search section and the cross-link for municipalities (the demo's
programmes: test_demo.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from funding.related import RELATED_LIMIT, related_sections
from tests.cities.factories import MunicipalityFactory
from tests.funding.factories import FundingCallFactory

pytestmark = pytest.mark.django_db


def test_site_search_finds_programmes_and_links_to_the_filtered_list(client):
    FundingCallFactory(programme__title="Smarte Region Westfalen")
    response = client.get(reverse("portal:search"), {"q": "Smarte Region"})
    assert "Smarte Region Westfalen" in response.text
    assert "Förderprogramme" in response.text


def test_municipality_gets_fitting_open_programmes_bounded():
    municipality = MunicipalityFactory(population=8_000)
    for _ in range(RELATED_LIMIT + 2):
        FundingCallFactory()
    too_small = FundingCallFactory(programme__population_min=100_000).programme
    [section] = related_sections(municipality, user=AnonymousUser())
    assert len(section.items) == RELATED_LIMIT
    assert too_small.title not in [item.title for item in section.items]
    assert municipality.ags in section.more_url


def test_other_objects_get_no_funding_section():
    programme = FundingCallFactory().programme
    assert related_sections(programme, user=AnonymousUser()) == []
