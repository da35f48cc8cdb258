"""Municipalities in the site-wide search, by name or by the start of their AGS."""

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import Municipality
from portal.querysets import first_with_total
from portal.search import SearchHit, SearchResult, SearchSection


def search_municipalities(query: str, *, user, limit: int) -> SearchResult:
    """Register data is public; the current municipalities (as in every current list), one
    query (hits and their total) whatever the number."""
    compact = query.replace(" ", "")
    condition = Q(name__icontains=query)
    if compact.isdigit():
        condition |= Q(ags__startswith=compact)
    matches = Municipality.objects.visible_to(user).current().filter(condition)
    columns = ("ags", "name", "kind", "state__name", "state__name_en")
    rows, total = first_with_total(matches.select_related("state").only(*columns), limit)
    hits = [
        SearchHit(
            title=municipality.name,
            url=municipality.get_absolute_url(),
            meta=f"{municipality.get_kind_display()} · {municipality.state} · "
            f"AGS {municipality.ags}",
        )
        for municipality in rows
    ]
    return SearchResult(hits=hits, total=total)


def search_sections() -> list[SearchSection]:
    return [
        SearchSection(
            key="municipalities",
            title=_("Kommunen"),
            search=search_municipalities,
            more_url=lambda query: (
                f"{reverse('cities:municipality_list')}?{urlencode({'q': query})}"
            ),
            order=10,
        )
    ]
