"""Reads of the Digital-Check: a body's previous result, the comparison with its peers,
and the first steps for its gaps. Each runs a fixed number of queries, whatever the number
of dimensions, gaps or peers."""

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bestpractices.models import Project
from cities.choices import SIZE_CLASS_BOUNDS, SizeClass, size_class_for
from digitalcheck.choices import PEER_THRESHOLD
from digitalcheck.models import BODY_FIELDS, Assessment, DimensionScore
from digitalcheck.scoring import Result, rounded
from events.models import Event, ExpertCircle
from funding.selectors import MatchCriteria, match_reasons, programmes_matching
from members.selectors import body_field_of, contact_body_path_kwargs

# How many suggestions of each kind a gap gets.
SUGGESTIONS_PER_KIND = 3


def body_of(assessment_or_body):
    return getattr(assessment_or_body, "body", assessment_or_body)


def previous_scores(assessment: Assessment) -> tuple[Decimal | None, dict[str, Decimal]]:
    """The overall score and the scores by dimension key of the body's latest submitted
    check before ``assessment`` (an earlier year), or (None, {})."""
    earlier = (
        Assessment.objects.submitted()
        .filter(**assessment.body_filter(), year__lt=assessment.year)
        .order_by("-year")
        .first()
    )
    if earlier is None:
        return None, {}
    return earlier.score, dict(earlier.scores.values_list("key", "score"))


def add_previous(result: Result, assessment: Assessment) -> Decimal | None:
    """Put the previous check's scores into ``result`` (same dimension key only); returns
    the previous overall score."""
    overall, by_key = previous_scores(assessment)
    for dimension_result in result.dimensions:
        dimension_result.previous = by_key.get(dimension_result.key)
    return overall


@dataclass
class Quartiles:
    count: int
    lower: Decimal
    median: Decimal
    upper: Decimal


def quartiles(values: list[Decimal]) -> Quartiles:
    # "inclusive": the quartiles of the values themselves (the bodies are the population).
    lower, median, upper = statistics.quantiles(values, n=4, method="inclusive")
    return Quartiles(len(values), rounded(lower), rounded(median), rounded(upper))


@dataclass
class PeerGroup:
    """Other bodies with a submitted check that share one trait with the body."""

    label: str
    count: int
    # Of them, the demo's example checks (made up): the page says so.
    example_count: int = 0
    overall: Quartiles | None = None
    by_key: dict[str, Quartiles] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.count >= PEER_THRESHOLD

    @property
    def reason(self) -> str:
        """Why no comparison is shown, in words."""
        return _(
            "Noch kein Vergleich: bisher haben %(count)s vergleichbare Stellen den Check "
            "eingereicht. Angezeigt werden Vergleiche erst ab %(threshold)s Stellen, damit "
            "niemand auf die Antworten einer einzelnen Stelle schließen kann."
        ) % {"count": self.count, "threshold": PEER_THRESHOLD}


def peer_traits(body) -> list[tuple[str, dict]]:
    """The groups a body is compared with: its size class (where its population is known)
    and its state, each among bodies of the same kind."""
    traits = []
    size_class = size_class_for(getattr(body, "population", None))
    if size_class:
        traits.append(
            (
                _("%(kind)s der Größenklasse „%(size)s“")
                % {"kind": kind_plural(body), "size": SizeClass(size_class).label},
                {"size_class": size_class},
            )
        )
    traits.append(
        (
            _("%(kind)s in %(state)s") % {"kind": kind_plural(body), "state": body.state},
            {"state_id": body.state_id},
        )
    )
    return traits


def kind_plural(body) -> str:
    return {
        "municipality": _("Kommunen"),
        "association": _("Gemeindeverbände"),
        "district": _("Kreise"),
    }[body_field_of(body)]


def peer_groups(body) -> list[PeerGroup]:
    """The comparison of ``body`` with its peers: quartiles of the other bodies' latest
    submitted checks, per dimension key and overall. A group of fewer than
    ``PEER_THRESHOLD`` bodies shows its size only. One query per group (at most two)."""
    field_name = body_field_of(body)
    groups = []
    for label, condition in peer_traits(body):
        peers = (
            Assessment.objects.latest_per_body()
            .filter(**{f"{field_name}__isnull": False}, **condition)
            .exclude(**{field_name: body})
        )
        rows = list(
            DimensionScore.objects.filter(assessment__in=peers).values_list(
                "assessment_id", "assessment__score", "key", "score", "assessment__is_example"
            )
        )
        overall = {row[0]: row[1] for row in rows}
        examples = len({row[0] for row in rows if row[4]})
        group = PeerGroup(label=label, count=len(overall), example_count=examples)
        if group.shown:
            group.overall = quartiles(list(overall.values()))
            values: dict[str, list[Decimal]] = {}
            for _assessment_id, _overall, key, score, _example in rows:
                values.setdefault(key, []).append(score)
            group.by_key = {
                key: quartiles(scores)
                for key, scores in values.items()
                if len(scores) >= PEER_THRESHOLD
            }
        groups.append(group)
    return groups


# --- "Erste Schritte" ---------------------------------------------------------------------


@dataclass
class Suggestion:
    kind: str
    title: str
    url: str
    reasons: list[str]
    is_example: bool = False


@dataclass
class FirstSteps:
    """What the portal suggests for one gap, each item with why it was chosen."""

    result: object
    projects: list[Suggestion] = field(default_factory=list)
    programmes: list[Suggestion] = field(default_factory=list)
    circles: list[Suggestion] = field(default_factory=list)
    events: list[Suggestion] = field(default_factory=list)
    bodies: list[Suggestion] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.projects or self.programmes or self.circles or self.events or self.bodies)


def size_bounds_q(prefix: str, size_class: str | None) -> Q:
    if not size_class:
        return Q(pk__in=[])
    lower, upper = SIZE_CLASS_BOUNDS[size_class]
    condition = Q(**{f"{prefix}population__gte": lower})
    if upper is not None:
        condition &= Q(**{f"{prefix}population__lt": upper})
    return condition


def has_transfer_data_q(prefix: str = "") -> Q:
    return ~Q(**{f"{prefix}prerequisites": ""}) | ~Q(**{f"{prefix}effort": ""})


def _project_suggestions(gaps, *, user, size_class) -> dict[int, list[Suggestion]]:
    """Per theme of a gap: published projects of that theme, those led by a body of the
    same size class first, then those with data on how to take them over, then lighthouse
    projects. Two queries: the ranking per theme (a window), then the projects."""
    theme_ids = {gap.dimension.theme_id for gap in gaps if gap.dimension.theme_id}
    if not theme_ids:
        return {}
    through = Project.themes.through
    visible = Project.objects.visible_to(user)
    same_size = Case(
        When(
            size_bounds_q("project__lead_municipality__", size_class)
            | size_bounds_q("project__lead_district__", size_class),
            then=Value(1),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    transfer = Case(
        When(has_transfer_data_q("project__"), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    ranked = (
        through.objects.filter(theme_id__in=theme_ids, project__in=visible)
        .annotate(same_size=same_size, transfer=transfer)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("theme_id")],
                order_by=[
                    F("same_size").desc(),
                    F("transfer").desc(),
                    F("project__is_lighthouse").desc(),
                    F("project__pk").desc(),
                ],
            )
        )
        .filter(rank__lte=SUGGESTIONS_PER_KIND)
        .values_list("theme_id", "project_id", "same_size", "transfer", "rank")
    )
    rows = sorted(ranked, key=lambda row: (row[0], row[4]))
    projects = Project.objects.select_related(
        "lead_municipality", "lead_association", "lead_district"
    ).in_bulk({row[1] for row in rows})
    size_label = SizeClass(size_class).label if size_class else ""
    suggestions: dict[int, list[Suggestion]] = {}
    themes = {gap.dimension.theme_id: gap.dimension.theme for gap in gaps}
    for theme_id, project_id, is_same_size, has_transfer, _rank in rows:
        project = projects[project_id]
        reasons = [_("Handlungsfeld %(theme)s") % {"theme": themes[theme_id].display_name}]
        if is_same_size:
            reasons.append(
                _("federführend eine Stelle der Größenklasse „%(size)s“ wie Ihre")
                % {"size": size_label}
            )
        if has_transfer:
            reasons.append(_("mit Angaben zur Übertragung (Voraussetzungen, Aufwand)"))
        if project.is_lighthouse:
            reasons.append(_("Leuchtturmprojekt"))
        suggestions.setdefault(theme_id, []).append(
            Suggestion(
                kind="project",
                title=project.title,
                url=project.get_absolute_url(),
                reasons=reasons,
            )
        )
    return suggestions


def _programme_suggestions(gaps, *, user, body) -> dict[int, list[Suggestion]]:
    """Open and upcoming programmes that fit the body (the matcher) and a gap's theme."""
    themes = tuple({gap.dimension.theme for gap in gaps if gap.dimension.theme_id})
    if not themes:
        return {}
    criteria = MatchCriteria(
        state=body.state, population=getattr(body, "population", None), themes=themes
    )
    suggestions: dict[int, list[Suggestion]] = {}
    # The soonest deadlines first; enough for three per theme in all but odd cases.
    for programme in programmes_matching(user=user, criteria=criteria)[:50]:
        reasons = match_reasons(programme, criteria)
        for theme in programme.themes.all():
            chosen = suggestions.setdefault(theme.pk, [])
            if theme in themes and len(chosen) < SUGGESTIONS_PER_KIND:
                chosen.append(
                    Suggestion(
                        kind="programme",
                        title=programme.title,
                        url=programme.get_absolute_url(),
                        reasons=reasons,
                        is_example=programme.is_example,
                    )
                )
    return suggestions


def _by_theme(queryset, gaps, kind: str, reason) -> dict[int, list[Suggestion]]:
    """Items of ``queryset`` (in its order) on the themes of the gaps, a few per theme. One
    query: an item on two themes comes once per theme."""
    themes = {gap.dimension.theme_id: gap.dimension.theme for gap in gaps if gap.dimension.theme_id}
    if not themes:
        return {}
    suggestions: dict[int, list[Suggestion]] = {}
    rows = queryset.filter(themes__in=themes).annotate(theme_key=F("themes"))[:60]
    for item in rows:
        chosen = suggestions.setdefault(item.theme_key, [])
        if len(chosen) < SUGGESTIONS_PER_KIND:
            chosen.append(
                Suggestion(
                    kind=kind,
                    title=str(item),
                    url=item.get_absolute_url(),
                    reasons=[reason(item, themes[item.theme_key])],
                    is_example=getattr(item, "is_example", False),
                )
            )
    return suggestions


def _strong_bodies(gaps, *, body, size_class) -> dict[str, list[Suggestion]]:
    """Per gap: other bodies whose latest check reaches the target in that dimension and
    who agreed to be asked, those of the same size class first. One query (a window)."""
    targets = {gap.key: gap.target for gap in gaps}
    if not targets:
        return {}
    field_name = body_field_of(body)
    reaches = Q(pk__in=[])
    for key, target in targets.items():
        reaches |= Q(key=key, score__gte=target)
    same_size = Case(
        When(assessment__size_class=size_class or "-", then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = (
        DimensionScore.objects.filter(
            reaches,
            assessment__in=Assessment.objects.latest_per_body().filter(open_to_contact=True),
        )
        .exclude(**{f"assessment__{field_name}": body})
        .annotate(same_size=same_size)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("key")],
                order_by=[F("same_size").desc(), F("score").desc(), F("assessment_id").asc()],
            )
        )
        .filter(rank__lte=SUGGESTIONS_PER_KIND)
        .select_related(*[f"assessment__{name}" for name in BODY_FIELDS])
        .order_by("key", "rank")
    )
    suggestions: dict[str, list[Suggestion]] = {}
    for row in rows:
        other = row.assessment.body
        reasons = [
            _("erreicht hier %(score)s von 100 (Check %(year)s)")
            % {"score": round(row.score), "year": row.assessment.year}
        ]
        if row.same_size:
            reasons.append(_("gleiche Größenklasse wie Ihre Stelle"))
        reasons.append(_("möchte zu dieser Stärke angesprochen werden"))
        suggestions.setdefault(row.key, []).append(
            Suggestion(
                kind="body",
                title=other.name,
                url=reverse("members:contact_body", kwargs=contact_body_path_kwargs(other)),
                reasons=reasons,
            )
        )
    return suggestions


def first_steps(result: Result, *, user, body=None) -> list[FirstSteps]:
    """For each gap of ``result`` (largest first): projects, programmes, expert circles,
    upcoming events and bodies to ask. Without a body (the anonymous check) the same
    without what depends on the body (size class, state, own results)."""
    gaps = result.gaps
    if not gaps:
        return []
    size_class = size_class_for(getattr(body, "population", None)) if body else None
    projects = _project_suggestions(gaps, user=user, size_class=size_class)
    programmes = _programme_suggestions(gaps, user=user, body=body) if body else {}
    circles = _by_theme(
        ExpertCircle.objects.visible_to(user).order_by("name"),
        gaps,
        "circle",
        lambda circle, theme: (
            _("Expertenkreis zum Handlungsfeld %(theme)s") % {"theme": theme.display_name}
        ),
    )
    events = _by_theme(
        Event.objects.visible_to(user).upcoming(timezone.now()),
        gaps,
        "event",
        lambda event, theme: (
            _("Termin zum Handlungsfeld %(theme)s am %(date)s")
            % {
                "theme": theme.display_name,
                "date": timezone.localtime(event.start).strftime("%d.%m.%Y"),
            }
        ),
    )
    bodies = _strong_bodies(gaps, body=body, size_class=size_class) if body else {}
    steps = []
    for gap in gaps:
        theme_id = gap.dimension.theme_id
        steps.append(
            FirstSteps(
                result=gap,
                projects=projects.get(theme_id, []),
                programmes=programmes.get(theme_id, []),
                circles=circles.get(theme_id, []),
                events=events.get(theme_id, []),
                bodies=bodies.get(gap.key, []),
            )
        )
    return steps
