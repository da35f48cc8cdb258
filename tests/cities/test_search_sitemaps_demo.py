from io import StringIO

import pytest
from django.core.management import call_command

from cities.models import DigitalProfile, District, Municipality
from cities.search import search_municipalities
from portal.choices import PublicationStatus
from tests.cities.factories import DigitalProfileFactory, DistrictFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_site_search_finds_municipalities_by_name_and_ags(anonymous_client):
    gelsenkirchen = MunicipalityFactory(
        name="Gelsenkirchen",
        district=DistrictFactory(key="05513"),
        ags="05513000",
        ars="055130000000",
    )
    MunicipalityFactory(name="Ulm", district=DistrictFactory(key="08421"))
    result = search_municipalities("gelsen", user=None, limit=10)
    assert [(hit.title, hit.url) for hit in result.hits] == [
        ("Gelsenkirchen", "/kommunen/05513000/")
    ]
    assert search_municipalities("05513", user=None, limit=10).total == 1
    html = anonymous_client.get("/suche/", {"q": "Gelsenkirchen"}).content.decode()
    assert f'href="{gelsenkirchen.get_absolute_url()}"' in html


def test_site_search_caps_hits_but_counts_all_in_one_query(django_assert_num_queries):
    MunicipalityFactory.create_batch(12, name="Neustadt")
    with django_assert_num_queries(1):
        result = search_municipalities("Neustadt", user=None, limit=10)
    assert (len(result.hits), result.total) == (10, 12)
    assert search_municipalities("Neustadt", user=None, limit=20).total == 12
    assert search_municipalities("Altstadt", user=None, limit=10).total == 0


def test_sitemap_lists_only_municipalities_with_a_published_profile(anonymous_client):
    published = DigitalProfileFactory().municipality
    draft = DigitalProfileFactory(status=PublicationStatus.DRAFT).municipality
    bare = MunicipalityFactory()
    xml = anonymous_client.get("/sitemap.xml").content.decode()
    assert published.get_absolute_url() in xml
    assert draft.get_absolute_url() not in xml
    assert bare.get_absolute_url() not in xml


def test_demo_loads_the_whole_register_and_the_seed_profiles():
    """Loading it twice changes nothing: tests/portal/test_demo.py compares every table."""
    call_command("load_demo", stdout=StringIO())
    assert District.objects.count() == 400
    assert Municipality.objects.count() == 10751
    profiles = DigitalProfile.objects.published()
    assert sorted(profiles.values_list("municipality__ags", flat=True)) == [
        "05116000",
        "05513000",
        "08421000",
        "09461000",
        "12052000",
    ]
    gelsenkirchen = DigitalProfile.objects.get(municipality__ags="05513000")
    assert gelsenkirchen.organisational_unit_name == "Stabsstelle Vernetzte Stadt"
    assert "GELSEN-NET" in gelsenkirchen.partners
    assert "Digital Cities Challenge" in gelsenkirchen.awards_and_networks
    # The sources report the draft, not the council's decision.
    assert gelsenkirchen.strategy_status == "in_development"
    assert gelsenkirchen.strategy_adopted_on is None
    ulm = DigitalProfile.objects.get(municipality__ags="08421000")
    assert ulm.strategy_status == "unknown" and not ulm.has_organisational_unit
