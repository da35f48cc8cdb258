import re

import nh3
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Greatest

from portal.querysets import PublishableQuerySet

SEARCH_CONFIG = "german"
# word_similarity() of a misspelt word to the closest word of a title: "Digitalisirung" to
# "Digitalisierung" scores about 0.6, unrelated words stay well below this.
TRIGRAM_THRESHOLD = 0.45


class PrefixSearchQuery(SearchQuery):
    """``websearch_to_tsquery`` (phrases, ``-exclusion``, ``OR``) with every lexeme matched as
    a prefix.

    The Snowball stemmer cuts "Digitalisierung" to ``digitalisier`` but "digitalisierte" to
    ``digitalisiert``; as a prefix the first finds the second. Operators stay as they are:
    ``'a' & !'b'`` becomes ``'a':* & !'b':*``."""

    LEXEME = r"'((?:[^']|'')+)'"
    PREFIX = r"'\1':*"

    def __init__(self, value, **kwargs):
        super().__init__(value, search_type="websearch", config=SEARCH_CONFIG, **kwargs)

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = super().as_sql(compiler, connection, function, template)
        return (
            f"CAST(regexp_replace(CAST({sql} AS text), %s, %s, 'g') AS tsquery)",
            [*params, self.LEXEME, self.PREFIX],
        )


def project_search_vector() -> SearchVector:
    """The weighted document of a project: title A, summary B, description and results C.

    The GIN index of migration 0002 is built on exactly this expression, so PostgreSQL uses
    it for ``@@`` matches."""
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", "results", weight="C", config=SEARCH_CONFIG)
    )


class StoredSearchDocument(models.Expression):
    """The project's weighted document as stored by migration 0005 (PostgreSQL only): the
    same value as ``project_search_vector()``, read instead of computed, for ranking."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f'{table}."search_document"', []


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def clean_snippet(html: str | None) -> str:
    """A search headline as safe HTML: only the ``<mark>`` highlights survive."""
    return nh3.clean(html or "", tags={"mark"}, attributes={})


_WORD = re.compile(r'-?"[^"]*"|\S+')


def simple_terms(query: str) -> tuple[list[str], list[str]]:
    """Words to find and words to exclude from a web-style query, for databases without
    full-text search; quotes group a phrase, ``or`` is ignored."""
    include, exclude = [], []
    for token in _WORD.findall(query):
        negative = token.startswith("-") and len(token) > 1
        word = token.lstrip("-").strip('"').strip()
        if not word or word.lower() == "or":
            continue
        (exclude if negative else include).append(word)
    return include, exclude


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
        matches = self.annotate(
            search_document=project_search_vector(),
            # Ranking reads the stored document: recomputing it for every match is the
            # expensive part of a search that matches most projects.
            search_rank=SearchRank(StoredSearchDocument(), search_query),
        ).filter(search_document=search_query)
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

    def with_any_theme(self, theme_slugs):
        """Projects in at least one of the themes (EXISTS, so no duplicate rows)."""
        through = self.model.themes.through
        return self.filter(
            Exists(through.objects.filter(project=OuterRef("pk"), theme__slug__in=theme_slugs))
        )

    def funded_by(self, programme):
        """Projects funded by a programme of the funding catalogue (an instance or a slug)."""
        through = self.model.funding_programmes.through
        if isinstance(programme, str):
            condition = {"fundingprogramme__slug": programme}
        else:
            condition = {"fundingprogramme": programme}
        return self.filter(Exists(through.objects.filter(project=OuterRef("pk"), **condition)))

    def involving(self, municipality):
        """Projects a municipality leads or takes part in."""
        through = self.model.participating_municipalities.through
        return self.filter(
            Q(lead_municipality=municipality)
            | Exists(through.objects.filter(project=OuterRef("pk"), municipality=municipality))
        )
