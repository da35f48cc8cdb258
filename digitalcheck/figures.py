"""The distribution of the bodies' scores per dimension, by size class and by state: the
figures of /atlas/ and of /api/v1/stats/digital-check/. Each body counts once, with its
latest submitted check; a group shows figures only from ``PEER_THRESHOLD`` bodies on."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cities.choices import SizeClass
from digitalcheck.choices import PEER_THRESHOLD
from digitalcheck.models import Assessment, DimensionScore, Questionnaire
from digitalcheck.selectors import quartiles
from portal.models import FederalState


@dataclass
class GroupFigures:
    key: str
    label: str
    count: int
    # Per dimension key: the quartiles, or None where fewer than the threshold answered it.
    dimensions: dict = field(default_factory=dict)
    # The same in the order of the statistics' dimensions (for the table).
    cells: list = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.count >= PEER_THRESHOLD

    @property
    def dimension_list(self) -> list[dict]:
        return [
            {"key": key, "quartiles": figures} for key, figures in sorted(self.dimensions.items())
        ]


@dataclass
class CheckStatistics:
    threshold: int
    body_count: int
    # Of them, the demo's example checks (made up).
    example_count: int
    dimensions: list[dict]
    by_size_class: list[GroupFigures]
    by_state: list[GroupFigures]

    @property
    def groupings(self) -> list[tuple[str, list[GroupFigures]]]:
        """For the page: each grouping's groups with their cells in the dimensions' order."""
        keys = [dimension["key"] for dimension in self.dimensions]
        for group in (*self.by_size_class, *self.by_state):
            group.cells = [group.dimensions.get(key) for key in keys]
        return [(_("Größenklasse"), self.by_size_class), (_("Land"), self.by_state)]


def _groups(rows, index: int, labels: dict[str, str]) -> list[GroupFigures]:
    bodies: dict[str, set] = {}
    values: dict[tuple[str, str], list] = {}
    for row in rows:
        group = row[index]
        if not group:
            continue
        bodies.setdefault(group, set()).add(row[0])
        values.setdefault((group, row[3]), []).append(row[4])
    figures = []
    for key, label in labels.items():
        group = GroupFigures(key=key, label=label, count=len(bodies.get(key, ())))
        if group.shown:
            group.dimensions = {
                dimension: quartiles(scores) if len(scores) >= PEER_THRESHOLD else None
                for (group_key, dimension), scores in values.items()
                if group_key == key
            }
        figures.append(group)
    return figures


def check_statistics() -> CheckStatistics:
    """At most four queries (the current version, its dimensions, the scores, the states'
    names), none per group or body."""
    questionnaire = Questionnaire.objects.current()
    dimensions = (
        [
            {"key": key, "name": name}
            for key, name in questionnaire.dimensions.values_list("key", "name")
        ]
        if questionnaire
        else []
    )
    rows = list(
        DimensionScore.objects.filter(assessment__in=Assessment.objects.latest_per_body())
        .values_list(
            "assessment_id",
            "assessment__size_class",
            "assessment__state_id",
            "key",
            "score",
            "assessment__is_example",
        )
        .order_by("assessment_id")
    )
    # The states' names only where there is something to group.
    states = (
        {state.code: state.display_name for state in FederalState.objects.order_by("code")}
        if rows
        else {}
    )
    return CheckStatistics(
        threshold=PEER_THRESHOLD,
        body_count=len({row[0] for row in rows}),
        example_count=len({row[0] for row in rows if row[5]}),
        dimensions=dimensions,
        by_size_class=_groups(rows, 1, dict(SizeClass.choices)),
        by_state=_groups(rows, 2, states),
    )


def atlas_charts() -> list[dict]:
    """The Atlas page's section (``<app>/atlas.py`` hook, see ``digitalcheck/atlas.py``)."""
    statistics = check_statistics()
    return [
        {
            "key": "digital-check",
            "title": _("Digital-Check: Werte je Dimension"),
            "template": "digitalcheck/includes/atlas.html",
            "statistics": statistics,
        }
    ]
