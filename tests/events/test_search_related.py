import pytest
from django.contrib.auth.models import AnonymousUser

from portal.related import related_sections
from tests.cities.factories import MunicipalityFactory
from tests.events.factories import EventFactory, ExpertCircleFactory

pytestmark = pytest.mark.django_db


def test_site_search_has_an_events_and_a_circles_section(client):
    EventFactory(title="Webinar Datenplattform")
    ExpertCircleFactory(name="Expertenkreis Datenplattform")
    response = client.get("/suche/", {"q": "Datenplattform"})
    groups = {group["section"].key: group for group in response.context["groups"]}
    assert [hit.title for hit in groups["events"]["result"].hits] == ["Webinar Datenplattform"]
    assert [hit.title for hit in groups["expert-circles"]["result"].hits] == [
        "Expertenkreis Datenplattform"
    ]


def test_search_lists_upcoming_events_before_past_ones(client):
    EventFactory(title="Treffen vorbei", days_ahead=-20)
    EventFactory(title="Treffen bald", days_ahead=3)
    response = client.get("/suche/", {"q": "Treffen"})
    groups = {group["section"].key: group for group in response.context["groups"]}
    assert [hit.title for hit in groups["events"]["result"].hits] == [
        "Treffen bald",
        "Treffen vorbei",
    ]
    assert groups["events"]["result"].total == 2


def test_municipality_page_sections_show_hosted_events_and_circles():
    municipality = MunicipalityFactory()
    EventFactory(title="Bei uns", venue_municipality=municipality)
    EventFactory(title="Vorbei", venue_municipality=municipality, days_ahead=-5)
    EventFactory(title="Anderswo")
    circle = ExpertCircleFactory(name="Unser Kreis")
    circle.member_municipalities.add(municipality)
    sections = {
        section.key: section for section in related_sections(municipality, user=AnonymousUser())
    }
    assert [item.title for item in sections["hosted-events"].items] == ["Bei uns"]
    assert sections["hosted-events"].more_url == f"/termine/?municipality={municipality.ags}"
    assert [item.title for item in sections["expert-circles"].items] == ["Unser Kreis"]


def test_related_sections_ignore_other_objects():
    from events import related

    assert related.related_sections(object(), user=AnonymousUser()) == []


def test_sitemap_lists_published_events_and_circles(client):
    event = EventFactory()
    circle = ExpertCircleFactory()
    content = client.get("/sitemap.xml").content.decode()
    assert f"/termine/{event.slug}/" in content
    assert f"/expertenkreise/{circle.slug}/" in content
