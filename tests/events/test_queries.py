"""Every list page and endpoint runs a fixed number of queries, for 1 row as for 20."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.cities.factories import MunicipalityFactory
from tests.events.factories import EventFactory, ExpertCircleFactory, berlin
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db

NOW = berlin(2026, 3, 1, 12)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    cache.clear()
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def make_rows(count: int) -> None:
    """``count`` upcoming events in March and as many past ones in February, each with a
    theme, a municipality and a circle that has a theme and a member."""
    for number in range(count):
        circle = ExpertCircleFactory()
        circle.themes.add(theme("verwaltung"))
        circle.member_municipalities.add(MunicipalityFactory())
        event = EventFactory(
            start=berlin(2026, 3, 2 + number, 10),
            end=berlin(2026, 3, 2 + number, 12),
            expert_circle=circle,
            venue_municipality=MunicipalityFactory(),
            latitude=50.0,
            longitude=8.0,
        )
        event.themes.add(theme("mobilitaet"))
        past = EventFactory(
            start=berlin(2026, 2, 2 + number, 10),
            end=berlin(2026, 2, 2 + number, 12),
            venue_municipality=MunicipalityFactory(),
        )
        past.themes.add(theme("mobilitaet"))


# (URL, queries, what they are)
CASES = [
    # count for the paginator; the facet counts (kind, theme, state) in one statement; the
    # facets' themes and states; the filter form's circles; the page of events (with
    # municipality and state joined); their themes.
    ("/termine/", 7),
    # the same for the past events.
    ("/termine/archiv/", 7),
    # the filter form's themes, states and circles; the month's events; their themes.
    ("/termine/kalender/2026/3/", 5),
    # count; the filter form's themes; the page of circles with their upcoming-meeting
    # count; their themes.
    ("/expertenkreise/", 4),
    # count; the page of events (municipality, circle, series joined); their themes.
    ("/api/v1/events/", 3),
    # one select of the points.
    ("/api/v1/events/geojson/", 1),
    # one select of the events in the window.
    ("/termine/kalender.ics", 1),
    # count; the page of circles; their themes; their member municipalities, Gemeindeverbände
    # and districts.
    ("/api/v1/expert-circles/", 6),
]


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize(("url", "queries"), CASES)
def test_list_query_count_is_fixed(client, django_assert_num_queries, url, queries, rows):
    make_rows(rows)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
