"""Events and expert circles in the site-wide search (two sections)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import DateTimeField, ExpressionWrapper, F
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, ExpertCircle
from portal.examples import example_meta
from portal.fulltext import is_postgresql
from portal.querysets import first_with_total
from portal.search import SearchHit, SearchResult, SearchSection


def by_start():
    """The start as the sort key of the hits: on PostgreSQL an expression no index provides.

    Sorted by the bare column, PostgreSQL walks the (status, start) index and tests every
    event on the way against the full-text match and ``end > now``; it expects the hits
    spread evenly, but all past events come first in that order (18,000 of 50,000 at
    national scale: about 30 ms for any query). Sorting the expression makes it collect
    the hits through the GIN index of the stored document and sort only those (about 3 ms
    for a rare word, 20 ms for one in a quarter of all events)."""
    if not is_postgresql():
        return F("start")
    return ExpressionWrapper(F("start") + timedelta(0), output_field=DateTimeField())


def search_events(query: str, *, user, limit: int) -> SearchResult:
    """Upcoming events first, then past ones, each group by its start."""
    queryset = Event.objects.visible_to(user).search(query)
    total = queryset.count()
    now = timezone.now()
    # Not ``ending_after``: its bound on the start would lead PostgreSQL back to the start
    # index, where the match should lead (see ``by_start``).
    upcoming = list(queryset.filter(end__gt=now).order_by(by_start().asc(), "pk")[:limit])
    past = []
    if len(upcoming) < limit:
        past = list(
            queryset.filter(end__lte=now).order_by(by_start().desc(), "-pk")[
                : limit - len(upcoming)
            ]
        )
    hits = [
        SearchHit(
            title=event.title,
            url=event.get_absolute_url(),
            meta=example_meta(
                f"{event.get_kind_display()} · "
                + formats.date_format(event.first_day, "DATE_FORMAT")
                + (f" · {_('abgesagt')}" if event.cancelled else ""),
                event,
            ),
            summary=event.location_text,
        )
        for event in upcoming + past
    ]
    return SearchResult(hits=hits, total=total)


def search_circles(query: str, *, user, limit: int) -> SearchResult:
    queryset = ExpertCircle.objects.visible_to(user).search(query).order_by("name")
    circles, total = first_with_total(queryset, limit)
    hits = [
        SearchHit(
            title=circle.name,
            url=circle.get_absolute_url(),
            meta=example_meta(
                _("Expertenkreis · Moderation: %(organisation)s")
                % {"organisation": circle.moderation_organisation},
                circle,
            ),
        )
        for circle in circles
    ]
    return SearchResult(hits=hits, total=total)


def search_sections() -> list[SearchSection]:
    return [
        SearchSection(
            key="events",
            title=_("Termine"),
            search=search_events,
            more_url=lambda query: reverse("events:event_list") + "?" + urlencode({"q": query}),
            order=30,
        ),
        SearchSection(
            key="expert-circles",
            title=_("Expertenkreise"),
            search=search_circles,
            more_url=lambda query: reverse("events:circle_list") + "?" + urlencode({"q": query}),
            order=31,
        ),
    ]
