import calendar
import json
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView, View

from cities.models import Association, District, Municipality
from events.choices import AttendanceMode
from events.feeds import FEED_MAX_EVENTS, events_calendar, feed_window, last_change, plain_text
from events.filters import EventFilterSet, ExpertCircleFilterSet
from events.models import HOST_FIELDS, Event, ExpertCircle
from portal.ical import calendar_response
from portal.models import Theme
from portal.querysets import can_view_unpublished
from portal.views import FilteredListView

# A month never lists more than this many events; beyond it the page asks for filters.
MONTH_MAX_EVENTS = 300
CIRCLE_MEETINGS_SHOWN = 20


def themes_prefetch():
    return Prefetch("themes", queryset=Theme.objects.only("name", "name_en", "slug"))


def event_list_queryset(user):
    """The events a visitor may see, with what lists and feeds show loaded up front."""
    return (
        Event.objects.visible_to(user)
        .select_related("venue_municipality__state")
        .prefetch_related(themes_prefetch())
    )


def filter_query_string(request) -> str:
    """The current filters as a query string, without the page number."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def feed_links(request, path: str, query: str = "") -> dict:
    """The https:// and webcal:// addresses of a calendar subscription."""
    url = request.build_absolute_uri(path) + (f"?{query}" if query else "")
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


class EventListView(FilteredListView):
    """Upcoming events, soonest first, with the shared filters and a subscription link."""

    model = Event
    filterset_class = EventFilterSet
    template_name = "events/event_list.html"
    archive = False

    def get_base_queryset(self):
        queryset = event_list_queryset(self.request.user)
        return queryset.past() if self.archive else queryset.upcoming()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = filter_query_string(self.request)
        context.update(
            archive=self.archive,
            filter_query=query,
            **feed_links(self.request, reverse("events:event_feed"), query),
        )
        return context


class EventArchiveView(EventListView):
    """Past events, most recent first."""

    archive = True


class EventMonthView(TemplateView):
    """A month as an accessible calendar table (weeks from Monday), with the shared filters."""

    template_name = "events/event_month.html"

    def get_month(self) -> tuple[int, int]:
        if "year" not in self.kwargs:
            today = timezone.localdate()
            return today.year, today.month
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not (1 <= month <= 12 and 1900 <= year <= 2200):
            raise Http404
        return year, month

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = self.get_month()
        base = event_list_queryset(self.request.user).in_month(year, month)
        filterset = EventFilterSet(self.request.GET or None, queryset=base, request=self.request)
        events = list(filterset.qs[: MONTH_MAX_EVENTS + 1])
        truncated = len(events) > MONTH_MAX_EVENTS
        events = events[:MONTH_MAX_EVENTS]
        today = timezone.localdate()
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        days = {day: [] for week in weeks for day in week if day.month == month}
        for event in events:
            day = max(event.first_day, date(year, month, 1))
            while day <= event.last_day and day in days:
                days[day].append(event)
                day += timedelta(days=1)
        first = date(year, month, 1)
        previous_month = first - timedelta(days=1)
        next_month = first + timedelta(days=32)
        query = filter_query_string(self.request)
        suffix = f"?{query}" if query else ""
        context.update(
            filterset=filterset,
            filter_form=filterset.form,
            month_start=first,
            weeks=[
                {
                    "number": week[0].isocalendar()[1],
                    "days": [
                        {
                            "date": day,
                            "in_month": day.month == month,
                            "is_today": day == today,
                            "events": days.get(day, []),
                        }
                        for day in week
                    ],
                }
                for week in weeks
            ],
            weekdays=[
                (_("Mo"), _("Montag")),
                (_("Di"), _("Dienstag")),
                (_("Mi"), _("Mittwoch")),
                (_("Do"), _("Donnerstag")),
                (_("Fr"), _("Freitag")),
                (_("Sa"), _("Samstag")),
                (_("So"), _("Sonntag")),
            ],
            event_count=len(events),
            has_examples=any(event.is_example for event in events),
            truncated=truncated,
            previous_month=previous_month,
            next_month=next_month,
            previous_url=reverse(
                "events:event_month", args=[previous_month.year, previous_month.month]
            )
            + suffix,
            next_url=reverse("events:event_month", args=[next_month.year, next_month.month])
            + suffix,
            filter_query=query,
        )
        return context


def json_ld_script(data: dict) -> str:
    """A JSON-LD data block that cannot end the script element early."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # "</script>" or "<!--" inside a string would end or confuse the element (HTML spec
    # 4.12.1.3); as JSON escapes they mean the same characters.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def event_json_ld(event: Event, request) -> dict:
    """schema.org/Event for search engines."""
    modes = event.attendance_modes
    if modes == [AttendanceMode.ONLINE]:
        attendance = "https://schema.org/OnlineEventAttendanceMode"
    elif len(modes) == 2:
        attendance = "https://schema.org/MixedEventAttendanceMode"
    else:
        attendance = "https://schema.org/OfflineEventAttendanceMode"
    if event.all_day:
        start, end = event.start_date.isoformat(), event.last_day.isoformat()
    else:
        start = timezone.localtime(event.start).isoformat()
        end = timezone.localtime(event.end).isoformat()
    locations = []
    if AttendanceMode.ON_SITE in modes:
        place = {"@type": "Place", "name": event.venue_name or event.location_text}
        address = event.venue_address or (
            event.venue_municipality.name if event.venue_municipality_id else ""
        )
        if address:
            place["address"] = address
        if event.latitude is not None and event.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": event.latitude,
                "longitude": event.longitude,
            }
        locations.append(place)
    if event.online_link:
        locations.append({"@type": "VirtualLocation", "url": event.online_link})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventCancelled"
        if event.cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": attendance,
        "location": locations[0] if len(locations) == 1 else locations,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "inLanguage": event.language,
    }
    if event.description:
        data["description"] = plain_text(event.description)
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser}
    if event.fee_amount is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": str(event.fee_amount),
            "priceCurrency": "EUR",
            "url": event.registration_url or data["url"],
        }
    return data


class EventDetailView(DetailView):
    """One event with all its data, a map, a calendar download and schema.org data."""

    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return (
            Event.objects.visible_to(self.request.user)
            .select_related("venue_municipality__state", "expert_circle", "series", *HOST_FIELDS)
            .prefetch_related("themes")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        circle = event.expert_circle
        # The event follows its own status; its circle is linked only if the visitor may
        # see the circle too.
        context["circle_visible"] = circle is not None and (
            circle.is_published or can_view_unpublished(self.request.user, ExpertCircle)
        )
        # A made-up event is not described to search engines as an event that takes place.
        context["json_ld"] = (
            "" if event.is_example else json_ld_script(event_json_ld(event, self.request))
        )
        return context


class EventICalView(View):
    """One event as an .ics file ("add to my calendar")."""

    def get(self, request, slug):
        event = get_object_or_404(
            Event.objects.visible_to(request.user).select_related("venue_municipality"),
            slug=slug,
        )
        feed = events_calendar([event], request=request, name=event.title)
        return calendar_response(
            request, feed, filename=f"{event.slug}.ics", last_modified=event.updated_at
        )


class EventFeedView(View):
    """The subscription feed: the list's filters, upcoming events and the recent past."""

    def get(self, request):
        base = feed_window(
            Event.objects.visible_to(request.user).select_related("venue_municipality")
        )
        filterset = EventFilterSet(request.GET or None, queryset=base, request=request)
        events = list(filterset.qs[:FEED_MAX_EVENTS])
        feed = events_calendar(
            events,
            request=request,
            name=_("Termine – Digitale Städte und Regionen"),
            description=_("Veranstaltungen und Expertenkreise für Kommunen"),
        )
        return calendar_response(
            request, feed, filename="termine.ics", last_modified=last_change(events)
        )


def circle_queryset(user):
    """Circles the visitor may see, with the number of their upcoming meetings."""
    meetings = Q(meetings__end__gt=timezone.now())
    if not can_view_unpublished(user, Event):
        meetings &= Q(meetings__status="published")
    return (
        ExpertCircle.objects.visible_to(user)
        .prefetch_related(themes_prefetch())
        .annotate(upcoming_meeting_count=Count("meetings", filter=meetings))
        .order_by("name")
    )


class ExpertCircleListView(FilteredListView):
    """The expert circles with their themes and how many meetings are coming."""

    model = ExpertCircle
    filterset_class = ExpertCircleFilterSet
    template_name = "events/expertcircle_list.html"

    def get_base_queryset(self):
        return circle_queryset(self.request.user)


class ExpertCircleDetailView(DetailView):
    """A circle with its upcoming and past meetings and its calendar feed."""

    template_name = "events/expertcircle_detail.html"
    context_object_name = "circle"

    def get_queryset(self):
        return (
            ExpertCircle.objects.visible_to(self.request.user)
            .prefetch_related("themes")
            .prefetch_related(
                Prefetch(
                    "member_municipalities",
                    queryset=Municipality.objects.only("name", "ags"),
                ),
                Prefetch("member_associations", queryset=Association.objects.only("name", "key")),
                Prefetch("member_districts", queryset=District.objects.only("name", "key")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = (
            Event.objects.visible_to(self.request.user)
            .filter(expert_circle=self.object)
            .select_related("venue_municipality")
        )
        context["upcoming_meetings"] = meetings.upcoming()[:CIRCLE_MEETINGS_SHOWN]
        context["past_meetings"] = meetings.past()[:CIRCLE_MEETINGS_SHOWN]
        context["all_meetings_url"] = reverse("events:event_list") + f"?circle={self.object.slug}"
        context.update(
            feed_links(
                self.request, reverse("events:circle_feed", kwargs={"slug": self.object.slug})
            )
        )
        return context


class ExpertCircleFeedView(View):
    """The meetings of one circle as a subscription feed."""

    def get(self, request, slug):
        circle = get_object_or_404(ExpertCircle.objects.visible_to(request.user), slug=slug)
        events = list(
            feed_window(
                Event.objects.visible_to(request.user)
                .filter(expert_circle=circle)
                .select_related("venue_municipality")
            )[:FEED_MAX_EVENTS]
        )
        feed = events_calendar(
            events,
            request=request,
            name=circle.name,
            description=_("Treffen des Expertenkreises"),
        )
        return calendar_response(
            request,
            feed,
            filename=f"{circle.slug}.ics",
            last_modified=max(filter(None, [last_change(events), circle.updated_at])),
        )
