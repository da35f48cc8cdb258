"""The funding of the demo content: the sources' programmes are facts without calls, the
example programmes carry calls dated from the day of the load, and every channel says which
is which."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from funding.models import FundingCall, FundingProgramme
from funding.resources import FundingCallResource, FundingProgrammeResource
from portal.choices import PublicationStatus
from tests.conftest import demo_for_module

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2027, 1, 20, 9, 0))
REAL = "modellprojekte-smart-cities"
EXAMPLE = "beispiel-digitale-daseinsvorsorge"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_for_module(django_db_blocker, now=NOW):
        yield


def test_example_programmes_carry_open_and_announced_calls_dated_from_the_load(demo):
    examples = FundingProgramme.objects.filter(is_example=True).with_status()
    assert {programme.slug for programme in examples} == {
        EXAMPLE,
        "beispiel-smarte-quartiere-nrw",
    }
    calls = list(FundingCall.objects.filter(programme__in=examples))
    assert {call.is_example for call in calls} == {True}
    assert {call.status_at(NOW) for call in calls} == {
        "open",
        "announced",
        "closing_soon",
        "rolling",
    }
    assert all(call.deadline > NOW for call in calls if not call.rolling)
    assert max(call.deadline for call in calls if not call.rolling) < NOW + timedelta(days=200)
    assert not FundingCall.objects.filter(programme__is_example=False).exists()


def test_example_programmes_and_calls_are_labelled_on_the_pages_and_real_ones_are_not(client, demo):
    example = client.get(f"/foerderprogramme/{EXAMPLE}/").content.decode()
    assert "kein echtes Förderprogramm" in example
    # The note and one badge for each of its two calls.
    assert example.count('class="example-badge"') == 1 + 2
    real = client.get(f"/foerderprogramme/{REAL}/").content.decode()
    assert "example-badge" not in real
    listing = client.get("/foerderprogramme/").content.decode()
    assert listing.count('class="example-badge"') == 2 + 1
    deadlines = client.get("/foerderprogramme/fristen/")
    rows = len(deadlines.context["object_list"])
    assert deadlines.content.decode().count('class="example-badge"') == rows + 1
    matcher = client.get("/foerderprogramme/passt-zu-meiner-kommune/", {"municipality": "05513000"})
    found = len(matcher.context["results"])
    assert found == 2
    assert matcher.content.decode().count('class="example-badge"') == found + 1


def test_example_calls_are_labelled_in_the_deadline_calendar_and_the_atom_feed(client, demo):
    calendar = Calendar.from_ical(client.get("/foerderprogramme/fristen.ics").content)
    entries = list(calendar.walk("VEVENT"))
    assert entries
    for entry in entries:
        assert str(entry["summary"]).startswith("[Beispiel] Frist: ")
        assert str(entry["description"]).startswith("Beispielinhalt zur Demonstration")
    feed = ET.fromstring(client.get("/foerderprogramme/aenderungen.atom").content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert len(titles) == 4
    assert all(title.startswith("[Beispiel] ") for title in titles)


def test_example_flag_is_in_the_api_and_the_spreadsheet_exports(client, demo):
    rows = client.get("/api/v1/funding-programmes/").json()["results"]
    flags = {row["slug"]: row["is_example"] for row in rows}
    assert flags[EXAMPLE] is True
    assert flags[REAL] is False
    assert client.get(f"/api/v1/funding-programmes/{EXAMPLE}/").json()["is_example"] is True
    assert client.get(f"/api/v1/funding-programmes/{REAL}/").json()["is_example"] is False
    calls = client.get("/api/v1/funding-calls/").json()["results"]
    assert len(calls) == 4
    assert {call["is_example"] for call in calls} == {True}
    detail = client.get(f"/api/v1/funding-calls/{calls[0]['id']}/").json()
    assert detail["is_example"] is True
    # The spreadsheets write booleans as 1 and 0.
    programmes = FundingProgrammeResource().export().dict
    exported = {row["slug"]: row["is_example"] for row in programmes}
    assert (exported[EXAMPLE], exported[REAL]) == ("1", "0")
    assert {row["is_example"] for row in FundingCallResource().export().dict} == {"1"}


def test_examples_are_labelled_in_the_site_search_and_on_the_municipality_page(client, demo):
    search = client.get("/suche/", {"q": "Daseinsvorsorge"})
    [hit] = [hit for group in search.context["groups"] for hit in group["result"].hits]
    assert hit.meta.startswith("Beispiel · ")
    page = client.get("/kommunen/05513000/")
    [section] = [s for s in page.context["related_sections"] if s.key == "funding"]
    assert len(section.items) == 2
    assert all(item.meta.startswith("Beispiel · ") for item in section.items)


def test_example_programmes_are_not_offered_to_search_engines(client, demo):
    example = client.get(f"/foerderprogramme/{EXAMPLE}/").content.decode()
    assert '<meta name="robots" content="noindex">' in example
    assert "noindex" not in client.get(f"/foerderprogramme/{REAL}/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/foerderprogramme/{REAL}/" in sitemap
    assert "beispiel-" not in sitemap


def test_demo_loads_the_four_seed_programmes_published_with_sources(demo):
    """Loading it twice changes nothing: tests/portal/test_demo.py compares every table."""
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
    # programmes' calls: the tests above).
    assert not programmes.filter(calls__isnull=False).exists()


def test_full_demo_links_cottbus_datendrehscheibe_to_modellprojekte_smart_cities(demo, client):
    programme = FundingProgramme.objects.get(slug="modellprojekte-smart-cities")
    assert list(programme.funded_projects.values_list("slug", flat=True)) == [
        "cottbus-datendrehscheibe"
    ]
    assert (
        "Datendrehscheibe der Stadt Cottbus"
        in client.get(programme.get_absolute_url()).content.decode()
    )
