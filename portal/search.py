"""Site-wide search: composes the search sections that the domain apps contribute.

An app takes part with a ``search.py`` module that defines ``search_sections()``, returning
``SearchSection`` objects. Each section searches only what the user may see (its model's
``visible_to``) and returns at most ``limit`` hits plus the total count.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from portal.registry import project_modules

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchHit:
    """One result, already shaped for the result list."""

    title: str
    url: str
    summary: str = ""
    meta: str = ""


@dataclass(frozen=True)
class SearchResult:
    """The hits of one section and how many there are in all."""

    hits: list[SearchHit]
    total: int


@dataclass(frozen=True)
class SearchSection:
    """A group of results on /suche/ (e.g. municipalities), with a link to its full list."""

    key: str
    title: str
    search: Callable[..., SearchResult]  # search(query, *, user, limit) -> SearchResult
    more_url: Callable[[str], str] | None = None
    order: int = 100
    extra: dict = field(default_factory=dict)


def search_sections() -> list[SearchSection]:
    """All sections of all apps, in display order."""
    sections = []
    for module in project_modules("search"):
        sections.extend(module.search_sections())
    return sorted(sections, key=lambda section: section.order)


def normalise_query(raw: str | None) -> str:
    """Trim white space and cap the length of a search query."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]
