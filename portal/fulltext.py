"""PostgreSQL full-text search shared by the apps: web-style prefix queries, a stored
weighted document with its GIN index, snippets; and the word splitting of the plain
fallback on databases without full-text search (SQLite).

An app stores the weighted ``tsvector`` of its model in a generated column
(``add_stored_document`` in a migration), matches and ranks on it through
``StoredDocument``, and never recomputes the document per row at query time."""

import re

import nh3
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection, models

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
