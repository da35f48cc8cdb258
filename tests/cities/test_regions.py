"""Districts and Gemeindeverbände: their pages list their municipalities with the profiles
and projects found there, and the API serves them with the register's conventions."""

import pytest
from django.core.cache import cache

from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import (
    AssociationFactory,
    DigitalProfileFactory,
    DistrictFactory,
    MunicipalityFactory,
)
from tests.events.factories import EventFactory, ExpertCircleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def region():
    district = DistrictFactory(key="01051", name="Dithmarschen")
    amt = AssociationFactory(district=district, key="5175", name="Mitteldithmarschen")
    return district, amt


def make_members(district, amt, count):
    members = []
    for number in range(count):
        member = MunicipalityFactory(
            district=district, association=amt if number % 2 else None, name=f"Ort {number}"
        )
        members.append(member)
        if number % 3 == 0:
            DigitalProfileFactory(municipality=member)
        ProjectFactory(title=f"Projekt {number}", lead_municipality=member)
    return members


def test_the_district_page_lists_its_associations_and_members_with_their_profiles(client, region):
    district, amt = region
    members = make_members(district, amt, 4)
    DigitalProfileFactory(municipality=members[1], status=PublicationStatus.DRAFT)
    ProjectFactory(title="Geheimer Entwurf", lead_municipality=members[2], status="draft")
    html = client.get("/kreise/01051/").content.decode()
    assert "Dithmarschen" in html
    assert amt.get_absolute_url() in html
    for member in members:
        assert member.get_absolute_url() in html
    # Two of the four have a published profile (0 and 3); a draft looks like none.
    assert "4 Gemeinden, davon 2 mit Digitalprofil." in html
    assert "Projekt 3" in html and "Geheimer Entwurf" not in html


def test_the_association_page_lists_only_its_members(client, region):
    district, amt = region
    members = make_members(district, amt, 4)
    html = client.get(amt.get_absolute_url()).content.decode()
    assert "Mitteldithmarschen" in html
    assert members[1].get_absolute_url() in html
    assert members[0].get_absolute_url() not in html
    assert "2 Gemeinden, davon 1 mit Digitalprofil." in html
    assert "Projekt 1" in html and "Projekt 0" not in html


def test_the_district_page_lists_what_the_district_leads_hosts_and_belongs_to(client, region):
    district, amt = region
    members = make_members(district, amt, 2)
    ProjectFactory(title="Kreisweites WLAN", lead_municipality=None, lead_district=district)
    ProjectFactory(title="Amt digital", lead_municipality=None, lead_association=amt)
    ProjectFactory(
        title="Kreis-Entwurf", lead_municipality=None, lead_district=district, status="draft"
    )
    EventFactory(title="Kreis-Digitaltag", host_district=district, online_link="https://x.de")
    EventFactory(title="Amtsforum", host_association=amt)
    EventFactory(title="Anderswo", host_district=DistrictFactory(key="01053"))
    circle = ExpertCircleFactory(name="Kreise im Norden")
    circle.member_districts.add(district)
    ExpertCircleFactory(name="Amtsrunde").member_associations.add(amt)
    ExpertCircleFactory(name="Ortsrunde").member_municipalities.add(members[0])
    ExpertCircleFactory(name="Geheimer Kreis", status="draft").member_districts.add(district)
    html = client.get("/kreise/01051/").content.decode()
    for shown in ("Kreisweites WLAN", "Amt digital", "Projekt 1", "Kreis-Digitaltag"):
        assert shown in html
    for shown in ("Amtsforum", "Kreise im Norden", "Amtsrunde", "Ortsrunde"):
        assert shown in html
    for hidden in ("Kreis-Entwurf", "Anderswo", "Geheimer Kreis"):
        assert hidden not in html
    amt_html = client.get(amt.get_absolute_url()).content.decode()
    assert "Amt digital" in amt_html and "Amtsforum" in amt_html and "Amtsrunde" in amt_html
    for other in ("Kreisweites WLAN", "Kreis-Digitaltag", "Kreise im Norden", "Ortsrunde"):
        assert other not in amt_html


def test_the_municipality_page_lists_the_events_it_hosts_elsewhere(client, region):
    district, _amt = region
    town = MunicipalityFactory(district=district, name="Heide")
    EventFactory(title="Heider Digitalforum", host_municipality=town, online_link="https://x.de")
    EventFactory(title="Fremdes Forum", host_municipality=MunicipalityFactory(district=district))
    html = client.get(town.get_absolute_url()).content.decode()
    assert "Heider Digitalforum" in html and "Fremdes Forum" not in html


def test_a_dissolved_body_says_so_and_names_its_successor(client, region):
    district, _amt = region
    successor = MunicipalityFactory(district=district, name="Albersdorf-Arkebek")
    gone = MunicipalityFactory(
        district=district, name="Arkebek", dissolved_on="2026-12-31", successor=successor
    )
    html = client.get(gone.get_absolute_url()).content.decode()
    assert "Aufgelöst zum 31. Dezember 2026" in html
    assert successor.get_absolute_url() in html
    district_html = client.get(district.get_absolute_url()).content.decode()
    assert "aufgelöst zum 31.12.2026" in district_html
    assert "1 Gemeinde, davon 0 mit Digitalprofil." in district_html


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # the district (state, successor joined); its own profile and that profile's focus
        # and lighthouse themes; its members with their visible profile's status and their
        # association; its associations with their member counts; the projects it or a
        # body within it leads (leads joined); the upcoming events held or hosted there
        # (venue and hosts joined); the expert circles it or a body within it belongs to;
        # its relations in the network (both sides joined).
        ("/kreise/01051/", 10),
        # the association (state, district, successor joined); its profile and its themes;
        # its members; the projects; the events; the expert circles; its relations.
        ("/gemeindeverbaende/010515175/", 9),
        # count; the page of districts (state, successor joined).
        ("/api/v1/districts/", 2),
        # count; the page of associations; their current members' keys.
        ("/api/v1/associations/", 3),
    ],
)
def test_region_pages_and_lists_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, region, url, queries, rows
):
    district, amt = region
    DigitalProfileFactory(municipality=None, district=district)
    DigitalProfileFactory(municipality=None, association=amt)
    members = make_members(district, amt, rows)
    for number, member in enumerate(members):
        EventFactory(venue_municipality=member)
        # The region's own projects, events and memberships, as many as its members'.
        ProjectFactory(lead_municipality=None, lead_district=district)
        ProjectFactory(lead_municipality=None, lead_association=amt)
        EventFactory(host_district=district, venue_municipality=member)
        EventFactory(host_association=amt)
        circle = ExpertCircleFactory(name=f"Kreis {number}")
        circle.member_districts.add(district)
        circle.member_associations.add(amt)
        circle.member_municipalities.add(member)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_the_api_serves_districts_and_associations_by_key(client, region):
    district, amt = region
    make_members(district, amt, 4)
    body = client.get("/api/v1/districts/01051/").json()
    assert (body["key"], body["name"], body["state"]) == ("01051", "Dithmarschen", "01")
    assert body["url"].endswith("/kreise/01051/")
    body = client.get("/api/v1/associations/010515175/").json()
    assert body["district"] == "01051" and body["kind"] == "amt"
    assert len(body["municipalities"]) == 2
    listed = client.get("/api/v1/associations/", {"district": "01051"}).json()
    assert [row["key"] for row in listed["results"]] == ["010515175"]
    municipality = client.get(f"/api/v1/municipalities/{body['municipalities'][0]}/").json()
    assert municipality["association"] == "010515175"


def test_a_district_and_an_association_hold_their_own_profile(client, region):
    district, amt = region
    DigitalProfileFactory(
        municipality=None, district=district, strategy_title="Digitale Region Dithmarschen"
    )
    DigitalProfileFactory(
        municipality=None, association=amt, strategy_title="Amt digital", status="draft"
    )
    assert "Digitale Region Dithmarschen" in client.get("/kreise/01051/").content.decode()
    assert "Amt digital" not in client.get(amt.get_absolute_url()).content.decode()
    detail = client.get("/api/v1/districts/01051/").json()
    assert detail["profile"]["strategy_title"] == "Digitale Region Dithmarschen"
    assert client.get("/api/v1/associations/010515175/").json()["profile"] is None
    # The Atlas counts municipalities only, and says so.
    assert client.get("/api/v1/stats/atlas/").json()["profile_count"] == 0


def test_a_profile_belongs_to_exactly_one_body(region):
    from django.core.exceptions import ValidationError

    from cities.models import DigitalProfile

    district, amt = region
    both = DigitalProfile(district=district, association=amt, as_of="2025-01-01")
    with pytest.raises(ValidationError, match="genau einer Kommune"):
        both.full_clean()
    with pytest.raises(ValidationError, match="genau einer Kommune"):
        DigitalProfile(as_of="2025-01-01").full_clean()
