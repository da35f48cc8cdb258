"""The one FilterSet of the project list: page, API, GeoJSON map and exports all use it."""

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bestpractices.choices import OPEN_SOURCE_LICENCES, Licence, ProjectOrdering, ProjectPhase
from bestpractices.models import Project
from cities.choices import SizeClass
from cities.querysets import size_class_expression, size_class_q
from funding.models import FundingProgramme
from portal.facets import (
    ChoiceFacet,
    FacetedFilterSet,
    FlagFacet,
    MatchOnceFacetCounts,
    ModelFacet,
)
from portal.models import FederalState, Theme

# The facets of the list, in display order: the filters, their counts, the page's options
# and the API's documentation read these declarations.
FACETS = [
    ModelFacet(
        "theme",
        label=_("Handlungsfeld"),
        queryset=Theme.objects.only("name", "name_en", "slug"),
        to_field_name="slug",
        via="themes",
    ),
    ModelFacet(
        "state",
        label=_("Land"),
        queryset=FederalState.objects.all(),
        to_field_name="code",
        # The state of whichever body leads, kept on the project (``Project.lead_state``).
        field="lead_state_id",
    ),
    ChoiceFacet(
        "size_class",
        label=_("Größe der Kommune"),
        field="population",
        choices=SizeClass.choices,
        key=lambda prefix: size_class_expression(f"{prefix}population"),
        condition=lambda value, prefix: size_class_q(value, f"{prefix}population"),
        via="lead_municipality",
    ),
    ChoiceFacet("phase", label=_("Projektstand"), field="phase", choices=ProjectPhase.choices),
    FlagFacet(
        "lighthouse",
        label=_("Leuchtturmprojekt"),
        when=Q(is_lighthouse=True),
        option_label=_("nur Leuchtturmprojekte"),
    ),
    FlagFacet(
        "open_source",
        label=_("Open-Source-Lizenz"),
        when=Q(licence__in=OPEN_SOURCE_LICENCES),
        option_label=_("nur mit Open-Source-Lizenz"),
    ),
    ChoiceFacet("licence", label=_("Lizenz"), field="licence", choices=Licence.choices),
]


class ProjectFilterSet(MatchOnceFacetCounts, FacetedFilterSet):
    """Full-text query, the municipality, the programme, the facets and the sort order of
    the project list.

    The text query runs first (it annotates the rank), then the municipality and the
    programme (``counted_queryset``, what the facet counts read), then the facets, then the
    order; ``facet_counts`` counts every facet value in one SQL statement."""

    facets = FACETS

    q = django_filters.CharFilter(
        label=_("Suchbegriff"),
        method="filter_search",
        help_text=_("Web-Suche: „Wortgruppe“, -ausschließen, ODER mit OR."),
    )
    search = django_filters.CharFilter(
        label=_("Suchbegriff (API)"), method="filter_search", help_text=_("Wie q.")
    )
    municipality = django_filters.CharFilter(
        label=_("Kommune (AGS)"),
        method="filter_municipality",
        help_text=_("Projekte, die diese Kommune leitet oder an denen sie beteiligt ist."),
    )
    programme = django_filters.CharFilter(
        label=_("Förderprogramm"),
        method="filter_programme",
        max_length=200,
        help_text=_(
            "Projekte, die aus diesem Förderprogramm (Kurzname für URLs) gefördert wurden."
        ),
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Sortierung"),
        choices=ProjectOrdering.choices,
        # Applied last by ``order()``: the default order depends on the text query.
        method="filter_facet",
        empty_label=None,
    )

    # Set by ``facet_counts``: the list's own count when the facet statement counted it, and
    # the keys of the listed projects when it also named them.
    total: int | None = None
    matched_keys: list[int] | None = None

    class Meta:
        model = Project
        fields = []

    @property
    def query(self) -> str:
        data = self.data_cleaned
        return " ".join((data.get("q") or data.get("search") or "").split())

    def filter_search(self, queryset, name, value):
        # ``q`` and ``search`` are one query: it runs once, for the first of them given.
        if name == "search" and self.data_cleaned.get("q"):
            return queryset
        return queryset.search(self.query) if self.query else queryset

    def filter_municipality(self, queryset, name, value):
        return queryset.involving(value.strip()) if value.strip() else queryset

    def filter_programme(self, queryset, name, value):
        # Only among the programmes the visitor may see: a draft's slug finds nothing,
        # exactly like an unknown one.
        user = getattr(self.request, "user", None)
        visible = FundingProgramme.objects.visible_to(user).filter(slug=value.strip())
        return queryset.funded_by(visible)

    def counted_queryset(self):
        """The list narrowed by the text query, the municipality and the programme
        (memoised: on PostgreSQL the search decides once whether the typo fallback is
        needed)."""
        if getattr(self, "_searched", None) is None:
            self._searched = super().counted_queryset()
        return self._searched

    def filter_queryset(self, queryset):
        queryset = self.counted_queryset()
        if self.matched_keys is not None:
            # ``facet_counts`` ran first and named the projects found: read them by key
            # rather than by the facets' conditions once more, which took longer to plan
            # than the keys take to read.
            queryset = queryset.filter(pk__in=self.matched_keys)
        else:
            queryset = queryset.filter(self.facet_q())
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

    def facet_counts(self) -> dict[str, dict]:
        """Counts per value of every facet, each under the query and the OTHER facets'
        filters. With a text query the match runs once (``facet_rows_over_matches``) and it
        also sets ``total``: how many projects the query and all facets find (else
        ``None``), so the list needs no count of its own, and ``matched_keys``: the primary
        keys of those projects when there are at most ``keys_limit`` (else ``None``).
        Without one every count reads the table itself, so that the other facets'
        conditions can use their indexes."""
        if not self.query:
            return super().facet_counts()
        rows = self.facet_rows_over_matches()
        self.total = next(count for name, _key, count in rows if name == "total")
        self.matched_keys = (
            [int(key) for name, key, _count in rows if name == "key"]
            if self.total <= self.keys_limit
            else None
        )
        return super().facet_counts([row for row in rows if row[0] not in ("total", "key")])
