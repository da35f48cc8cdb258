"""Selector for the Atlas statistics: figures computed live from the published digital
profiles, like the Smart-City-Atlas report (19 adopted / 29 in development; Verwaltung 98 %).

Shares are of all published profiles, so theme shares may add up to more than 100 %.
"""

from dataclasses import asdict, dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q

from cities.choices import SizeClass, StrategyStatus
from cities.models import DigitalProfile, Municipality
from cities.querysets import size_class_expression
from portal.choices import PublicationStatus
from portal.models import FederalState, Theme


@dataclass(frozen=True)
class Figure:
    """One bar of a chart: a category, its count and its share of the profiled set."""

    key: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class AtlasStatistics:
    profile_count: int
    # What kind of body the figures count: today only municipalities hold profiles.
    counted_bodies: str
    strategy_status: list[Figure]
    focus_themes: list[Figure]
    lighthouse_themes: list[Figure]
    states: list[Figure]
    size_classes: list[Figure]

    def as_dict(self) -> dict:
        return asdict(self)


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def atlas_statistics() -> AtlasStatistics:
    """The Atlas figures of the published profiles of the current municipalities (five
    queries, whatever their number): a dissolved municipality's profile is history, not
    part of today's picture, and the profiles of districts and Gemeindeverbände are counted
    on their own pages, not among the municipalities."""
    published = DigitalProfile.objects.published().filter(
        municipality__isnull=False, municipality__dissolved_on=None
    )
    by_status = dict(
        published.order_by().values_list("strategy_status").annotate(count=Count("pk"))
    )
    total = sum(by_status.values())

    # Two annotated counts over two joins: distinct keeps them from multiplying each other.
    themes = Theme.objects.order_by("position", "name").annotate(
        focus_count=Count(
            "focus_profiles",
            filter=Q(
                focus_profiles__status=PublicationStatus.PUBLISHED,
                focus_profiles__municipality__isnull=False,
                focus_profiles__municipality__dissolved_on=None,
            ),
            distinct=True,
        ),
        lighthouse_count=Count(
            "lighthouse_profiles",
            filter=Q(
                lighthouse_profiles__status=PublicationStatus.PUBLISHED,
                lighthouse_profiles__municipality__isnull=False,
                lighthouse_profiles__municipality__dissolved_on=None,
            ),
            distinct=True,
        ),
    )
    by_state = dict(
        published.order_by().values_list("municipality__state").annotate(count=Count("pk"))
    )
    by_size = dict(
        published.order_by()
        .annotate(size_class=size_class_expression("municipality__population"))
        .values_list("size_class")
        .annotate(count=Count("pk"))
    )
    themes = list(themes)

    def figure(key, label, count):
        return Figure(key=str(key), label=str(label), count=count, percent=_percent(count, total))

    return AtlasStatistics(
        counted_bodies="municipalities",
        profile_count=total,
        strategy_status=[
            figure(value, label, by_status.get(value, 0)) for value, label in StrategyStatus.choices
        ],
        focus_themes=[figure(t.slug, t.display_name, t.focus_count) for t in themes],
        lighthouse_themes=[figure(t.slug, t.display_name, t.lighthouse_count) for t in themes],
        states=[
            figure(state.code, state.display_name, by_state.get(state.code, 0))
            for state in FederalState.objects.order_by("code")
        ],
        size_classes=[
            figure(value, label, by_size.get(value, 0)) for value, label in SizeClass.choices
        ],
    )


# Shares (per cent) from which a district is in the next band of the coverage map: band 0
# is no profile at all, band 1 below 10 %, band 4 half or more.
COVERAGE_THRESHOLDS = (10, 25, 50)


@dataclass(frozen=True)
class DistrictCoverage:
    """How many of a district's municipalities have a published digital profile."""

    key: str
    name: str
    municipality_count: int
    profile_count: int

    @property
    def percent(self) -> float:
        return _percent(self.profile_count, self.municipality_count)

    @property
    def band(self) -> int:
        """0 without any profile, else 1 plus the number of thresholds the share reaches."""
        if not self.profile_count:
            return 0
        share = 100 * self.profile_count / self.municipality_count
        return 1 + sum(share >= threshold for threshold in COVERAGE_THRESHOLDS)


def district_coverage() -> list[DistrictCoverage]:
    """Per district of the register, its current municipalities and those with a profile
    the public may see, by district key (one query, whatever the number of districts)."""
    public = Municipality.objects.profile_visible_q(AnonymousUser())
    rows = (
        Municipality.objects.current()
        .filter(district__isnull=False)
        .order_by("district__key")
        .values_list("district__key", "district__name")
        .annotate(municipalities=Count("pk"), profiles=Count("pk", filter=public))
    )
    return [DistrictCoverage(*row) for row in rows]
