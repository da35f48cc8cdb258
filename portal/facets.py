"""Facets: filters of a list that also show how many rows each of their values would find.

Each facet is declared once, in the list's FilterSet (``facets = [...]``): its name (the
query parameter), label and help text, what it groups by, how a chosen value narrows the
list, and its options with their labels. The FilterSet's filter, the counts (one SQL
statement for all facets), the page's options and the API's documentation read that
declaration. ``docs/architecture.md`` has the checklist "add a facet".

Where a facet's values live:

- on the list's own rows (``ChoiceFacet`` on a column, ``FlagFacet`` for a yes/no
  condition);
- on a related row reached by a foreign key (``via="lead_municipality"``): the key and the
  condition are written for that row and reached through the key;
- behind a many-to-many relation (``ModelFacet`` with ``via="themes"``): counted through the
  link table, a row counting once per linked value.

Values of one facet are OR-ed, facets AND-ed; every facet counts under all the other
facets' choices (so that choosing a theme does not hide the other themes).
"""

from functools import reduce
from operator import and_, or_

import django_filters
from django.db import connections
from django.db.models import BooleanField, CharField, Count, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Cast
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from portal.filters import KeyModelChoiceFilter


class Facet:
    """The declaration of one facet (see the module's documentation)."""

    def __init__(self, name, *, label, help_text="", via="", multiple=True, empty_label=None):
        self.name = name
        self.label = label
        self.help_text = help_text
        self.via = via
        self.multiple = multiple
        self.empty_label = empty_label

    def filter(self) -> django_filters.Filter:
        """The FilterSet's filter: it validates the values; ``FacetedFilterSet`` applies them."""
        raise NotImplementedError

    def options(self) -> list[tuple]:
        """(value, label) of every value offered, in display order."""
        raise NotImplementedError

    def key(self, prefix: str = ""):
        """What the counts group by, on the row that holds the facet's values (``prefix``
        reaches that row from the counted one)."""
        raise NotImplementedError

    def condition(self, value, prefix: str = "") -> Q:
        """The rows one chosen value keeps (on the row that holds the values, see ``key``)."""
        raise NotImplementedError

    def count_key(self, value) -> str:
        """How an option's value appears among the counted keys."""
        return str(value)

    def chosen(self, value) -> list:
        """A cleaned filter value as a list of chosen values (empty: not chosen)."""
        if value is None or value == "":
            return []
        if isinstance(value, bool | str) or not hasattr(value, "__iter__"):
            return [value]
        return list(value)  # several values: a list, or the objects' queryset

    @property
    def prefix(self) -> str:
        """The lookup prefix that reaches the row holding the values from a row of the list."""
        return f"{self.via}__" if self.via else ""


class ChoiceFacet(Facet):
    """Values of a column with fixed choices (``key``/``condition`` may replace the plain
    column, e.g. size classes computed from the population)."""

    def __init__(self, name, *, field, choices, key=None, condition=None, **kwargs):
        super().__init__(name, **kwargs)
        self.field = field
        self.choices = list(choices)
        self._key = key
        self._condition = condition

    def filter(self):
        options = {"label": self.label, "help_text": self.help_text, "method": "filter_facet"}
        if self.multiple:
            return django_filters.MultipleChoiceFilter(choices=self.choices, **options)
        return django_filters.ChoiceFilter(
            choices=self.choices, empty_label=self.empty_label, **options
        )

    def options(self):
        return list(self.choices)

    def key(self, prefix=""):
        return self._key(prefix) if self._key else F(f"{prefix}{self.field}")

    def condition(self, value, prefix=""):
        if self._condition:
            return self._condition(value, prefix)
        return Q(**{f"{prefix}{self.field}": value})


class FlagFacet(Facet):
    """A yes/no condition on the list's own rows; only "yes" is offered and counted."""

    def __init__(self, name, *, when: Q, option_label, **kwargs):
        super().__init__(name, **kwargs)
        self.when = when
        self.option_label = option_label

    def filter(self):
        return django_filters.BooleanFilter(
            label=self.label, help_text=self.help_text, method="filter_facet"
        )

    def options(self):
        return [(True, self.option_label)]

    def key(self, prefix=""):
        return self.when

    def condition(self, value, prefix=""):
        return self.when if value else ~self.when

    def count_key(self, value):
        return "1"


class ModelFacet(Facet):
    """Objects of a model chosen by a stable key (``to_field_name``: a slug or a code), on a
    column of the row (``field``) or behind a many-to-many relation (``via``)."""

    def __init__(self, name, *, queryset, to_field_name, field="", **kwargs):
        super().__init__(name, **kwargs)
        self.queryset = queryset
        self.to_field_name = to_field_name
        self.field = field

    def filter(self):
        options = {
            "label": self.label,
            "help_text": self.help_text,
            "queryset": self.queryset,
            "to_field_name": self.to_field_name,
            "method": "filter_facet",
        }
        if self.multiple:
            return KeyModelMultipleChoiceFilter(**options)
        return KeyModelChoiceFilter(empty_label=self.empty_label, **options)

    def options(self):
        return [(getattr(obj, self.to_field_name), obj.display_name) for obj in self.queryset.all()]

    def value(self, value):
        """A chosen object (or its key) as its key."""
        return getattr(value, self.to_field_name, value)

    def key(self, prefix=""):
        return F(f"{prefix}{self.field}")

    def condition(self, value, prefix=""):
        return Q(**{f"{prefix}{self.field}": self.value(value)})

    def count_key(self, value):
        return str(self.value(value))

    def link(self, model):
        """For a facet behind a many-to-many relation of ``model``: the link table's model,
        the link's field to ``model`` and the lookup of the facet's key from a link."""
        relation = model._meta.get_field(self.via)
        through = relation.remote_field.through
        target = relation.m2m_reverse_field_name()
        return through, relation.m2m_field_name(), f"{target}__{self.to_field_name}"


@extend_schema_field(OpenApiTypes.STR)
class KeyModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Several objects by their stable keys (typed as strings in the API, like
    ``KeyModelChoiceFilter``)."""


def is_link(facet: Facet, model) -> bool:
    """Whether the facet's values are behind a many-to-many relation of ``model``."""
    return bool(facet.via) and model._meta.get_field(facet.via).many_to_many


class FacetedFilterSet(django_filters.FilterSet):
    """A FilterSet with facets: ``facets`` declares them (see the module's documentation).

    The facet filters validate the values; ``filter_queryset`` applies the other filters
    (theirs is a method that leaves the queryset alone), then all facets as one condition."""

    facets: list[Facet] = []

    @classmethod
    def get_filters(cls):
        # The facets' filters count as declared ones (so ``Meta.fields`` may order them),
        # replacing an inherited filter of the same name.
        for facet in cls.facets:
            facet_filter = facet.filter()
            # As for declared filters: the schema then reads a model field of that name.
            facet_filter.field_name = facet.name
            cls.declared_filters[facet.name] = facet_filter
        return super().get_filters()

    @classmethod
    def facet(cls, name: str) -> Facet:
        return next(facet for facet in cls.facets if facet.name == name)

    def filter_facet(self, queryset, name, value):
        # Facets are applied together in ``filter_queryset`` (and counted without each one).
        return queryset

    @property
    def data_cleaned(self) -> dict:
        return getattr(self.form, "cleaned_data", {}) if self.is_bound else {}

    def active_facets(self) -> dict[str, list]:
        """The chosen values, by facet."""
        active = {}
        for facet in self.facets:
            values = facet.chosen(self.data_cleaned.get(facet.name))
            if values:
                active[facet.name] = values
        return active

    def facet_condition(self, facet: Facet, values) -> Q:
        """The rows of the list that one facet's chosen values keep (OR of the values)."""
        model = self.queryset.model
        if is_link(facet, model):
            through, owner, key = facet.link(model)
            links = through.objects.filter(**{f"{key}__in": [facet.value(v) for v in values]})
            # IN rather than EXISTS: as a column of the counts' ``matched`` rows, PostgreSQL
            # hashes the linked rows once instead of probing the links of every row.
            return Q(pk__in=links.values(f"{owner}_id"))
        return reduce(or_, (facet.condition(value, facet.prefix) for value in values))

    def facet_q(self, *, without: str | None = None) -> Q:
        """The AND of the active facets (all, or all but one for that facet's counts)."""
        facets = {facet.name: facet for facet in self.facets}
        conditions = [
            self.facet_condition(facets[name], values)
            for name, values in self.active_facets().items()
            if name != without
        ]
        return reduce(and_, conditions, Q())

    def counted_queryset(self):
        """The rows the counts read: the list narrowed by every filter but the facets."""
        if not self.is_bound:
            return self.queryset.all()
        self.errors  # noqa: B018 - validates the form: the valid values still apply
        return super().filter_queryset(self.queryset)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).filter(self.facet_q())

    def facet_rows(self) -> list[tuple[str, str, int]]:
        """(facet, key, count) rows: one grouped count per facet over the list filtered by
        the other facets, in one statement (``UNION ALL``); yes/no facets count under "1"."""
        base = self.counted_queryset().order_by()
        model = base.model
        parts = []
        for facet in self.facets:
            others = base.filter(self.facet_q(without=facet.name))
            if is_link(facet, model):
                # Counted from the link table: reading it once and hashing the rows is
                # cheaper than joining every row to its links.
                through, owner, key = facet.link(model)
                counted = through.objects.filter(**{f"{owner}__in": others.values("pk")})
                key = F(key)
            else:
                counted, key = others, facet.key(facet.prefix)
                if isinstance(key, Q):
                    counted, key = counted.filter(key), Value("1")
            parts.append(
                counted.annotate(
                    facet_name=Value(facet.name, output_field=CharField()),
                    facet_key=Cast(key, output_field=CharField()),
                )
                .values("facet_name", "facet_key")
                .annotate(facet_count=Count("pk"))
                .values_list("facet_name", "facet_key", "facet_count")
            )
        return list(parts[0].union(*parts[1:], all=True)) if parts else []

    def facet_counts(self, rows=None) -> dict[str, dict]:
        """Counts per offered value of every facet, each under the other facets' choices
        (from ``rows`` of (facet, key, count), by default ``facet_rows()``)."""
        rows = self.facet_rows() if rows is None else rows
        found = {(name, key): count for name, key, count in rows}
        return {
            facet.name: {
                value: found.get((facet.name, facet.count_key(value)), 0)
                for value, _label in self.facet_options(facet)
            }
            for facet in self.facets
        }

    def facet_options(self, facet: Facet) -> list[tuple]:
        """A facet's options, read once per FilterSet."""
        cache = self.__dict__.setdefault("_facet_options", {})
        if facet.name not in cache:
            cache[facet.name] = facet.options()
        return cache[facet.name]

    def label_choices_with_counts(self, counts: dict[str, dict]) -> None:
        """Show the counts in the options of the form's single-choice facets (a select):
        "Zuschuss (12)"."""
        for facet in self.facets:
            if facet.multiple:
                continue
            field = self.form.fields[facet.name]
            options = [
                (facet.count_key(value), f"{label} ({counts[facet.name][value]})")
                for value, label in self.facet_options(facet)
            ]
            field.widget.choices = [("", facet.empty_label), *options]

    def facet_groups(self, counts: dict[str, dict]) -> list[dict]:
        """The facets as the page shows them: legend and the options with a count or chosen
        (value as in the query string, label, count, whether chosen, an element id)."""
        active = self.active_facets()
        groups = []
        for facet in self.facets:
            chosen = {facet.count_key(value) for value in active.get(facet.name, [])}
            options = []
            for index, (value, label) in enumerate(self.facet_options(facet)):
                checked = facet.count_key(value) in chosen
                count = counts[facet.name][value]
                if count or checked:
                    options.append(
                        {
                            "value": "true" if value is True else value,
                            "label": label,
                            "count": count,
                            "checked": checked,
                            "id": f"facet-{facet.name}-{index}",
                        }
                    )
            groups.append({"name": facet.name, "legend": facet.label, "options": options})
        return groups


class MatchOnceFacetCounts:
    """Facet counts for a list found by a costly condition (a full-text match), which runs
    once: ``facet_rows_over_matches`` counts over a common table expression ``matched`` with
    one row per row found, its facet keys and whether it meets each active facet.

    Facets on a related row (all through the same foreign key) are counted per related row
    first (``by_related``), and only the related rows with a count are looked up: a broad
    query finds thousands of rows, and looking up the related row of each was a third of the
    statement's time. Besides the facets' rows it returns ("total", "", n): how many rows the
    list has, and, when they are at most ``keys_limit``, ("key", pk, 1) for each of them, so
    that the page reads them by primary key."""

    keys_limit = 500

    def related_among(self, facet: Facet, values) -> Q:
        """A facet on the related row as ``related IN (the related rows meeting it)``: as a
        column of ``matched``, PostgreSQL hashes those rows once instead of looking up the
        related row of every row found."""
        related = self.queryset.model._meta.get_field(facet.via).related_model
        conditions = (facet.condition(value) for value in values)
        return Q(
            **{f"{facet.via}__in": related.objects.filter(reduce(or_, conditions)).values("pk")}
        )

    def facet_rows_over_matches(self) -> list[tuple[str, str, int]]:
        model = self.queryset.model
        active = self.active_facets()
        own = [facet for facet in self.facets if not facet.via]
        links = [facet for facet in self.facets if is_link(facet, model)]
        related = [facet for facet in self.facets if facet.via and not is_link(facet, model)]
        (via,) = {facet.via for facet in related}
        facets = {facet.name: facet for facet in self.facets}
        meets = {
            f"meets_{name}": ExpressionWrapper(
                self.related_among(facets[name], values)
                if facets[name] in related
                else self.facet_condition(facets[name], values),
                output_field=BooleanField(),
            )
            for name, values in active.items()
        }
        keys = {facet.name: facet.key() for facet in own}
        matched = (
            self.counted_queryset()
            .order_by()
            .annotate(
                row_id=F("pk"),
                related_id=F(f"{via}_id"),
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
            .values("row_id", "related_id", *(f"key_{name}" for name in keys), *meets)
        )
        matched_sql, matched_params = matched.query.sql_with_params()
        related_model = model._meta.get_field(via).related_model
        related_rows = (
            related_model.objects.order_by()
            .annotate(
                **{
                    f"key_{facet.name}": Cast(facet.key(), output_field=CharField())
                    for facet in related
                }
            )
            .values("pk", *(f"key_{facet.name}" for facet in related))
        )
        related_sql, related_params = related_rows.query.sql_with_params()

        def meeting(without: str | None = None) -> list[str]:
            """The conditions of every active facet (but ``without``)."""
            return [f"m.meets_{name}" for name in active if name != without]

        def counted(without: str, *extra: str, join: str = "") -> str:
            """The rows a count reads: the rows found under every active facet but
            ``without``, that also meet ``extra`` (``join`` adds tables to them)."""
            if active and without not in active:
                # Under every active facet: the listed rows, narrowed once.
                source, conditions = "listed", [*extra]
            else:
                source, conditions = "matched", [*meeting(without), *extra]
            where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
            return f"FROM {source} m{join}{where}"

        per_related = ", ".join(
            f"COUNT(*) FILTER (WHERE {' AND '.join(meeting(facet.name)) or 'TRUE'})"
            f" AS for_{facet.name}"
            for facet in related
        )
        related_columns = ", ".join(f"b.for_{f.name}, r.key_{f.name}" for f in related)
        any_count = " OR ".join(f"b.for_{facet.name} > 0" for facet in related)
        ctes = [f"matched AS ({matched_sql})"]
        if active:
            ctes.append(f"listed AS (SELECT * FROM matched m WHERE {' AND '.join(meeting())})")
        ctes += [
            f"by_related AS (SELECT m.related_id, {per_related} FROM matched m"
            " GROUP BY m.related_id)",
            f"related_rows AS (SELECT {related_columns} FROM by_related b JOIN ({related_sql}) r"
            f" ON r.pk = b.related_id WHERE {any_count})",
        ]
        legs = [
            f"SELECT 'total', '', COUNT(*) {counted('total')}",
            # The keys of the listed rows, when they are few: the page then reads them by
            # primary key. Planning the page's own match, PostgreSQL underestimates how many
            # rows the words find (words are rarely independent) and picks a slow plan.
            "SELECT 'key', CAST(m.row_id AS varchar(20)), 1 "
            + counted("total", f"(SELECT COUNT(*) {counted('total')}) <= {self.keys_limit}"),
        ]
        for facet in links:
            # A facet behind a link table joins the links (a row counts once per value).
            through, owner, _key = facet.link(model)
            relation = model._meta.get_field(facet.via)
            target = relation.related_model
            link, value = f"l_{facet.name}", f"v_{facet.name}"
            join = (
                f' JOIN "{through._meta.db_table}" {link}'
                f' ON {link}."{through._meta.get_field(owner).column}" = m.row_id'
                f' JOIN "{target._meta.db_table}" {value}'
                f' ON {value}."{target._meta.pk.column}"'
                f' = {link}."{through._meta.get_field(relation.m2m_reverse_field_name()).column}"'
            )
            column = f'{value}."{target._meta.get_field(facet.to_field_name).column}"'
            legs.append(
                f"SELECT '{facet.name}', {column}, COUNT(*) {counted(facet.name, join=join)}"
                f" GROUP BY {column}"
            )
        for facet in related:
            legs.append(
                f"SELECT '{facet.name}', l.key_{facet.name}, CAST(SUM(l.for_{facet.name})"
                f" AS bigint) FROM related_rows l GROUP BY l.key_{facet.name}"
                f" HAVING SUM(l.for_{facet.name}) > 0"
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
            cursor.execute(sql, (*matched_params, *related_params))
            return cursor.fetchall()
