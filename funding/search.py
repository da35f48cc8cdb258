"""Programmes in the site-wide search (/suche/)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from funding.models import FundingProgramme
from portal.examples import example_meta
from portal.querysets import first_with_total
from portal.search import SearchHit, SearchResult, SearchSection


def search_programmes(query: str, *, user, limit: int) -> SearchResult:
    """Visible programmes whose title, short name, funding body or summary match; one
    query (hits and their total)."""
    queryset = FundingProgramme.objects.visible_to(user).search(query).order_by("title", "pk")
    rows, total = first_with_total(
        queryset.only("title", "slug", "summary", "level", "funding_body", "is_example"), limit
    )
    hits = [
        SearchHit(
            title=programme.title,
            url=programme.get_absolute_url(),
            summary=programme.summary[:240],
            meta=example_meta(
                f"{programme.get_level_display()} · {programme.funding_body}", programme
            ),
        )
        for programme in rows
    ]
    return SearchResult(hits=hits, total=total)


def more_url(query: str) -> str:
    return f"{reverse('funding:programme_list')}?{urlencode({'q': query})}"


def search_sections():
    return [
        SearchSection(
            key="funding",
            title=_("Förderprogramme"),
            search=search_programmes,
            more_url=more_url,
            order=40,
        )
    ]
