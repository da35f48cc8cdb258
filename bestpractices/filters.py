"""The one FilterSet of the project list: page, API, GeoJSON map and exports all use it."""

from functools import reduce
from operator import and_, or_

import django_filters
from django.db import connections
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    Q,
    Value,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from bestpractices.choices import OPEN_SOURCE_LICENCES, Licence, ProjectOrdering, ProjectPhase
from bestpractices.models import Project
from cities.choices import SizeClass
from cities.models import Municipality
from cities.querysets import size_class_expression, size_class_q
from funding.models import FundingProgramme
from portal.models import FederalState, Theme

# Filters with counts on the list page, in display order.
FACETS = ["theme", "state", "size_class", "phase", "lighthouse", "open_source", "licence"]

# Up to this many projects found, the facet counts also return their keys, so that the page
# reads its rows by primary key instead of matching the query once more (``matched_keys``).
MATCHED_KEYS_LIMIT = 500


def municipality_condition(name: str, value, prefix: str = "") -> Q:
    """The condition of one value of a facet on the lead municipality, on the municipality
    (``prefix`` reaches it from the queried model)."""
    if name == "state":
        return Q(**{f"{prefix}state_id": value.pk if isinstance(value, FederalState) else value})
    if name == "size_class":
        return size_class_q(value, f"{prefix}population")
    raise ValueError(f"Unknown facet on the municipality {name!r}")


def municipality_keys(prefix: str = "") -> dict:
    """What the facets on the lead municipality group by (``prefix`` as above)."""
    return {
        "state": F(f"{prefix}state_id"),
        "size_class": size_class_expression(f"{prefix}population"),
    }


# Facets on the project's lead municipality.
MUNICIPALITY_FACETS = tuple(municipality_keys())


def facet_condition(name: str, value) -> Q:
    """The condition of one value of one facet (values of the same facet are OR-ed)."""
    if name in MUNICIPALITY_FACETS:
        return municipality_condition(name, value, "lead_municipality__")
    if name == "theme":
        through = Project.themes.through
        slug = value.slug if isinstance(value, Theme) else value
        # IN rather than EXISTS: as a column of the facet counts' ``matched`` rows, PostgreSQL
        # hashes the theme's projects once instead of probing the themes of every row.
        return Q(pk__in=through.objects.filter(theme__slug=slug).values("project_id"))
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


def _lead_among(name: str, values) -> Q:
    """A facet on the lead municipality as ``lead IN (the municipalities meeting it)``: as a
    column of the facet counts' ``matched`` rows, PostgreSQL hashes those municipalities once
    instead of looking up the municipality of every project found."""
    conditions = (municipality_condition(name, value) for value in values)
    municipalities = Municipality.objects.filter(reduce(or_, conditions))
    return Q(lead_municipality__in=municipalities.values("pk"))


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

    # Set by ``facet_counts``: the list's own count when the facet statement counted it, and
    # the keys of the listed projects when it also named them.
    total: int | None = None
    matched_keys: list[int] | None = None

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
                queryset = queryset.involving(ags)
            programme = (self.data_cleaned.get("programme") or "").strip()
            if programme:
                # Only among the programmes the visitor may see: a draft's slug finds
                # nothing, exactly like an unknown one.
                user = getattr(self.request, "user", None)
                visible = FundingProgramme.objects.visible_to(user).filter(slug=programme)
                queryset = queryset.funded_by(visible)
            self._searched = queryset
        return self._searched

    def filter_queryset(self, queryset):
        queryset = self.searched_queryset(queryset)
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

    def facet_counts(self, *, themes, states) -> dict[str, dict]:
        """Counts per value of every facet, each under the query and the OTHER facets' filters
        (so choosing a theme does not hide the other themes). ``themes`` and ``states`` are
        the options to count. With a text query it also sets ``total``: how many projects
        the query and all facets find (else ``None``), so the list needs no count of its own,
        and ``matched_keys``: the primary keys of those projects when there are at most
        ``MATCHED_KEYS_LIMIT`` (else ``None``).

        One SQL statement: a ``UNION ALL`` of one small grouped count per facet, each under
        the other facets' filters. With a text query the match runs once, in a common table
        expression that the counts share; without one every count reads the table itself,
        so that the other facets' conditions can use their indexes."""
        options = {
            "theme": [theme.slug for theme in themes],
            "state": [state.pk for state in states],
            "size_class": list(SizeClass.values),
            "phase": list(ProjectPhase.values),
            "lighthouse": [True],
            "open_source": [True],
            "licence": list(Licence.values),
        }
        rows = self._facet_rows_over_matches() if self.query else self._facet_rows_per_facet()
        found = {(name, key): count for name, key, count in rows if name != "key"}
        self.total = found.pop(("total", ""), None)
        self.matched_keys = (
            [int(key) for name, key, _count in rows if name == "key"]
            if self.total is not None and self.total <= MATCHED_KEYS_LIMIT
            else None
        )
        counts = {name: {} for name in options}
        for name, values in options.items():
            for value in values:
                key = "1" if isinstance(value, bool) else str(value)
                counts[name][value] = found.get((name, key), 0)
        return counts

    def _project_keys(self) -> dict:
        """What the facets on the project's own columns group by."""
        return {
            "phase": F("phase"),
            "lighthouse": facet_condition("lighthouse", True),
            "open_source": facet_condition("open_source", True),
            "licence": F("licence"),
        }

    def _facet_keys(self) -> dict:
        """What each facet groups by (the theme facet joins the projects' themes)."""
        return {**municipality_keys("lead_municipality__"), **self._project_keys()}

    def _facet_rows_per_facet(self) -> list[tuple[str, str, int]]:
        """(facet, key, count) rows, each facet's count over the table filtered by the
        other facets; yes/no facets count under "1"."""
        base = self.searched_queryset(self.queryset).order_by()
        # The theme facet counts the projects' theme links, from the link table: reading it
        # once and hashing the projects is cheaper than joining every project to its links.
        through = Project.themes.through
        parts = [
            through.objects.filter(
                project__in=base.filter(self.facet_q(without="theme")).values("pk")
            )
            .annotate(
                facet_name=Value("theme", output_field=CharField()),
                facet_key=Cast("theme__slug", output_field=CharField()),
            )
            .values("facet_name", "facet_key")
            .annotate(facet_count=Count("pk"))
            .values_list("facet_name", "facet_key", "facet_count")
        ]
        for name, key in self._facet_keys().items():
            projects = base.filter(self.facet_q(without=name))
            if isinstance(key, Q):
                # A yes/no facet: only "yes" is offered, counted without grouping.
                projects, key = projects.filter(key), Value("1")
            parts.append(
                projects.annotate(
                    facet_name=Value(name, output_field=CharField()),
                    facet_key=Cast(key, output_field=CharField()),
                )
                .values("facet_name", "facet_key")
                .annotate(facet_count=Count("pk"))
                .values_list("facet_name", "facet_key", "facet_count")
            )
        return list(parts[0].union(*parts[1:], all=True))

    def _facet_rows_over_matches(self) -> list[tuple[str, str, int]]:
        """The same rows as ``_facet_rows_per_facet``, counted over a common table
        expression ``matched``: one row per project the query finds, with its facet keys
        and whether it meets each active facet. The full-text match runs once instead of
        once per facet.

        The facets on the lead municipality are counted per municipality first
        (``by_lead``), and only the municipalities with a count are looked up: a broad query
        finds thousands of projects, and looking up the municipality of each was a third
        of the statement's time."""
        keys = self._project_keys()
        active = self.active_facets()
        meets = {
            f"meets_{name}": ExpressionWrapper(
                _lead_among(name, values) if name in MUNICIPALITY_FACETS else _any(name, values),
                output_field=BooleanField(),
            )
            for name, values in active.items()
        }
        matched = (
            self.searched_queryset(self.queryset)
            .order_by()
            .annotate(
                project_id=F("pk"),
                lead_id=F("lead_municipality_id"),
                **{
                    f"key_{name}": (
                        ExpressionWrapper(key, output_field=BooleanField())
                        if isinstance(key, Q)
                        else Cast(key, output_field=CharField())
                    )
                    for name, key in keys.items()
                },
                **meets,
            )
            .values("project_id", "lead_id", *(f"key_{name}" for name in keys), *meets)
        )
        matched_sql, matched_params = matched.query.sql_with_params()
        lead_keys = municipality_keys()
        municipalities = (
            Municipality.objects.order_by()
            .annotate(
                **{
                    f"key_{name}": Cast(key, output_field=CharField())
                    for name, key in lead_keys.items()
                }
            )
            .values("pk", *(f"key_{name}" for name in lead_keys))
        )
        municipalities_sql, municipalities_params = municipalities.query.sql_with_params()

        def meeting(without: str | None = None) -> list[str]:
            """The conditions of every active facet (but ``without``)."""
            return [f"m.meets_{name}" for name in active if name != without]

        def counted(without: str, *extra: str, join: str = "") -> str:
            """The rows a count reads: the projects found under every active facet but
            ``without``, that also meet ``extra`` (``join`` adds tables to them)."""
            if active and without not in active:
                # Under every active facet: the listed projects, narrowed once.
                source, conditions = "listed", [*extra]
            else:
                source, conditions = "matched", [*meeting(without), *extra]
            where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
            return f"FROM {source} m{join}{where}"

        through = Project.themes.through._meta
        project_column = through.get_field("project").column
        theme_column = through.get_field("theme").column
        theme_join = (
            f' JOIN "{through.db_table}" pt ON pt."{project_column}" = m.project_id'
            f' JOIN "{Theme._meta.db_table}" t ON t."{Theme._meta.pk.column}" = pt."{theme_column}"'
        )
        per_lead = ", ".join(
            f"COUNT(*) FILTER (WHERE {' AND '.join(meeting(name)) or 'TRUE'}) AS for_{name}"
            for name in lead_keys
        )
        lead_columns = ", ".join(f"b.for_{name}, mu.key_{name}" for name in lead_keys)
        any_count = " OR ".join(f"b.for_{name} > 0" for name in lead_keys)
        ctes = [f"matched AS ({matched_sql})"]
        if active:
            ctes.append(f"listed AS (SELECT * FROM matched m WHERE {' AND '.join(meeting())})")
        ctes += [
            f"by_lead AS (SELECT m.lead_id, {per_lead} FROM matched m GROUP BY m.lead_id)",
            f"leads AS (SELECT {lead_columns} FROM by_lead b JOIN ({municipalities_sql}) mu"
            f" ON mu.pk = b.lead_id WHERE {any_count})",
        ]
        legs = [
            f"SELECT 'total', '', COUNT(*) {counted('total')}",
            # The keys of the listed projects, when they are few: the page then reads them by
            # primary key. Planning the page's own match, PostgreSQL underestimates how many
            # rows the words find (words are rarely independent) and picks a slow plan.
            "SELECT 'key', CAST(m.project_id AS varchar(20)), 1 "
            + counted("total", f"(SELECT COUNT(*) {counted('total')}) <= {MATCHED_KEYS_LIMIT}"),
            # The theme facet joins the projects' themes (a project counts once per theme).
            f"SELECT 'theme', t.slug, COUNT(*) {counted('theme', join=theme_join)} GROUP BY t.slug",
        ]
        for name in lead_keys:
            legs.append(
                f"SELECT '{name}', l.key_{name}, CAST(SUM(l.for_{name}) AS bigint) FROM leads l"
                f" GROUP BY l.key_{name} HAVING SUM(l.for_{name}) > 0"
            )
        for name, key in keys.items():
            if isinstance(key, Q):
                # A yes/no facet: only "yes" is offered, counted without grouping.
                legs.append(f"SELECT '{name}', '1', COUNT(*) {counted(name, f'm.key_{name}')}")
            else:
                legs.append(
                    f"SELECT '{name}', m.key_{name}, COUNT(*) {counted(name)} GROUP BY m.key_{name}"
                )
        sql = f"WITH {', '.join(ctes)} " + " UNION ALL ".join(legs)
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, (*matched_params, *municipalities_params))
            return cursor.fetchall()
