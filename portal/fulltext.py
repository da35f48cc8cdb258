"""PostgreSQL full-text search shared by the apps: web-style prefix queries, a stored
weighted document with its GIN index, snippets; and the word splitting of the plain
fallback on databases without full-text search (SQLite).

An app stores the weighted ``tsvector`` of its model in a generated column
(``add_stored_document`` in a migration, with the SQL of ``weighted_document_sql``), matches
and ranks on it through ``StoredDocument``, and never recomputes the document per row at
query time. ``weighted_vector`` computes the same document on the fly, for tests that
compare the two; ``match_document`` is the whole search of an app that filters without
ranking (PostgreSQL: the stored document; elsewhere: ``every_word_in`` its fields)."""

import re
from collections.abc import Mapping, Sequence

import nh3
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection, models
from django.db.models import Q

SEARCH_CONFIG = "german"


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


class StoredDocument(models.Expression):
    """The weighted document a model stores in its generated ``search_document`` column
    (PostgreSQL only): read, never recomputed; its GIN index serves the ``@@`` match."""

    output_field = SearchVectorField()
    column = "search_document"

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f'{table}."{self.column}"', []


# A weighted document: weight letter → the text columns it covers, e.g.
# ``{"A": ["title"], "B": ["summary"], "C": ["description", "results"]}``.
Weights = Mapping[str, Sequence[str]]


def weighted_vector(weights: Weights) -> SearchVector:
    """The weighted document computed on the fly: what ``weighted_document_sql`` stores.
    Tests compare the two; queries read the stored column (``StoredDocument``)."""
    vectors = [
        SearchVector(*columns, weight=weight, config=SEARCH_CONFIG)
        for weight, columns in weights.items()
    ]
    document = vectors[0]
    for vector in vectors[1:]:
        document = document + vector
    return document


def weighted_document_sql(weights: Weights) -> str:
    """The SQL of the weighted document for ``add_stored_document``: the same text as
    Django renders for ``weighted_vector(weights)`` (columns of one weight joined by a
    space, NULL as empty text), so the stored and the computed document are equal."""
    parts = []
    for weight, columns in weights.items():
        text = " || ' ' || ".join(f"COALESCE(\"{column}\", '')" for column in columns)
        parts.append(f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, {text}), '{weight}')")
    return " || ".join(parts)


def match_document(queryset, query: str, *, fallback_fields: Sequence[str]):
    """Rows of ``queryset`` matching the web-style ``query``, in the queryset's own order.

    PostgreSQL: ``PrefixSearchQuery`` on the stored document (its GIN index; the column is
    aliased, never selected). Elsewhere (SQLite): every word of ``query`` must occur in one
    of ``fallback_fields`` (case-insensitive substrings)."""
    query = " ".join((query or "").split())
    if not query:
        return queryset
    if is_postgresql():
        return queryset.alias(search_document=StoredDocument()).filter(
            search_document=PrefixSearchQuery(query)
        )
    return queryset.filter(every_word_in(query, fallback_fields))


def every_word_in(query: str, fields: Sequence[str]) -> Q:
    """Every word of ``query`` in at least one of ``fields`` (case-insensitive substrings):
    the plain search on databases without full-text search."""
    condition = Q()
    for word in query.split():
        word_condition = Q()
        for field in fields:
            word_condition |= Q(**{f"{field}__icontains": word})
        condition &= word_condition
    return condition


def add_stored_document(schema_editor, *, table: str, expression: str, index: str) -> None:
    """Migration step: the generated ``search_document`` column of ``table`` (the SQL
    ``expression`` of its weighted document) and its GIN index ``index``. PostgreSQL only;
    elsewhere nothing (the app's plain search needs neither)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    column = StoredDocument.column
    schema_editor.execute(
        f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "{column}" tsvector '
        f"GENERATED ALWAYS AS ({expression}) STORED"
    )
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin ("{column}")'
    )


def remove_stored_document(schema_editor, *, table: str, index: str) -> None:
    """The reverse of ``add_stored_document``."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{index}"')
    schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{StoredDocument.column}"')


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
