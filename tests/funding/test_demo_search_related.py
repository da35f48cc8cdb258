"""Demo content, the site-wide search section and the cross-link for municipalities."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse

from funding import demo
from funding.models import FundingProgramme
from funding.related import RELATED_LIMIT, related_sections
from portal.choices import PublicationStatus
from tests.cities.factories import MunicipalityFactory
from tests.funding.factories import FundingCallFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_the_four_seed_programmes_published_with_sources_idempotently():
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    programmes = FundingProgramme.objects.filter(is_example=False).order_by("slug")
    assert [p.slug for p in programmes] == [
        "digital-cities-challenge",
        "digitale-modellregionen-nrw",
        "modellprojekte-smart-cities",
        "umbau-21-smart-region",
    ]
    assert all(p.status == PublicationStatus.PUBLISHED and p.link for p in programmes)
    assert all("Stand:" in p.summary for p in programmes)
    nrw = FundingProgramme.objects.get(slug="digitale-modellregionen-nrw")
    assert [state.code for state in nrw.states.all()] == ["05"]
    # No seed gives a date, so no call of a real programme is invented (the example
    # programmes' calls: tests/funding/test_demo.py).
    assert not programmes.filter(calls__isnull=False).exists()


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


def test_full_demo_links_cottbus_datendrehscheibe_to_modellprojekte_smart_cities(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    programme = FundingProgramme.objects.get(slug="modellprojekte-smart-cities")
    assert list(programme.funded_projects.values_list("slug", flat=True)) == [
        "cottbus-datendrehscheibe"
    ]
    assert (
        "Datendrehscheibe der Stadt Cottbus"
        in client.get(programme.get_absolute_url()).content.decode()
    )
