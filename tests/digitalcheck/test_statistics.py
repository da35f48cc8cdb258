"""The Atlas page and the API show the distribution of scores only for groups of at least
five bodies."""

import pytest
from django.urls import reverse

from tests.cities.factories import DistrictFactory, MunicipalityFactory
from tests.digitalcheck.factories import all_at, published_questionnaire, submitted_check

pytestmark = pytest.mark.django_db


def checks(count: int, *, population: int, district) -> None:
    for level in range(count):
        town = MunicipalityFactory(district=district, population=population + level)
        submitted_check({"municipality": town}, all_at(level % 5))


@pytest.mark.parametrize(("small_towns", "shown"), [(4, False), (5, True)])
def test_api_and_atlas_show_a_group_from_five_bodies_on(client, small_towns, shown):
    published_questionnaire()
    district = DistrictFactory()
    checks(small_towns, population=6_000, district=district)  # Kleinstädte
    checks(2, population=30_000, district=district)  # Mittelstädte

    data = client.get(reverse("api:stats-digital-check")).json()
    assert data["threshold"] == 5
    assert data["body_count"] == small_towns + 2
    groups = {group["key"]: group for group in data["by_size_class"]}
    assert groups["kleinstadt"]["count"] == small_towns
    assert groups["kleinstadt"]["shown"] is shown
    assert groups["mittelstadt"]["shown"] is False and groups["mittelstadt"]["dimensions"] == []
    if shown:
        # Levels 0–4: scores 0, 25, 50, 75, 100.
        strategy = {d["key"]: d["quartiles"] for d in groups["kleinstadt"]["dimensions"]}
        assert strategy["strategie"] == {
            "count": 5,
            "lower": "25.0",
            "median": "50.0",
            "upper": "75.0",
        }
    else:
        assert groups["kleinstadt"]["dimensions"] == []
    # The state groups all of them: seven bodies from five on, four plus two below.
    state = next(group for group in data["by_state"] if group["count"])
    assert state["shown"] is (small_towns + 2 >= 5)

    page = client.get(reverse("cities:atlas")).content.decode()
    assert "Digital-Check: Werte je Dimension" in page
    if shown:
        assert "50 (25–75)" in page
    else:
        assert "50 (25–75)" not in page
    assert "weniger als 5 Stellen: keine Werte" in page


def test_without_checks_the_atlas_says_so(client):
    published_questionnaire()
    page = client.get(reverse("cities:atlas")).content.decode()
    assert "Es hat noch keine Stelle den" in page
    assert client.get(reverse("api:stats-digital-check")).json()["body_count"] == 0
