"""Events and expert circles in the site-wide search (two sections)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, ExpertCircle
from portal.search import SearchHit, SearchResult, SearchSection


def search_events(query: str, *, user, limit: int) -> SearchResult:
    """Upcoming events first, then past ones, each group by its start."""
    queryset = Event.objects.visible_to(user).search(query)
    total = queryset.count()
    now = timezone.now()
    upcoming = list(queryset.filter(end__gt=now).order_by("start", "pk")[:limit])
    past = []
    if len(upcoming) < limit:
        past = list(
            queryset.filter(end__lte=now).order_by("-start", "-pk")[: limit - len(upcoming)]
        )
    hits = [
        SearchHit(
            title=event.title,
            url=event.get_absolute_url(),
            meta=f"{event.get_kind_display()} · "
            + formats.date_format(event.first_day, "DATE_FORMAT")
            + (f" · {_('abgesagt')}" if event.cancelled else ""),
            summary=event.location_text,
        )
        for event in upcoming + past
    ]
    return SearchResult(hits=hits, total=total)


def search_circles(query: str, *, user, limit: int) -> SearchResult:
    queryset = ExpertCircle.objects.visible_to(user).search(query).order_by("name")
    circles = list(queryset[:limit])
    total = len(circles) if len(circles) < limit else queryset.count()
    hits = [
        SearchHit(
            title=circle.name,
            url=circle.get_absolute_url(),
            meta=_("Expertenkreis · Moderation: %(organisation)s")
            % {"organisation": circle.moderation_organisation},
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
