from django.contrib.postgres.search import (
    SearchHeadline,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Greatest

from cities.querysets import size_class_q
from portal.fulltext import (
    SEARCH_CONFIG,
    PrefixSearchQuery,
    StoredDocument,
    is_postgresql,
    simple_terms,
    weighted_vector,
)
from portal.querysets import PublishableQuerySet

# word_similarity() of a misspelt word to the closest word of a title: "Digitalisirung" to
# "Digitalisierung" scores about 0.6, unrelated words stay well below this.
TRIGRAM_THRESHOLD = 0.45


# The weighted document of a project. Migration 0006 stores exactly this in the generated
# column ``search_document``; searches read that column (``portal.fulltext.StoredDocument``).
PROJECT_DOCUMENT = {"A": ["title"], "B": ["summary"], "C": ["description", "results"]}


def project_search_vector() -> SearchVector:
    """The weighted document of a project, computed (what the stored column holds)."""
    return weighted_vector(PROJECT_DOCUMENT)


class ProjectQuerySet(PublishableQuerySet):
    """Filters for best-practice projects."""

    def search(self, query: str):
        """Projects matching a web-style query (phrases, ``-exclusion``, ``OR``), annotated
        with ``search_rank``.

        PostgreSQL: weighted German full-text search; when it finds nothing, trigram word
        similarity to the title and summary catches typos. Elsewhere every word must occur
        in the title or summary."""
        query = " ".join((query or "").split())
        if not query:
            return self
        if not is_postgresql():
            return self._simple_search(query)
        search_query = PrefixSearchQuery(query)
        # Match and rank on the stored document: recomputing it from the text columns for
        # every candidate row (as an index recheck, or in the facet counts that re-run the
        # match) was the expensive part of a search. ``alias`` keeps it out of the SELECT.
        matches = (
            self.alias(search_document=StoredDocument())
            .annotate(search_rank=SearchRank(StoredDocument(), search_query))
            .filter(search_document=search_query)
        )
        # The fallback runs only when the query has no full-text hit at all (one EXISTS).
        if matches.exists():
            return matches
        similarity = Greatest(
            TrigramWordSimilarity(query, "title"), TrigramWordSimilarity(query, "summary")
        )
        return self.annotate(search_rank=similarity).filter(search_rank__gte=TRIGRAM_THRESHOLD)

    def _simple_search(self, query: str):
        include, exclude = simple_terms(query)
        queryset = self.annotate(search_rank=Value(0.0, output_field=models.FloatField()))
        for word in include:
            queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
        for word in exclude:
            queryset = queryset.exclude(Q(title__icontains=word) | Q(summary__icontains=word))
        return queryset

    def with_snippet(self, query: str):
        """Annotate ``search_snippet``: the summary with the query's words marked (PostgreSQL
        only; rendered through ``clean_snippet``)."""
        query = " ".join((query or "").split())
        if not query or not is_postgresql():
            return self
        return self.annotate(
            search_snippet=SearchHeadline(
                "summary",
                PrefixSearchQuery(query),
                config=SEARCH_CONFIG,
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=30,
                min_words=12,
                max_fragments=2,
            )
        )

    def funded_by(self, programme):
        """Projects funded by a programme of the funding catalogue (an instance, or a
        queryset of programmes: any of them)."""
        through = self.model.funding_programmes.through
        if isinstance(programme, models.QuerySet):
            condition = {"fundingprogramme__in": programme}
        else:
            condition = {"fundingprogramme": programme}
        return self.filter(Exists(through.objects.filter(project=OuterRef("pk"), **condition)))

    def similar_to(self, project, theme_ids: list[int]):
        """Projects sharing the most of ``theme_ids`` (the project's themes) with ``project``,
        from municipalities of its size class, then the newest first. PostgreSQL ranks the
        candidates from the covering index ``bp_project_facet_idx`` (migration 0010) without
        reading their rows."""
        queryset = (
            self.exclude(pk=project.pk)
            .filter(themes__in=theme_ids)
            .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids)))
        )
        # A Gemeindeverband or a district as lead has no size class: no narrowing then.
        size_class = project.lead_municipality.size_class if project.lead_municipality else None
        if size_class:
            queryset = queryset.filter(size_class_q(size_class, "lead_municipality__population"))
        return queryset.order_by("-shared", "-published_at", "pk")

    def involving(self, municipality):
        """Projects a municipality (an instance or its AGS) leads or takes part in."""
        through = self.model.participating_municipalities.through
        lookup = "municipality__ags" if isinstance(municipality, str) else "municipality"
        # The keys of both sets, each found through its index. Given the OR of the two
        # conditions, PostgreSQL expected half the table to match and read all of it
        # (140 ms at national scale for a municipality with seven projects).
        keys = (
            self.model.objects.filter(**{f"lead_{lookup}": municipality})
            .order_by()
            .values("pk")
            .union(through.objects.filter(**{lookup: municipality}).values("project_id"))
        )
        return self.filter(pk__in=keys)
