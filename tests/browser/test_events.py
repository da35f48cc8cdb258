"""Event and expert-circle pages in a real browser: WCAG 2.1 AA and keyboard use."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.cities.factories import MunicipalityFactory
from tests.events.factories import AllDayEventFactory, EventFactory, ExpertCircleFactory
from tests.portal.factories import theme


@pytest.fixture
def events_data(seeded_db):
    circle = ExpertCircleFactory(
        name="Expertenkreis Mobilität",
        slug="mobilitaet",
        description="Austausch zu **Mobilität**.",
        member_organisations="Kompetenzzentrum",
    )
    circle.themes.add(theme("mobilitaet"))
    municipality = MunicipalityFactory(name="Ulm", latitude=48.4, longitude=9.99)
    circle.member_municipalities.add(municipality)
    today = timezone.localdate()
    meeting = EventFactory(
        title="Treffen des Expertenkreises",
        slug="treffen",
        expert_circle=circle,
        venue_municipality=municipality,
        latitude=48.4,
        longitude=9.99,
        online_link="https://konferenz.example.org/raum",
        description="Tagesordnung folgt.",
        fee_note="kostenlos",
        start=timezone.make_aware(
            timezone.datetime.combine(
                today.replace(day=1) + timedelta(days=14), timezone.datetime.min.time()
            )
        )
        + timedelta(hours=10),
    )
    meeting.end = meeting.start + timedelta(hours=2)
    meeting.save()
    meeting.themes.add(theme("mobilitaet"))
    EventFactory(title="Abgesagter Workshop", cancelled=True, days_ahead=2)
    AllDayEventFactory(title="Kongress", start_date=today, end_date=today + timedelta(days=1))
    EventFactory(title="Vergangenes Treffen", expert_circle=circle, days_ahead=-40)
    return {"circle": circle, "meeting": meeting}


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/termine/", "Termine"),
        ("/termine/archiv/", "Vergangene Termine"),
        ("/expertenkreise/", "Expertenkreise"),
        ("/expertenkreise/mobilitaet/", "Expertenkreis Mobilität"),
    ],
)
def test_event_pages_have_no_wcag_violations(page, events_data, url, heading):
    page.goto(url)
    assert page.locator("h1").inner_text() == heading
    assert_page(page)


def test_subscribe_dialog_opens_without_javascript_and_is_accessible(page, events_data):
    page.goto("/termine/?kind=workshop")
    page.get_by_text("Kalender abonnieren").click()
    field = page.get_by_label("Adresse des Kalenderabonnements")
    assert field.input_value().endswith("/termine/kalender.ics?kind=workshop")
    assert field.get_attribute("readonly") is not None
    assert_page(page)


def test_month_view_is_accessible_and_lists_the_events(page, events_data):
    today = timezone.localdate()
    page.goto(f"/termine/kalender/{today.year}/{today.month}/")
    table = page.locator("table.month-calendar")
    assert table.locator("caption").count() == 1
    assert table.locator("thead th[scope=col]").count() == 8
    assert table.locator("td[aria-current=date]").count() == 1
    assert table.get_by_role("link", name="Treffen des Expertenkreises").count() >= 1
    assert_page(page)


def test_month_view_is_keyboard_navigable_to_the_next_month(page, events_data):
    today = timezone.localdate()
    page.goto(f"/termine/kalender/{today.year}/{today.month}/")
    for _press in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-month-next')"):
            break
    else:
        pytest.fail("Tab never reached the link to the next month")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    following = date(today.year, today.month, 1) + timedelta(days=32)
    assert page.url.endswith(f"/termine/kalender/{following.year}/{following.month}/")
    assert str(following.year) in page.locator("h1").inner_text()


def test_event_detail_with_map_is_accessible(page, events_data):
    page.goto("/termine/treffen/")
    assert page.locator("h1").inner_text() == "Treffen des Expertenkreises"
    # One point: the shared map draws a single marker at the venue.
    page.locator("path.leaflet-interactive").wait_for()
    assert page.locator("path.leaflet-interactive").count() == 1
    assert_page(page)


def assert_page(page):
    from tests.browser.conftest import assert_accessible

    assert_accessible(page)
