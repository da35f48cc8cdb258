import json
import re
from datetime import date

import pytest
from django.utils import timezone

from portal.choices import PublicationStatus
from tests.cities.factories import AssociationFactory, DistrictFactory, MunicipalityFactory
from tests.events.factories import (
    AllDayEventFactory,
    EventFactory,
    ExpertCircleFactory,
    berlin,
)
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db

NOW = berlin(2026, 3, 11, 12)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def titles(response) -> list[str]:
    return [event.title for event in response.context["object_list"]]


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


def test_list_shows_upcoming_events_soonest_first(client):
    EventFactory(title="Später", days_ahead=9)
    EventFactory(title="Bald", days_ahead=1)
    EventFactory(title="Vorbei", days_ahead=-3)
    response = client.get("/termine/")
    assert titles(response) == ["Bald", "Später"]
    assert 'href="/termine/archiv/"' in response.content.decode()
    assert 'href="/termine/kalender/"' in response.content.decode()


def test_archive_shows_past_events_newest_first(client):
    EventFactory(title="Lange her", days_ahead=-30)
    EventFactory(title="Gerade vorbei", days_ahead=-1)
    EventFactory(title="Kommt noch", days_ahead=2)
    assert titles(client.get("/termine/archiv/")) == ["Gerade vorbei", "Lange her"]


def test_list_filters_by_kind_theme_state_attendance_and_circle(client):
    circle = ExpertCircleFactory(slug="daten")
    nrw = MunicipalityFactory()
    webinar = EventFactory(
        title="Webinar",
        kind="webinar",
        venue_name="",
        venue_address="",
        online_link="https://example.org/w",
    )
    webinar.themes.add(theme("datenplattform"))
    EventFactory(title="Vor Ort NRW", venue_municipality=nrw)
    EventFactory(title="Treffen", expert_circle=circle)
    assert titles(client.get("/termine/", {"kind": "webinar"})) == ["Webinar"]
    assert titles(client.get("/termine/", {"theme": "datenplattform"})) == ["Webinar"]
    assert titles(client.get("/termine/", {"state": "05"})) == ["Vor Ort NRW"]
    assert titles(client.get("/termine/", {"attendance": "online"})) == ["Webinar"]
    assert "Webinar" not in titles(client.get("/termine/", {"attendance": "vor-ort"}))
    assert titles(client.get("/termine/", {"circle": "daten"})) == ["Treffen"]
    assert titles(client.get("/termine/", {"q": "NRW"})) == ["Vor Ort NRW"]


def test_date_range_selects_events_on_those_days(client):
    EventFactory(title="März", start=berlin(2026, 3, 20, 10), end=berlin(2026, 3, 20, 12))
    AllDayEventFactory(title="Messe", start_date=date(2026, 3, 30), end_date=date(2026, 4, 2))
    EventFactory(title="Mai", start=berlin(2026, 5, 4, 10), end=berlin(2026, 5, 4, 12))
    response = client.get("/termine/", {"date_from": "2026-04-01", "date_to": "2026-04-30"})
    assert titles(response) == ["Messe"]
    assert titles(client.get("/termine/", {"date_to": "2026-03-20"})) == ["März"]


def test_invalid_filter_values_are_shown_and_ignored(client):
    EventFactory(title="Bleibt")
    response = client.get("/termine/", {"kind": "zirkus"})
    assert response.status_code == 200
    assert titles(response) == ["Bleibt"]
    assert response.context["filter_form"].errors["kind"]


def test_empty_state_links_to_the_archive(client):
    content = client.get("/termine/").content.decode()
    assert "Zurzeit sind keine Termine angekündigt." in content


def test_subscribe_dialog_offers_the_feed_of_the_current_filters(client):
    content = client.get("/termine/", {"kind": "webinar", "page": "1"}).content.decode()
    assert "<details" in content
    assert 'value="http://testserver/termine/kalender.ics?kind=webinar"' in content
    assert 'href="webcal://testserver/termine/kalender.ics?kind=webinar"' in content
    assert '<label for="event-feed-url">' in content


def test_month_view_places_events_on_their_days_and_marks_today(client):
    EventFactory(title="Am Zehnten", start=berlin(2026, 3, 10, 9), end=berlin(2026, 3, 10, 11))
    AllDayEventFactory(
        title="Über den Monatswechsel", start_date=date(2026, 3, 30), end_date=date(2026, 4, 1)
    )
    response = client.get("/termine/kalender/2026/3/")
    weeks = response.context["weeks"]
    days = {day["date"]: day for week in weeks for day in week["days"]}
    assert [event.title for event in days[date(2026, 3, 10)]["events"]] == ["Am Zehnten"]
    assert [event.title for event in days[date(2026, 3, 31)]["events"]] == [
        "Über den Monatswechsel"
    ]
    assert days[date(2026, 3, 11)]["is_today"]
    assert weeks[0]["days"][0]["date"] == date(2026, 2, 23)  # weeks start on Monday
    content = response.content.decode()
    assert "<caption>" in content
    assert 'aria-current="date"' in content
    assert 'href="/termine/kalender/2026/4/"' in content
    assert 'href="/termine/kalender/2026/2/"' in content


def test_month_view_keeps_filters_in_the_month_links(client):
    content = client.get("/termine/kalender/2026/12/", {"kind": "webinar"}).content.decode()
    assert 'href="/termine/kalender/2027/1/?kind=webinar"' in content


def test_current_month_view_shows_this_month(client):
    response = client.get("/termine/kalender/")
    assert response.context["month_start"] == date(2026, 3, 1)


def test_month_view_rejects_impossible_months(client):
    assert client.get("/termine/kalender/2026/13/").status_code == 404


def test_detail_shows_the_event_with_map_and_calendar_link(client):
    municipality = MunicipalityFactory(latitude=48.4, longitude=9.99)
    event = EventFactory(
        venue_municipality=municipality, latitude=48.4, longitude=9.99, fee_note="kostenlos"
    )
    content = client.get(event.get_absolute_url()).content.decode()
    assert "data-portal-map" in content
    assert 'data-latitude="48.400000"' in content
    assert f'href="/termine/{event.slug}/termin.ics"' in content
    assert "kostenlos" in content


def test_detail_json_ld_describes_the_event_and_cannot_break_out(client):
    event = EventFactory(
        title="</script><script>alert(1)</script>",
        cancelled=True,
        online_link="https://example.org/raum",
    )
    response = client.get(event.get_absolute_url())
    content = response.content.decode()
    assert "<script>alert(1)" not in content
    data = json_ld(response)
    assert data["@type"] == "Event"
    assert data["name"] == "</script><script>alert(1)</script>"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["startDate"] == timezone.localtime(event.start).isoformat()


def test_json_ld_attendance_mode_online_and_offline(client):
    online = EventFactory(venue_name="", venue_address="", online_link="https://example.org/w")
    offline = EventFactory()
    assert json_ld(client.get(online.get_absolute_url()))["eventAttendanceMode"].endswith(
        "OnlineEventAttendanceMode"
    )
    assert json_ld(client.get(offline.get_absolute_url()))["eventAttendanceMode"].endswith(
        "OfflineEventAttendanceMode"
    )


def test_detail_links_the_circle_only_when_it_is_visible(client):
    draft_circle = ExpertCircleFactory(name="Geheimer Kreis", status=PublicationStatus.DRAFT)
    event = EventFactory(expert_circle=draft_circle)
    content = client.get(event.get_absolute_url()).content.decode()
    assert "Geheimer Kreis" not in content


def test_circle_page_shows_upcoming_and_past_visible_meetings(client):
    circle = ExpertCircleFactory()
    EventFactory(title="Nächstes Treffen", expert_circle=circle, days_ahead=5)
    EventFactory(title="Letztes Treffen", expert_circle=circle, days_ahead=-5)
    EventFactory(title="Entwurf", expert_circle=circle, status=PublicationStatus.DRAFT)
    response = client.get(circle.get_absolute_url())
    assert [e.title for e in response.context["upcoming_meetings"]] == ["Nächstes Treffen"]
    assert [e.title for e in response.context["past_meetings"]] == ["Letztes Treffen"]
    assert f"/expertenkreise/{circle.slug}/kalender.ics" in response.content.decode()


def test_circle_list_counts_upcoming_visible_meetings(client):
    circle = ExpertCircleFactory()
    EventFactory(expert_circle=circle)
    EventFactory(expert_circle=circle, status=PublicationStatus.DRAFT)
    EventFactory(expert_circle=circle, days_ahead=-3)
    response = client.get("/expertenkreise/")
    assert [c.upcoming_meeting_count for c in response.context["object_list"]] == [1]


def test_editor_sees_drafts_and_their_status(editor_client):
    event = EventFactory(status=PublicationStatus.DRAFT)
    response = editor_client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Nicht öffentlich" in response.content.decode()


def test_logged_in_user_does_not_see_drafts(user_client):
    event = EventFactory(status=PublicationStatus.REVIEW)
    assert user_client.get(event.get_absolute_url()).status_code == 404


def test_date_filters_keep_their_value_in_the_form_in_iso_format(client):
    # <input type="date"> accepts only YYYY-MM-DD, whatever the interface language.
    content = client.get("/termine/", {"date_from": "2026-04-01"}).content.decode()
    assert 'type="date" name="date_from" value="2026-04-01"' in content


def test_the_event_page_names_its_host_and_the_circle_page_its_member_bodies(client):
    district = DistrictFactory(key="01051", name="Dithmarschen")
    amt = AssociationFactory(district=district, key="5175", name="Amt Mitteldithmarschen")
    event = EventFactory(host_association=amt, start=berlin(2026, 4, 1, 10))
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Gastgeber" in html
    assert f'<a href="{amt.get_absolute_url()}">Amt Mitteldithmarschen</a>' in html
    circle = ExpertCircleFactory()
    circle.member_districts.add(district)
    circle.member_associations.add(amt)
    html = client.get(circle.get_absolute_url()).content.decode()
    assert f'<a href="{district.get_absolute_url()}">Dithmarschen</a>' in html
    assert f'<a href="{amt.get_absolute_url()}">Amt Mitteldithmarschen</a>' in html
