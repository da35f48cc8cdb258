"""The one FilterSet of the project list: page, API, GeoJSON map and exports all use it."""

from functools import reduce
from operator import and_, or_

import django_filters
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from bestpractices.choices import OPEN_SOURCE_LICENCES, Licence, ProjectOrdering, ProjectPhase
from bestpractices.models import Project
from cities.choices import SizeClass
from cities.querysets import size_class_expression, size_class_q
from portal.models import FederalState, Theme

# Filters with counts on the list page, in display order.
FACETS = ["theme", "state", "size_class", "phase", "lighthouse", "open_source", "licence"]


def facet_condition(name: str, value) -> Q:
    """The condition of one value of one facet (values of the same facet are OR-ed)."""
    if name == "theme":
        through = Project.themes.through
        slug = value.slug if isinstance(value, Theme) else value
        return Q(Exists(through.objects.filter(project=OuterRef("pk"), theme__slug=slug)))
    if name == "state":
        code = value.pk if isinstance(value, FederalState) else value
        return Q(lead_municipality__state_id=code)
    if name == "size_class":
        return size_class_q(value, "lead_municipality__population")
    if name == "phase":
        return Q(phase=value)
    if name == "lighthouse":
        return Q(is_lighthouse=value)
    if name == "open_source":
        condition = Q(licence__in=OPEN_SOURCE_LICENCES)
        return condition if value else ~condition
    if name == "licence":
        return Q(licence=value)
    raise ValueError(f"Unknown facet {name!r}")


def _any(name: str, values) -> Q:
    return reduce(or_, (facet_condition(name, value) for value in values))


class ProjectFilterSet(django_filters.FilterSet):
    """Full-text query, facets, the municipality and the sort order of the project list.

    ``filter_queryset`` applies them in a fixed order (search first, because it annotates the
    rank; ordering last); ``facet_counts`` counts every facet value in one SQL query."""

    q = django_filters.CharFilter(
        label=_("Suchbegriff"),
        method="filter_noop",
        help_text=_("Web-Suche: „Wortgruppe“, -ausschließen, ODER mit OR."),
    )
    search = django_filters.CharFilter(
        label=_("Suchbegriff (API)"), method="filter_noop", help_text=_("Wie q.")
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        label=_("Handlungsfeld"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_key_noop",
    )
    state = django_filters.ModelMultipleChoiceFilter(
        label=_("Land"), queryset=FederalState.objects.all(), method="filter_key_noop"
    )
    size_class = django_filters.MultipleChoiceFilter(
        label=_("Größe der Kommune"), choices=SizeClass.choices, method="filter_noop"
    )
    phase = django_filters.MultipleChoiceFilter(
        label=_("Projektstand"), choices=ProjectPhase.choices, method="filter_noop"
    )
    lighthouse = django_filters.BooleanFilter(label=_("Leuchtturmprojekt"), method="filter_noop")
    open_source = django_filters.BooleanFilter(label=_("Open-Source-Lizenz"), method="filter_noop")
    licence = django_filters.MultipleChoiceFilter(
        label=_("Lizenz"), choices=Licence.choices, method="filter_noop"
    )
    municipality = django_filters.CharFilter(
        label=_("Kommune (AGS)"),
        method="filter_noop",
        help_text=_("Projekte, die diese Kommune leitet oder an denen sie beteiligt ist."),
    )
    programme = django_filters.CharFilter(
        label=_("Förderprogramm"),
        method="filter_noop",
        max_length=200,
        help_text=_(
            "Projekte, die aus diesem Förderprogramm (Kurzname für URLs) gefördert wurden."
        ),
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Sortierung"),
        choices=ProjectOrdering.choices,
        method="filter_noop",
        empty_label=None,
    )

    class Meta:
        model = Project
        fields = []

    def filter_noop(self, queryset, name, value):
        # Every filter is applied in filter_queryset, in an order that matters.
        return queryset

    def filter_key_noop(self, queryset, name, value: str):
        # Typed for the OpenAPI schema: theme slugs and state codes are strings.
        return queryset

    @property
    def data_cleaned(self) -> dict:
        return getattr(self.form, "cleaned_data", {}) if self.is_bound else {}

    @property
    def query(self) -> str:
        data = self.data_cleaned
        return " ".join((data.get("q") or data.get("search") or "").split())

    def active_facets(self) -> dict[str, list]:
        """The facet values in the request, by facet."""
        active = {}
        for name in FACETS:
            value = self.data_cleaned.get(name)
            if value is None or value == "":
                continue
            values = [value] if isinstance(value, bool) else list(value)
            if values:
                active[name] = values
        return active

    def facet_q(self, *, without: str | None = None) -> Q:
        """The AND of the active facets (all, or all but one for that facet's counts)."""
        conditions = [
            _any(name, values) for name, values in self.active_facets().items() if name != without
        ]
        return reduce(and_, conditions, Q())

    def searched_queryset(self, queryset):
        """The queryset narrowed by the text query and the municipality (memoised: on
        PostgreSQL the search decides once whether the typo fallback is needed)."""
        if getattr(self, "_searched", None) is None:
            queryset = queryset.search(self.query) if self.query else queryset
            ags = (self.data_cleaned.get("municipality") or "").strip()
            if ags:
                through = Project.participating_municipalities.through
                queryset = queryset.filter(
                    Q(lead_municipality__ags=ags)
                    | Exists(through.objects.filter(project=OuterRef("pk"), municipality__ags=ags))
                )
            programme = (self.data_cleaned.get("programme") or "").strip()
            if programme:
                queryset = queryset.funded_by(programme)
            self._searched = queryset
        return self._searched

    def filter_queryset(self, queryset):
        queryset = self.searched_queryset(queryset).filter(self.facet_q())
        return self.order(queryset)

    def order(self, queryset):
        ordering = self.data_cleaned.get("ordering") or (
            ProjectOrdering.RELEVANCE if self.query else ProjectOrdering.NEWEST
        )
        if ordering == ProjectOrdering.TITLE:
            return queryset.order_by("title", "pk")
        if ordering == ProjectOrdering.RELEVANCE and self.query:
            return queryset.order_by(F("search_rank").desc(), "title", "pk")
        return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")

    def facet_counts(self, *, themes, states) -> dict[str, dict]:
        """Counts per value of every facet, each under the query and the OTHER facets' filters
        (so choosing a theme does not hide the other themes). ``themes`` and ``states`` are
        the options to count.

        One SQL query: a ``UNION ALL`` of one small grouped count per facet, each over the
        projects filtered by the query and the other facets, so the database makes one pass
        per facet instead of testing every value of every facet on every row."""
        options = {
            "theme": [theme.slug for theme in themes],
            "state": [state.pk for state in states],
            "size_class": list(SizeClass.values),
            "phase": list(ProjectPhase.values),
            "lighthouse": [True],
            "open_source": [True],
            "licence": list(Licence.values),
        }
        base = self.searched_queryset(self.queryset).order_by()
        keys = {
            "theme": F("themes__slug"),
            "state": F("lead_municipality__state_id"),
            "size_class": size_class_expression("lead_municipality__population"),
            "phase": F("phase"),
            "lighthouse": None,
            "open_source": None,
            "licence": F("licence"),
        }
        parts = []
        for name in options:
            projects = base.filter(self.facet_q(without=name))
            key = keys[name]
            if key is None:
                # A yes/no facet: only "yes" is offered, counted without grouping.
                projects, key = projects.filter(facet_condition(name, True)), Value("1")
            parts.append(
                projects.annotate(
                    facet_name=Value(name, output_field=CharField()),
                    facet_key=Cast(key, output_field=CharField()),
                )
                .values("facet_name", "facet_key")
                .annotate(facet_count=Count("pk"))
                .values_list("facet_name", "facet_key", "facet_count")
            )
        found = {}
        for name, key, count in parts[0].union(*parts[1:], all=True):
            found[(name, key)] = count
        counts = {name: {} for name in options}
        for name, values in options.items():
            for value in values:
                key = "1" if isinstance(value, bool) else str(value)
                counts[name][value] = found.get((name, key), 0)
        return counts
