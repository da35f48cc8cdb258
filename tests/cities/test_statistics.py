import pytest

from cities.choices import StrategyStatus
from cities.figures import DistrictCoverage, atlas_statistics, district_coverage
from portal.choices import PublicationStatus
from tests.cities.factories import DigitalProfileFactory, DistrictFactory, MunicipalityFactory
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


def profile(state_district: str, population: int, **kwargs):
    municipality = MunicipalityFactory(
        district=DistrictFactory(key=state_district), population=population
    )
    return DigitalProfileFactory(municipality=municipality, **kwargs)


@pytest.fixture
def known_profiles():
    verwaltung, mobilitaet = theme("verwaltung"), theme("mobilitaet")
    daten, bildung = theme("datenplattform"), theme("bildung")
    profile(
        "05513",
        260_000,
        strategy_status=StrategyStatus.ADOPTED,
        focus_themes=[verwaltung, mobilitaet],
        lighthouse_themes=[verwaltung],
    )
    profile(
        "08421",
        50_000,
        strategy_status=StrategyStatus.ADOPTED,
        focus_themes=[verwaltung],
        lighthouse_themes=[verwaltung, daten],
    )
    profile(
        "05562",
        12_000,
        strategy_status=StrategyStatus.IN_DEVELOPMENT,
        focus_themes=[verwaltung, mobilitaet],
    )
    profile("09461", 3_000, strategy_status=StrategyStatus.NONE)
    # Unpublished profiles count nowhere.
    for status in (PublicationStatus.DRAFT, PublicationStatus.REVIEW, PublicationStatus.ARCHIVED):
        profile(
            "16051",
            200_000,
            status=status,
            strategy_status=StrategyStatus.ADOPTED,
            focus_themes=[bildung, verwaltung],
            lighthouse_themes=[bildung],
        )


def by_key(figures):
    return {figure.key: (figure.count, figure.percent) for figure in figures}


def test_strategy_status_counts_only_published_profiles(known_profiles):
    statistics = atlas_statistics()
    assert statistics.profile_count == 4
    assert by_key(statistics.strategy_status) == {
        "adopted": (2, 50.0),
        "in_development": (1, 25.0),
        "none": (1, 25.0),
        "unknown": (0, 0.0),
    }


def test_theme_shares_are_of_the_profiled_set_and_may_exceed_100_percent(known_profiles):
    statistics = atlas_statistics()
    focus = by_key(statistics.focus_themes)
    assert focus["verwaltung"] == (3, 75.0)
    assert focus["mobilitaet"] == (2, 50.0)
    assert focus["bildung"] == (0, 0.0)
    assert sum(percent for _count, percent in focus.values()) == 125.0
    lighthouse = by_key(statistics.lighthouse_themes)
    assert lighthouse["verwaltung"] == (2, 50.0)
    assert lighthouse["datenplattform"] == (1, 25.0)
    assert lighthouse["bildung"] == (0, 0.0)
    assert len(lighthouse) == 10


def test_counts_per_state_and_size_class(known_profiles):
    statistics = atlas_statistics()
    states = by_key(statistics.states)
    assert len(states) == 16
    assert states["05"] == (2, 50.0)
    assert states["08"] == (1, 25.0)
    assert states["09"] == (1, 25.0)
    assert states["16"] == (0, 0.0)
    assert by_key(statistics.size_classes) == {
        "grossstadt": (1, 25.0),
        "mittelstadt": (1, 25.0),
        "kleinstadt": (1, 25.0),
        "landgemeinde": (1, 25.0),
    }


def test_percentages_are_rounded_to_one_decimal():
    verwaltung = theme("verwaltung")
    profile("05513", 260_000, focus_themes=[verwaltung])
    profile("05562", 12_000)
    profile("08421", 50_000)
    assert by_key(atlas_statistics().focus_themes)["verwaltung"] == (1, 33.3)


def test_no_published_profiles_gives_zeros_not_a_division_error():
    profile("05513", 260_000, status=PublicationStatus.DRAFT)
    statistics = atlas_statistics()
    assert statistics.profile_count == 0
    assert all(figure.percent == 0.0 for figure in statistics.focus_themes)


def test_statistics_cost_a_fixed_number_of_queries(known_profiles, django_assert_num_queries):
    # Status counts, theme counts, state counts, size-class counts, the 16 states.
    with django_assert_num_queries(5):
        atlas_statistics()


# --- Coverage of the districts (the Atlas's district map) ---------------------------------


def test_district_coverage_counts_municipalities_and_only_published_profiles(known_profiles):
    MunicipalityFactory(district=DistrictFactory(key="05513"))
    coverage = {row.key: row for row in district_coverage()}
    assert sorted(coverage) == ["05513", "05562", "08421", "09461", "16051"]
    gelsenkirchen = coverage["05513"]
    assert (gelsenkirchen.municipality_count, gelsenkirchen.profile_count) == (2, 1)
    assert gelsenkirchen.percent == 50.0
    assert gelsenkirchen.name == DistrictFactory(key="05513").name
    # Three municipalities with a draft, an archived and a profile in review: none visible.
    hidden = coverage["16051"]
    assert (hidden.municipality_count, hidden.profile_count, hidden.band) == (3, 0, 0)


@pytest.mark.parametrize(
    ("profiles", "municipalities", "band"),
    [(0, 5, 0), (1, 11, 1), (1, 10, 2), (1, 5, 2), (1, 4, 3), (2, 5, 3), (1, 2, 4), (3, 3, 4)],
)
def test_coverage_bands_follow_the_legend_thresholds(profiles, municipalities, band):
    row = DistrictCoverage(
        key="05513", name="Gelsenkirchen", municipality_count=municipalities, profile_count=profiles
    )
    assert row.band == band


@pytest.mark.parametrize("rows", [1, 20])
def test_district_coverage_is_one_query_whatever_the_number_of_districts(
    rows, django_assert_num_queries
):
    for number in range(rows):
        district = DistrictFactory(key=f"05{number + 100:03d}")
        DigitalProfileFactory(municipality=MunicipalityFactory(district=district))
        MunicipalityFactory(district=district)
    # Municipalities grouped by district (LEFT JOIN of the district and the profile).
    with django_assert_num_queries(1):
        coverage = district_coverage()
    assert len(coverage) == rows
    assert {(row.municipality_count, row.profile_count) for row in coverage} == {(2, 1)}
